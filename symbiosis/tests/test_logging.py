"""Structured logs and request ids, as an operator reads them from gunicorn's output.

gunicorn runs with the repository's gunicorn.conf.py and production settings;
every line it writes to standard output must be a JSON object, and the lines of one
request must carry that request's id.
"""

import json
import re
import signal
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings

from tests.test_production import listening_socket, manage, production_env, wait_until_answering

UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


class ConfiguredServer:
    """gunicorn -c gunicorn.conf.py symbiosis.wsgi, as the README deploys it."""

    def __init__(self, env, log_path):
        listener = listening_socket()
        self.port = listener.getsockname()[1]
        self.log_path = log_path
        self.log = open(log_path, "wb")  # noqa: SIM115 (closed in stop())
        env = {
            **env,
            "GUNICORN_BIND": f"fd://{listener.fileno()}",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "2",
            "GUNICORN_GRACEFUL_TIMEOUT": "5",
        }
        # --bind from GUNICORN_BIND, as gunicorn.conf.py reads it in production.
        with listener:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "symbiosis.wsgi"],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=self.log,
                stderr=subprocess.STDOUT,
                pass_fds=[listener.fileno()],
            )
        if not wait_until_answering(self.process, self.port):
            self.stop()
            raise RuntimeError(log_path.read_text())

    def get(self, path, headers=None):
        import http.client

        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
            connection.request(
                "GET", path, headers={"X-Forwarded-Proto": "https", **(headers or {})}
            )
            response = connection.getresponse()
            response.body = response.read()
            connection.close()
        except OSError:
            return None
        return response

    def lines(self):
        self.log.flush()
        return [line for line in self.log_path.read_text().splitlines() if line.strip()]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("logging")
    env = production_env(tmp_path)
    result = manage(env, "migrate", "--noinput", "-v0")
    assert result.returncode == 0, result.stderr
    server = ConfiguredServer(env, tmp_path / "gunicorn.log")
    server.env = env  # for manage.py commands against the same database
    yield server
    server.stop()


def records(server, wait_for=None):
    """Every line gunicorn wrote, parsed: all of them must be JSON objects."""
    deadline = time.monotonic() + 5
    while True:
        parsed = [json.loads(line) for line in server.lines()]
        if wait_for is None or any(wait_for(r) for r in parsed) or time.monotonic() > deadline:
            return parsed
        time.sleep(0.05)


@pytest.mark.slow
def test_every_line_is_json_with_time_level_logger_and_message(server):
    server.get("/en/")
    for record in records(server):
        assert {"time", "level", "logger", "message"} <= record.keys()
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", record["time"])


@pytest.mark.slow
def test_a_requests_lines_carry_the_proxys_request_id(server):
    response = server.get("/da/findes-ikke/", headers={"X-Request-ID": "nginx-4f2a-77"})
    assert response.status == 404
    assert response.getheader("X-Request-ID") == "nginx-4f2a-77"

    mine = [
        r
        for r in records(
            server, lambda r: r["logger"] == "gunicorn.access" and "findes" in r["path"]
        )
        if r.get("request_id") == "nginx-4f2a-77"
    ]
    by_logger = {r["logger"]: r for r in mine}
    assert by_logger.keys() == {"django.request", "gunicorn.access"}
    django_line = by_logger["django.request"]
    assert django_line["message"] == "Not Found: /da/findes-ikke/"
    assert (django_line["method"], django_line["path"], django_line["status"]) == (
        "GET",
        "/da/findes-ikke/",
        404,
    )
    access = by_logger["gunicorn.access"]
    assert (access["method"], access["path"], access["status"]) == ("GET", "/da/findes-ikke/", 404)
    assert isinstance(access["duration_ms"], float) and 0 < access["duration_ms"] < 20_000


@pytest.mark.slow
@pytest.mark.parametrize(
    "hostile",
    [
        "x" * 65,
        "abc def",
        '"},{"level":"CRITICAL',
        "<script>alert(1)</script>",
        "ok\u00e6",
    ],
)
def test_a_hostile_request_id_is_replaced(server, hostile):
    response = server.get("/en/", headers={"X-Request-ID": hostile.encode().decode("latin-1")})
    assert response.status == 200
    request_id = response.getheader("X-Request-ID")
    assert UUID4.fullmatch(request_id)
    found = records(server, lambda r: r.get("request_id") == request_id)
    assert [r["logger"] for r in found if r.get("request_id") == request_id] == ["gunicorn.access"]
    assert all(hostile not in json.dumps(r, ensure_ascii=False) for r in found)


@pytest.mark.slow
def test_hup_restarts_workers_while_requests_are_answered(server):
    before = {r["message"] for r in records(server) if r["message"].startswith("Booting worker")}
    statuses, stop = [], threading.Event()

    def keep_asking():
        while not stop.is_set():
            response = server.get("/favicon.ico")
            statuses.append(response.status if response else None)

    asker = threading.Thread(target=keep_asking)
    asker.start()
    try:
        time.sleep(0.3)
        server.process.send_signal(signal.SIGHUP)
        booted = records(
            server,
            lambda r: r["message"].startswith("Booting worker") and r["message"] not in before,
        )
        time.sleep(1)
    finally:
        stop.set()
        asker.join()
    assert {r["message"] for r in booted if r["message"].startswith("Booting worker")} - before
    assert statuses and set(statuses) == {200}, statuses.count(None)
    assert server.process.poll() is None


@pytest.mark.django_db
def test_without_a_proxy_id_each_request_gets_its_own(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert UUID4.fullmatch(first) and UUID4.fullmatch(second) and first != second


# The access line: who asked, never what they asked with ----------------------------------


def access_line(server, path, request_id):
    def wanted(r):
        return (
            r.get("request_id") == request_id
            and r["logger"] == "gunicorn.access"
            and r["path"] == path
        )

    return next(r for r in records(server, wanted) if wanted(r))


@pytest.mark.slow
def test_the_access_line_has_the_client_address_behind_the_proxy_and_no_query_string(server):
    response = server.get(
        "/da/findes-ikke/?email=jens%40example.org&token=hemmelig-vaerdi",
        headers={"X-Forwarded-For": "198.51.100.7", "X-Request-ID": "access-anonymous"},
    )
    assert response.status == 404

    line = access_line(server, "/da/findes-ikke/", "access-anonymous")

    # gunicorn's peer is the proxy (127.0.0.1, trusted): the client is the address it added.
    assert line["client"] == "198.51.100.7"
    assert line["user_id"] == "-"
    assert line["message"] == "198.51.100.7 - GET /da/findes-ikke/ 404"
    everything = server.log_path.read_text()
    assert "hemmelig" not in everything and "jens" not in everything


@pytest.mark.slow
def test_the_access_line_has_the_id_of_a_signed_in_user_and_nothing_else_about_them(server):
    made = manage(
        server.env,
        "shell",
        "-c",
        "from django.conf import settings; from django.contrib.auth.models import User; "
        "from django.test import Client; "
        "user = User.objects.create_user('logget-ind', email='logget@example.org', is_staff=True); "
        "client = Client(); client.force_login(user); "
        "print(user.pk, client.cookies[settings.SESSION_COOKIE_NAME].value)",
    )
    assert made.returncode == 0, made.stderr
    user_id, session_key = made.stdout.split()[-2:]
    cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}"

    server.get("/admin/", headers={"Cookie": cookie, "X-Request-ID": "access-signed-in"})
    server.get("/healthz", headers={"Cookie": cookie, "X-Request-ID": "access-not-read"})

    line = access_line(server, "/admin/", "access-signed-in")
    assert line["user_id"] == user_id
    assert line["client"] == "127.0.0.1"  # no proxy header: the peer itself
    everything = server.log_path.read_text()
    assert "logget-ind" not in everything and "logget@example.org" not in everything
    # A page that never read the session is not made to read it for the log.
    assert access_line(server, "/healthz", "access-not-read")["user_id"] == "-"
