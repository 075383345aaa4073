"""Admin login security (docs/security.md, "Admin login and sessions"): the lockout
after failed logins, strong passwords, idle sessions and two-factor codes."""

import time
from base64 import b32encode
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from symbiosis import roles
from symbiosis.security.client_ip import client_ip
from tests.admin_forms import form_fields
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

PASSWORD = "korrekt-hest-batteri-hæfteklamme"
HOME = "198.51.100.7"  # the office
ELSEWHERE = "203.0.113.20"  # someone else, somewhere else


@pytest.fixture(autouse=True)
def _quick_hashing(settings):
    # What is tested is the counting, not the hash: spare a second per login.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor():
    return User.objects.create_user("redaktoer", password=PASSWORD, is_staff=True)


CODE_STEP = "/admin/login/code/"


def log_in(client, username="redaktoer", password=PASSWORD, code="", **meta):
    """The login page, and the code page after it when the password leads there."""
    meta = {"REMOTE_ADDR": HOME, **meta}
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        **meta,
    )
    if code and response.status_code == 302 and response["Location"] == CODE_STEP:
        response = client.post(CODE_STEP, {"code": code}, **meta)
    return response


def is_logged_in(client):
    return client.get("/admin/").status_code == 200


def errors(response):
    return [p.get_text(" ", strip=True) for p in soup(response).select(".errornote, .errorlist li")]


def fail_five_times(client, **meta):
    return [log_in(client, password="wrong password", **meta) for _ in range(5)]


# Lockout -------------------------------------------------------------------------------


def test_the_right_password_is_refused_after_five_failures_from_the_same_client(client, editor):
    answers = fail_five_times(client)
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]

    response = log_in(client)

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    page = soup(response)
    assert page.html["lang"] == "da"  # the admin's language, as on the login page
    assert page.select_one("#site-name").get_text(strip=True) == gettext(
        "Kalundborg Symbiosis: administration"
    )
    assert page.select_one(".errornote").get_text(strip=True) == gettext(
        "Too many failed logins: logging in is paused."
    )
    assert "15" in text_of(response)  # minutes
    assert not is_logged_in(client)


def test_the_lockout_page_speaks_english_to_staff_who_chose_it(client, editor):
    client.cookies["django_language"] = "en"
    fail_five_times(client)

    response = log_in(client)

    assert response.status_code == 429
    assert soup(response).html["lang"] == "en"
    assert "Too many failed logins: logging in is paused." in text_of(response)
    assert "paused for 15 minutes" in text_of(response)


def test_another_address_can_still_log_in_as_the_locked_user(client, editor):
    fail_five_times(client)

    response = log_in(client, REMOTE_ADDR=ELSEWHERE)

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert is_logged_in(client)


def test_after_the_cool_off_the_right_password_works_again(client, editor):
    fail_five_times(client)
    assert log_in(client).status_code == 429
    # Sixteen minutes later (the failures' time moved back instead of waiting).
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    response = log_in(client)

    assert response.status_code == 302
    assert is_logged_in(client)
    assert not AccessAttempt.objects.exists()  # a good login forgets the failures


def test_a_wrong_two_factor_code_counts_as_a_failed_login(client, editor):
    device = confirmed_device(editor)
    wrong = wrong_code(device)
    answers = [log_in(client, code=wrong) for _ in range(5)]
    assert answers[-1].status_code == 429

    assert log_in(client, code=code_for(device)).status_code == 429


def test_behind_the_proxy_the_forwarded_address_is_the_client(client, editor):
    # nginx on the same machine (a trusted proxy) appends the address it saw.
    fail_five_times(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.44")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.44"}
    assert (
        log_in(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.44").status_code
        == 429
    )

    other = log_in(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.45")

    assert other.status_code == 302


def test_a_forged_forwarded_header_does_not_buy_new_attempts(client, editor):
    # A client writing its own X-Forwarded-For: the proxy appends the real address after it.
    answers = [
        log_in(
            client,
            password="wrong password",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 192.0.2.44",
        )
        for n in range(5)
    ]
    assert answers[-1].status_code == 429
    # Straight to the server, not through the proxy: the header is not believed at all.
    direct = [
        log_in(client, password="wrong password", HTTP_X_FORWARDED_FOR=f"10.0.1.{n}")
        for n in range(5)
    ]
    assert direct[-1].status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.44", HOME}


def test_the_client_address_is_read_from_the_right_past_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    factory = RequestFactory()

    def address(remote, forwarded=None):
        meta = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            meta["HTTP_X_FORWARDED_FOR"] = forwarded
        return client_ip(factory.get("/", **meta))

    assert address("198.51.100.7") == "198.51.100.7"
    assert address("198.51.100.7", "192.0.2.1") == "198.51.100.7"
    assert address("127.0.0.1") == "127.0.0.1"
    assert address("127.0.0.1", "192.0.2.1") == "192.0.2.1"
    # Load balancer (10.1.2.3) → nginx (127.0.0.1) → Django: both hops skipped.
    assert address("127.0.0.1", "6.6.6.6, 192.0.2.1, 10.1.2.3") == "192.0.2.1"
    assert address("127.0.0.1", "2001:db8::1") == "2001:db8::1"
    assert address("127.0.0.1", "not-an-address") == "127.0.0.1"


# Passwords ------------------------------------------------------------------------------


@pytest.fixture
def administrator(client):
    user = User.objects.create_user("it", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    client.force_login(user)
    return user


def add_user(client, password):
    data = form_fields(client.get("/admin/auth/user/add/"))
    data.update(username="ny-medarbejder", password1=password, password2=password)
    return client.post("/admin/auth/user/add/", data)


TOO_SHORT = (
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
)
LOCAL_WORD = (
    "This password is mostly a word everyone connects with the site, such as “Kalundborg”. "
    "Use a longer sentence or several unrelated words."
)


@pytest.mark.parametrize(
    "password, message",
    [
        ("password123", lambda: gettext("This password is too common.")),
        ("kalundborg", lambda: ngettext(*TOO_SHORT, 12) % 12),
        ("Kalundborg2025!", lambda: gettext(LOCAL_WORD)),
        ("Symbiose-symbiose", lambda: gettext(LOCAL_WORD)),
    ],
)
def test_the_admin_refuses_a_weak_password_for_a_new_user(client, administrator, password, message):
    response = add_user(client, password)

    assert response.status_code == 200
    assert any(error.startswith(message()) for error in errors(response)), errors(response)
    assert not User.objects.filter(username="ny-medarbejder").exists()


def test_the_admin_accepts_a_long_password_for_a_new_user(client, administrator):
    response = add_user(client, "damp fra kraftvaerket varmer byen")

    assert response.status_code == 302
    assert User.objects.get(username="ny-medarbejder").check_password(
        "damp fra kraftvaerket varmer byen"
    )


def test_staff_cannot_change_their_own_password_to_a_common_one(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": "password123", "new_password2": "password123"},
    )

    assert gettext("This password is too common.") in errors(response)
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


# Sessions -------------------------------------------------------------------------------


def session_row(client):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_an_idle_session_is_logged_out(client, editor):
    log_in(client)
    assert is_logged_in(client)
    # An hour and a bit without a request (the stored expiry moved instead of waiting).
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_using_the_admin_keeps_the_session_alive(client, editor):
    login_response = log_in(client)
    # The cookie ends with the browser; the server ends the session after idle minutes.
    assert login_response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""
    assert login_response.cookies[settings.SESSION_COOKIE_NAME]["expires"] == ""
    assert is_logged_in(client)
    session = client.session
    session["_idle_refreshed"] -= 120  # last written two minutes ago
    session.save()
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))

    assert is_logged_in(client)

    left = session_row(client).expire_date - timezone.now()
    assert timedelta(minutes=59) < left <= timedelta(minutes=60)


def test_anonymous_visitors_get_no_session(client):
    response = client.get("/da/")

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert not Session.objects.exists()


# Two-factor -----------------------------------------------------------------------------


def code_for(device, *, at=None):
    """The code an authenticator app shows for `device` (now, or at Unix time `at`)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def wrong_code(device):
    now = time.time()
    window = {code_for(device, at=now + step * 30) for step in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in window)


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)


def test_staff_find_two_factor_in_the_admin_header(client, editor):
    client.force_login(editor)

    link = soup(client.get("/admin/")).select_one("#user-tools a[href='/admin/two-factor/']")

    assert link.get_text(strip=True) == gettext("Two-factor authentication")


def test_staff_turn_on_two_factor_with_a_qr_code_and_a_first_code(client, editor):
    log_in(client)

    response = client.get("/admin/two-factor/")

    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    page = soup(response)
    assert page.select_one("img[src^='data:image/svg+xml;base64,']")["alt"]
    secret = page.select_one(".two-factor-secret").get_text().replace(" ", "")
    assert secret == b32encode(device.bin_key).decode()
    # No inline script or style without the request's nonce (the strict CSP holds).
    assert all(tag.has_attr("nonce") for tag in page.select("script, style"))
    assert not page.select("[style]")
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]

    wrong = client.post("/admin/two-factor/", {"code": wrong_code(device)})
    assert gettext(
        "That code is not right. Check the time on your phone and try the newest code."
    ) in errors(wrong)
    device.refresh_from_db()
    assert not device.confirmed

    device.throttling_failure_timestamp = timezone.now() - timedelta(minutes=1)
    device.save()
    right = client.post("/admin/two-factor/", {"code": code_for(device)})

    # On, and ten recovery codes shown once.
    assert len(soup(right).select(".recovery-codes code")) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert is_logged_in(client)

    # From now on the right password leads to a second page that asks for the code.
    client.logout()
    without = log_in(client)
    assert without.status_code == 302 and without["Location"] == CODE_STEP
    assert not is_logged_in(client)
    assert soup(client.get(CODE_STEP)).select_one("input[name=code]") is not None
    # The app's next code (the one just used to confirm cannot be used twice).
    assert log_in(client, code=code_for(device, at=time.time() + 30)).status_code == 302
    assert is_logged_in(client)


def test_the_login_refuses_a_wrong_or_malformed_code(client, editor):
    device = confirmed_device(editor)

    wrong = log_in(client, code=wrong_code(device))
    assert gettext(
        "That code is not right. Check the time on your phone and try the newest code."
    ) in errors(wrong)
    for code in ("12345", "abcdef", "1" * 20):
        response = log_in(client, code=code)
        assert response.status_code == 200
        assert gettext("Enter the six digits your app shows.") in errors(response)
        assert not is_logged_in(client)


def test_the_login_accepts_the_right_code(client, editor):
    device = confirmed_device(editor)

    response = log_in(client, code=code_for(device)[:3] + " " + code_for(device)[3:])

    assert response.status_code == 302
    assert is_logged_in(client)


def test_staff_with_a_device_give_a_code_before_using_the_admin(client, editor):
    device = confirmed_device(editor)
    client.force_login(editor)  # a session that never gave a code

    response = client.get("/admin/password_change/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/?next=%2Fadmin%2Fpassword_change%2F"
    verified = client.post(response["Location"], {"code": code_for(device)})
    assert verified["Location"] == "/admin/password_change/"
    assert client.get("/admin/password_change/").status_code == 200


def test_staff_turn_two_factor_off_with_their_password_and_a_code(client, editor):
    device = confirmed_device(editor)
    log_in(client, code=code_for(device))
    next_code = code_for(device, at=time.time() + 30)

    without_password = client.post("/admin/two-factor/", {"action": "off", "code": next_code})
    wrong_password = client.post(
        "/admin/two-factor/", {"action": "off", "password": "gæt", "code": next_code}
    )

    assert without_password.status_code == 200 and errors(without_password)
    assert gettext("That password is not right.") in errors(wrong_password)
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()

    response = client.post(
        "/admin/two-factor/", {"action": "off", "password": PASSWORD, "code": next_code}
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    client.logout()
    assert log_in(client)["Location"] == "/admin/"  # the password alone again


def test_when_required_staff_without_a_device_cannot_enrol_with_the_password_alone(
    client, editor, settings
):
    settings.OTP_REQUIRED_FOR_STAFF = True

    login = log_in(client)

    # The right password leads to the code page, which can only send them to an administrator.
    assert login["Location"] == CODE_STEP
    code_page = soup(client.get(CODE_STEP)).select_one("#content-main p").get_text(" ")
    assert "administrator" in code_page
    assert client.post(CODE_STEP, {"code": "123456"}).status_code == 200
    assert not is_logged_in(client)
    # A session signed in before it became required is sent to the page, which asks for the link.
    client.force_login(editor)
    landing = client.get("/admin/")
    assert landing["Location"] == "/admin/two-factor/?next=%2Fadmin%2F"
    page = client.get(landing["Location"])
    assert "administrator" in text_of(page)
    assert not soup(page).select("input[name=code]")
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_when_required_staff_can_still_log_out(client, editor, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    log_in(client)

    client.post("/admin/logout/")

    assert "_auth_user_id" not in client.session


def test_the_administrator_role_manages_devices_and_lockouts():
    administrator = Group.objects.get(name=roles.ADMINISTRATOR)
    codenames = set(administrator.permissions.values_list("codename", flat=True))

    assert {"delete_totpdevice", "delete_accessattempt", "view_accesslog"} <= codenames


def test_a_mistyped_trusted_proxy_stops_the_site_at_its_checks(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "nginx.local"]

    with pytest.raises(SystemCheckError, match="TRUSTED_PROXIES"):
        call_command("check", verbosity=0)


def test_the_admin_never_shows_a_two_factor_secret(client, editor):
    device = confirmed_device(editor)
    administrator = User.objects.create_superuser("admin2", password=PASSWORD)
    client.force_login(administrator)

    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")

    assert page.status_code == 200
    assert "Telefon" in page.content.decode()
    assert device.key not in page.content.decode()
    assert device.key not in client.get("/admin/otp_totp/totpdevice/").content.decode()
    for view in ("config", "qrcode"):  # the key as a QR code: refused as well
        assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{view}/").status_code == 403
