import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _restore_language():
    """Each test starts and ends with the default language active."""
    with translation.override(None):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads and generated images go to a throw-away folder, never the repo's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True, scope="session")
def _collected_static(django_test_environment):
    """Pages are served as in production: hashed, compressed static files from STATIC_ROOT.

    `make test` collects them first; a bare `pytest` collects them here when missing.
    """
    from django.conf import settings
    from django.core.management import call_command

    if not (settings.STATIC_ROOT / "staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)
