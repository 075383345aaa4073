import fcntl
import os

import pytest
from django.conf import settings
from django.utils import translation


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Under `pytest -n … --dist loadgroup` (`make test`): the tests of a module with
    module-scoped fixtures (a gunicorn site, a backup) go to one worker together, so
    those are built once; every other test goes wherever a worker is free.

    Such a module is split by how its tests use the database: pytest-django runs the
    tests that use it in transactions first, then the transactional ones (their flush
    empties every table, rows made by data migrations too), then those without it. A
    worker given a whole module at once could run its flushing tests before another
    module's tests that need those rows (under --dist loadfile test_roles failed so);
    groups of one kind each keep that order on every worker.
    """
    if config.getoption("dist", default="no") != "loadgroup":
        return
    for item in items:
        if _uses_module_fixtures(item):
            module = item.nodeid.split("::", 1)[0]
            item.add_marker(pytest.mark.xdist_group(f"{module}:{_database_use(item)}"))


def _uses_module_fixtures(item):
    """A class- or module-scoped fixture of the project's own (pytest-django's autouse
    class-scoped one, on every test, does not count)."""
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info else ()
    return any(
        d.scope in ("class", "module") and not d.argname.startswith("_django")
        for defs in definitions
        for d in defs
    )


def _database_use(item):
    """As pytest-django orders tests: "transactional", "db" or "none"."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if (
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    ):
        return "transactional"
    return "db" if marker or "db" in fixtures else "none"


@pytest.fixture(autouse=True)
def _restore_language():
    """Each test starts with the site's default language (Danish) active, and
    whatever a request or a test activates is undone afterwards."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """No page or value cached by one test is seen by the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads and generated images go to a throw-away folder, never the repo's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) the site's mail goes to (tests/mail.py)."""
    from tests.mail import SmtpServer

    server = SmtpServer().start()
    settings.MAILERS = server.mailers()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    """Users are made and logged in in a millisecond, not a second of PBKDF2 each (the
    admin_client fixture, every login). The site's own hashers are in force wherever it
    runs as deployed: the gunicorn and manage.py processes of the slow tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _collected_static(django_test_environment):
    """Pages are served as in production: hashed, compressed static files from STATIC_ROOT.

    `make test` collects them first; a bare `pytest` collects them here when they
    are missing or older than a file in static/. Under pytest-xdist every worker
    runs this: an exclusive lock on STATIC_ROOT lets one of them collect while the
    others wait, then find the files fresh, so no test sees a half-written folder.
    """
    from django.core.management import call_command

    root = settings.STATIC_ROOT
    root.mkdir(parents=True, exist_ok=True)
    lock = os.open(root, os.O_RDONLY)  # a directory can be flock()ed on Linux
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _static_is_stale(root / "staticfiles.json"):
            call_command("collectstatic", "--noinput", verbosity=0)
    finally:
        os.close(lock)  # releases the lock


def _static_is_stale(manifest):
    if not manifest.exists():
        return True
    collected = manifest.stat().st_mtime
    sources = (p for d in settings.STATICFILES_DIRS for p in d.rglob("*") if p.is_file())
    return any(p.stat().st_mtime > collected for p in sources)


@pytest.fixture(autouse=True, scope="session")
def _press_renditions_remembered():
    """The press room's renditions of the last few files are remembered across tests:
    the demo, loaded again into each test's empty media folder, need not draw them
    again. (The site itself makes them once per upload, so it keeps no such memory.)"""
    import hashlib

    from news import uploads

    make, recent = uploads.renditions, {}

    def renditions(data, file_type):
        key = (hashlib.sha256(data).digest(), file_type.content_type)
        if key not in recent:
            recent[key] = make(data, file_type)
            while len(recent) > 12:
                recent.pop(next(iter(recent)))
        versions, out = recent[key]
        return dict(versions), out

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(uploads, "renditions", renditions)
        yield
