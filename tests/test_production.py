"""The portal as deployed: gunicorn, DEBUG off, a real secret key, behind a TLS proxy.

These tests start real gunicorn processes with production settings and speak
HTTP to them, as nginx or a load balancer would.
"""

import gzip
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

from tests.html import BeautifulSoup

pytestmark = pytest.mark.slow  # real gunicorn processes

BASE_DIR = settings.BASE_DIR
# No page of the portal uses the camera, microphone, location, payments or sensors: none may.
PERMISSIONS_POLICY = (
    "accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)


def production_env(tmp_path, **overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}}
    env.update(
        DEBUG="off",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(settings.STATIC_ROOT),
        MAIL_URL="smtp://mailer:secret@mail.example.org:587",
        PYTHONDONTWRITEBYTECODE="1",
        ENV_FILE=str(tmp_path / "no-such.env"),
    )
    env.pop("SECURE_SSL_REDIRECT", None)
    env.pop("OTP_REQUIRED_FOR_STAFF", None)  # production's default: required
    env.update(overrides)
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def free_port():
    """A port free at this moment, for a server that cannot be handed a socket
    (PostgreSQL); gunicorn gets a `listening_socket()` instead."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_socket():
    """A socket listening on a port the OS chose, for a gunicorn to inherit (`fd://N`).

    Handing over the socket itself, not just a free port's number, leaves no moment
    between choosing the port and binding it in which another xdist worker's server
    (or any outgoing connection) could take it.
    """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    return listener


def start_gunicorn(args, env, log, listener):
    """gunicorn serving on `listener`, which it inherits; our copy is closed."""
    with listener:
        fd = listener.fileno()
        return subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *args, "--bind", f"fd://{fd}"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=[fd],
        )


def wait_until_answering(process, port, timeout=30):
    """True once gunicorn answers a request on `port`; False if it died or took too long.

    The socket listens before gunicorn runs, so a connection alone proves nothing.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/favicon.ico", headers={"X-Forwarded-Proto": "https"})
            connection.getresponse().read()
            return True
        except (OSError, http.client.HTTPException):
            time.sleep(0.1)
        finally:
            connection.close()
    return False


class Server:
    def __init__(self, env, log_path):
        listener = listening_socket()
        self.port = listener.getsockname()[1]
        self.log_path = log_path
        self.log = open(log_path, "wb")  # noqa: SIM115 (closed in stop())
        self.process = start_gunicorn(
            ["symbiosis.wsgi", "--workers", "1", "--threads", "2"], env, self.log, listener
        )
        if not wait_until_answering(self.process, self.port):
            self.stop()
            raise RuntimeError(f"gunicorn did not start: {log_path.read_text()}")

    def get(self, path, https=True, headers=None):
        """GET as the TLS proxy forwards it (X-Forwarded-Proto: https) or as plain HTTP."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        all_headers = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if https:
            all_headers["X-Forwarded-Proto"] = "https"
        connection.request("GET", path, headers=all_headers)
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        return response

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    env = production_env(tmp_path)
    for command in (["migrate", "--noinput"], ["load_demo"]):
        result = manage(env, *command)
        assert result.returncode == 0, result.stderr
    server = Server(env, tmp_path / "gunicorn.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def site_without_database(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("no-database")
    # Nothing listens on port 9: every query fails as when PostgreSQL is down.
    server = Server(
        production_env(tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:9/symbiosis"),
        tmp_path / "gunicorn.log",
    )
    yield server
    server.stop()


def page(response):
    return BeautifulSoup(response.body.decode(), "html.parser")


def test_check_deploy_reports_nothing(tmp_path):
    env = production_env(tmp_path, SITE_URL="https://symbiosis.example.org")
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_asks_for_site_url_without_which_mail_has_no_links(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "symbiosis.W001" in result.stderr + result.stdout
    assert "SITE_URL is not set" in result.stderr + result.stdout


def test_missing_secret_key_fails_loudly(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = manage(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_plain_http_is_redirected_to_https(site):
    response = site.get("/da/", https=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://127.0.0.1:{site.port}/da/"


def test_security_headers_on_pages(site):
    response = site.get("/da/")
    assert response.status == 200
    headers = {k.lower(): v for k, v in response.getheaders()}
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    csp = headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self'")
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["report-uri"] == "/csp-report/" and directives["report-to"] == "csp"
    assert headers["reporting-endpoints"] == f'csp="https://127.0.0.1:{site.port}/csp-report/"'
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert headers["cross-origin-resource-policy"] == "same-origin"
    assert headers["permissions-policy"] == PERMISSIONS_POLICY
    assert "set-cookie" not in headers


def test_the_csrf_cookie_carries_the_host_prefix_with_secure_root_path_and_no_domain(site):
    response = site.get("/admin/login/")
    assert response.status == 200
    cookies = [v for k, v in response.getheaders() if k.lower() == "set-cookie"]
    csrf = next(c for c in cookies if c.startswith("__Host-csrftoken="))
    attributes = {a.strip().split("=")[0].lower() for a in csrf.split(";")[1:]}
    # What a browser demands of a __Host- cookie, or it drops it.
    assert "secure" in attributes and "Path=/" in csrf and "domain" not in attributes
    assert not any(c.startswith(("csrftoken=", "sessionid=")) for c in cookies)


def test_home_page_shows_demo_content(site):
    html = page(site.get("/en/"))
    assert html.h1.get_text(strip=True) == "One company's surplus is another's resource"
    assert len(html.select(".logo-wall img")) == 17


def test_pages_go_out_gzipped_to_browsers(site):
    """The page cache keeps a gzipped copy; gunicorn sends it as it is."""
    plain = site.get("/da/diagram/")
    zipped = site.get("/da/diagram/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped.getheader("Content-Encoding") == "gzip"
    assert int(zipped.getheader("Content-Length")) == len(zipped.body)
    assert gzip.decompress(zipped.body) == plain.body
    assert len(zipped.body) * 4 < len(plain.body)
    assert page(plain).h1.get_text(strip=True) == "Symbiosediagram"


def test_static_files_are_hashed_compressed_and_cached_for_a_year(site):
    stylesheet = page(site.get("/da/")).select_one('link[rel="stylesheet"]')["href"]
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", stylesheet)
    response = site.get(stylesheet, headers={"Accept-Encoding": "br"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "br"
    assert response.getheader("Content-Type").startswith("text/css")
    cache = response.getheader("Cache-Control")
    assert "max-age=315360000" in cache and "immutable" in cache


def test_favicon_at_the_root(site):
    response = site.get("/favicon.ico")
    assert response.status == 200
    assert response.body.startswith(b"\x00\x00\x01\x00")  # an ICO file


def test_uploaded_media_is_served(site):
    logo = page(site.get("/da/")).select_one(".logo-wall img")["src"]
    response = site.get(logo)
    assert response.status == 200
    assert response.getheader("Content-Type") == "image/png"
    assert response.body.startswith(b"\x89PNG")
    assert response.getheader("X-Content-Type-Options") == "nosniff"


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/da/findes-ikke/", "da", "Vi kunne ikke finde siden"),
        ("/en/no-such-page/", "en", "We could not find that page"),
        ("/media/../symbiosis/settings.py", "da", None),
        ("/media/%2e%2e/symbiosis/settings.py", "da", None),
        ("/.env", "da", None),
        ("/.git/config", "da", None),
    ],
)
def test_not_found_is_friendly_and_leaks_nothing(site, path, lang, heading):
    response = site.get(path)
    body = response.body.decode()
    assert response.status in (400, 404)
    if heading:
        assert page(response).html["lang"] == lang
        assert page(response).h1.get_text(strip=True) == heading
    assert "Traceback" not in body and "SECRET_KEY" not in body


def test_healthz_over_plain_http(site):
    response = site.get("/healthz", https=False)
    assert response.status == 200
    assert response.body == b'{"status": "ok", "database": "ok"}'


def test_healthz_says_503_when_database_is_down(site_without_database):
    response = site_without_database.get("/healthz", https=False)
    assert response.status == 503
    assert b'"database": "down"' in response.body


@pytest.mark.parametrize(("path", "lang"), [("/da/", "da"), ("/en/", "en")])
def test_database_down_page_is_friendly_and_leaks_nothing(site_without_database, path, lang):
    # The database being down is a 503 "back in a moment" (symbiosis/tests/test_outage.py).
    from django.utils import translation

    with translation.override(lang):
        heading = translation.gettext("The site is taking a short break")
    response = site_without_database.get(path)
    body = response.body.decode()
    assert response.status == 503
    assert response.getheader("Retry-After") == "30"
    assert page(response).html["lang"] == lang
    assert page(response).h1.get_text(strip=True) == heading
    for secret in ("Traceback", "OperationalError", "psycopg", "127.0.0.1:9", "SECRET_KEY"):
        assert secret not in body
