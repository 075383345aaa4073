import pytest
from django.conf import settings
from django.utils import translation


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


@pytest.fixture(autouse=True, scope="session")
def _collected_static(django_test_environment):
    """Pages are served as in production: hashed, compressed static files from STATIC_ROOT.

    `make test` collects them first; a bare `pytest` collects them here when they
    are missing or older than a file in static/.
    """
    from django.core.management import call_command

    manifest = settings.STATIC_ROOT / "staticfiles.json"
    sources = [p for d in settings.STATICFILES_DIRS for p in d.rglob("*") if p.is_file()]
    if not manifest.exists() or any(p.stat().st_mtime > manifest.stat().st_mtime for p in sources):
        call_command("collectstatic", "--noinput", verbosity=0)


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
