"""The database goes down and comes back, under a running gunicorn.

A throw-away PostgreSQL 15 cluster (initdb in a temp folder, reached only through a Unix
socket in it: no TCP port to share with other xdist workers; never the machine's main
cluster, which the rest of the suite uses) serves a gunicorn with production settings.
It is stopped hard (`pg_ctl stop -m immediate`, as a crash): visitors get the friendly
503 page in their language, cached pages are still served, /healthz says 503. It is
started again: the same gunicorn process answers 200 again, without a restart.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.utils import translation

from tests.test_production import Server, manage, page, production_env

PG_BIN = Path("/usr/lib/postgresql/15/bin")

pytestmark = pytest.mark.skipif(
    not (PG_BIN / "initdb").exists(), reason="PostgreSQL 15 server binaries are not installed"
)


class ThrowawayPostgres:
    """A PostgreSQL cluster of our own in a temp folder. Its tools refuse to run as
    root: as root they run as the `postgres` user, who owns the folder."""

    def __init__(self):
        # Not under pytest's tmp_path: the postgres user cannot enter root's folders.
        self.root = Path(tempfile.mkdtemp(prefix="symbiosis-outage-"))
        self.data = self.root / "data"
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.run(
            "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"
        )
        self.url = f"postgres://postgres@/postgres?host={self.root}"
        self.start()

    def run(self, tool, *args):
        command = [str(PG_BIN / tool), *map(str, args)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def start(self):
        # The socket only, in our own folder: no port that another worker could hold.
        options = f"-c listen_addresses='' -k {self.root} -c fsync=off"
        self.run("pg_ctl", "-D", self.data, "-o", options, "-l", self.root / "log", "-w", "start")

    def stop(self):
        self.run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")

    def remove(self):
        subprocess.run(
            [
                *(["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []),
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def postgres():
    cluster = ThrowawayPostgres()
    yield cluster
    cluster.remove()


def da(text):
    with translation.override("da"):
        return translation.gettext(text)


HEADING = "The site is taking a short break"


def assert_friendly_503(response, lang):
    body = response.body.decode()
    assert response.status == 503
    assert response.getheader("Retry-After") == "30"
    assert "no-store" in response.getheader("Cache-Control")
    html = page(response)
    assert html.html["lang"] == lang
    assert html.h1.get_text(strip=True) == (da(HEADING) if lang == "da" else HEADING)
    assert html.select_one("main a")["href"] == f"/{lang}/"
    for secret in ("Traceback", "OperationalError", "psycopg", "connection", "SECRET_KEY"):
        assert secret not in body


@pytest.mark.slow
def test_database_outage_gives_503_and_the_site_recovers_without_restart(postgres, tmp_path):
    env = production_env(tmp_path, DATABASE_URL=postgres.url)
    result = manage(env, "migrate", "--noinput", "-v0")
    assert result.returncode == 0, result.stderr
    server = Server(env, tmp_path / "gunicorn.log")
    try:
        assert server.get("/da/").status == 200  # now in the page cache
        assert server.get("/healthz", https=False).status == 200

        postgres.stop()
        assert_friendly_503(server.get("/da/partnere/"), "da")
        assert_friendly_503(server.get("/en/partners/"), "en")
        health = server.get("/healthz", https=False)
        assert health.status == 503
        assert b'"database": "down"' in health.body
        # A page the cache holds is still served while the database is away.
        cached = server.get("/da/")
        assert cached.status == 200
        assert page(cached).h1 is not None

        postgres.start()
        deadline = time.monotonic() + 10
        while server.get("/healthz", https=False).status != 200:
            assert time.monotonic() < deadline, "the site did not reconnect"
            time.sleep(0.2)
        response = server.get("/en/partners/")
        assert response.status == 200
        assert page(response).h1.get_text(strip=True) == "Partners"
        assert server.process.poll() is None  # the same gunicorn, never restarted
    finally:
        server.stop()
    log = (tmp_path / "gunicorn.log").read_text()
    assert "Traceback" not in log
    assert '"logger": "symbiosis.database"' in log


def test_a_database_error_outside_a_view_is_a_503_other_errors_a_500(rf):
    from django.db import InterfaceError

    from symbiosis.site.views import server_error

    try:
        raise InterfaceError("connection already closed")
    except InterfaceError:
        response = server_error(rf.get("/en/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(rf.get("/en/")).status_code == 500
