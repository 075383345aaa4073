"""Sessions and their cookies (docs/security.md, "Admin login and sessions"): the absolute
lifetime beside the idle one, the `__Host-` cookie names, and signing-key rotation."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing

pytestmark = pytest.mark.django_db

OLD_KEY = "the-key-before-rotation-" + "o" * 40
NEW_KEY = "the-key-after-rotation-" + "n" * 40


@pytest.fixture
def editor():
    return User.objects.create_user("redaktoer", is_staff=True, is_superuser=True)


def admin_status(client):
    return client.get("/admin/").status_code


def move_login_back(client, hours):
    from symbiosis.security.sessions import LOGIN_TIME_KEY

    session = client.session
    session[LOGIN_TIME_KEY] -= hours * 3600
    session.save()


# Absolute lifetime ----------------------------------------------------------------------


def test_a_session_ends_twelve_hours_after_login_however_busy(client, editor):
    client.force_login(editor)
    assert admin_status(client) == 200
    move_login_back(client, hours=12)  # busy all day: the idle timeout never struck

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert admin_status(client) == 302  # and stays ended


def test_a_session_younger_than_its_lifetime_still_works(client, editor):
    client.force_login(editor)
    move_login_back(client, hours=11)

    assert admin_status(client) == 200


def test_the_absolute_lifetime_is_a_setting(client, editor, settings):
    settings.SESSION_ABSOLUTE_HOURS = 2
    client.force_login(editor)
    move_login_back(client, hours=2)

    assert admin_status(client) == 302


def test_logging_in_again_starts_a_new_lifetime(client, editor):
    client.force_login(editor)
    move_login_back(client, hours=11)
    client.force_login(editor)
    move_login_back(client, hours=2)

    assert admin_status(client) == 200


# Cookie names ---------------------------------------------------------------------------


def test_with_debug_off_the_session_and_csrf_cookies_carry_the_host_prefix(client, editor):
    page = client.get("/admin/login/")
    csrf = page.cookies["__Host-csrftoken"]
    client.force_login(editor)
    session = client.cookies["__Host-sessionid"]

    # A browser keeps a __Host- cookie only when it is Secure, for Path=/ and no Domain:
    # no subdomain and no plain-HTTP page can set or overwrite it.
    for cookie in (csrf, session):
        assert cookie["secure"] is True
        assert cookie["path"] == "/"
        assert not cookie["domain"]
    assert admin_status(client) == 200


def test_with_debug_on_the_cookies_keep_their_plain_names():
    names = settings_in_a_process(
        {"DEBUG": "on"}, "print(settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)"
    )
    assert names == "sessionid csrftoken"


# Key rotation ---------------------------------------------------------------------------


def test_a_session_signed_with_the_old_key_survives_while_the_key_is_a_fallback(
    client, editor, settings
):
    settings.SECRET_KEY = OLD_KEY
    client.force_login(editor)

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]

    assert admin_status(client) == 200


def test_a_session_signed_with_the_old_key_ends_once_the_key_is_dropped(client, editor, settings):
    settings.SECRET_KEY = OLD_KEY
    client.force_login(editor)

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, []

    assert admin_status(client) == 302


SETUP = "import django; django.setup(); from django.conf import settings"


def settings_in_a_process(environment, code):
    """What `code` prints in a fresh Python with the settings the environment makes."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "symbiosis.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", f"{SETUP}; {code}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_secret_key_fallbacks_come_from_the_environment():
    signed = signing.dumps("a value signed before the rotation", key=OLD_KEY)
    check = f"from django.core import signing; print(signing.loads({signed!r}))"

    with_fallback = settings_in_a_process(
        {"SECRET_KEY": NEW_KEY, "SECRET_KEY_FALLBACKS": OLD_KEY}, check
    )
    assert with_fallback == "a value signed before the rotation"
    with pytest.raises(subprocess.CalledProcessError) as refused:
        settings_in_a_process({"SECRET_KEY": NEW_KEY, "SECRET_KEY_FALLBACKS": ""}, check)
    assert "BadSignature" in refused.value.stderr
