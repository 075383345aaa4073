"""The second security review's login findings (issue 14, docs/security.md): no
password oracle, every failed step counted, IPv6 counted by /64, one account guessed
at from many addresses slowed down with a mail to its owner, recovery codes, enrolment
only through a mailed link once two-factor is required, and a mail when a password or
two-factor authentication changes. Mail goes through the real worker to a real SMTP
server (tests/mail.py)."""

import re
import time
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from symbiosis.tests.test_login_security import (
    CODE_STEP,
    HOME,
    PASSWORD,
    code_for,
    confirmed_device,
    errors,
    is_logged_in,
    log_in,
    wrong_code,
)
from tests.html import soup, text_of
from tests.mail import body, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor():
    return User.objects.create_user(
        "redaktoer", email="redaktoer@symbiosis.example.org", password=PASSWORD, is_staff=True
    )


@pytest.fixture
def guarded():
    """A colleague who turned two-factor authentication on."""
    user = User.objects.create_user(
        "sikker", email="sikker@symbiosis.example.org", password=PASSWORD, is_staff=True
    )
    confirmed_device(user)
    return user


def login_page_answer(response):
    """What the login page says, and whether it asks for a code."""
    page = soup(response)
    return errors(response), page.select_one("input[name=code]") is not None


# No password oracle ------------------------------------------------------------------------


def test_a_wrong_password_gets_the_same_answer_with_or_without_two_factor(client, editor, guarded):
    without = log_in(client, username="redaktoer", password="forkert kodeord")
    with_two_factor = log_in(client, username="sikker", password="forkert kodeord")
    nobody = log_in(client, username="ingen", password="forkert kodeord")

    assert login_page_answer(without) == login_page_answer(with_two_factor)
    assert login_page_answer(nobody) == login_page_answer(with_two_factor)
    message, asks_for_code = login_page_answer(with_two_factor)
    assert not asks_for_code
    # Django's one answer: "enter the correct username and password…"
    assert len(message) == 1 and ("adgangskode" in message[0] or "password" in message[0])


def test_the_code_is_asked_for_on_a_second_page_only_after_the_right_password(client, guarded):
    response = log_in(client, username="sikker")

    assert response.status_code == 302 and response["Location"] == CODE_STEP
    assert not is_logged_in(client)
    page = client.get(CODE_STEP)
    assert soup(page).select_one("input[name=code][autocomplete=one-time-code]") is not None
    # Without the password step in this session the code page sends back to the login.
    client.cookies.clear()
    assert client.get(CODE_STEP)["Location"] == "/admin/login/"
    assert client.post(CODE_STEP, {"code": "123456"})["Location"] == "/admin/login/"


def test_the_password_step_expires_after_five_minutes(client, guarded):
    log_in(client, username="sikker")
    session = client.session
    session["_login_pending"]["at"] -= 301
    session.save()

    response = client.post(CODE_STEP, {"code": code_for(guarded.totpdevice_set.get())})

    assert response["Location"] == "/admin/login/"
    assert not is_logged_in(client)


def test_every_failed_step_counts_towards_the_lockout(client, guarded):
    device = guarded.totpdevice_set.get()
    answers = [log_in(client, username="sikker", password="forkert") for _ in range(3)]
    answers += [log_in(client, username="sikker", code=wrong_code(device)) for _ in range(2)]

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    # Locked: the right password and code are refused at the first step.
    assert log_in(client, username="sikker", code=code_for(device)).status_code == 429
    assert not is_logged_in(client)


# Distributed guessing -----------------------------------------------------------------------


def test_an_ipv6_client_is_counted_by_its_64(client, editor):
    # Five addresses of one /64 (one home, one cloud machine): one client.
    for n in range(1, 6):
        log_in(client, password="forkert", REMOTE_ADDR=f"2001:db8:7:42::{n:x}")

    same_network = log_in(client, REMOTE_ADDR="2001:db8:7:42:ffff::9")
    next_network = log_in(client, REMOTE_ADDR="2001:db8:7:43::1")

    assert same_network.status_code == 429
    assert next_network.status_code == 302 and next_network["Location"] == "/admin/"
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"2001:db8:7:42::"}


def test_guessing_one_account_from_many_addresses_slows_it_down_and_mails_its_owner(
    client, editor, settings, smtp_server, django_capture_on_commit_callbacks, caplog
):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 12
    with django_capture_on_commit_callbacks(execute=True):
        # Twelve addresses, one guess each: none of them is locked out by axes.
        for n in range(12):
            log_in(client, password=f"gæt {n}", REMOTE_ADDR=f"198.51.100.{n + 10}")

    slowed = log_in(client, REMOTE_ADDR="203.0.113.99")
    # Logged once, without the username.
    [line] = [r.getMessage() for r in caplog.records if "slowed down" in r.getMessage()]
    assert "12 failures" in line and "redaktoer" not in line

    assert slowed.status_code == 429
    assert 0 < int(slowed["Retry-After"]) <= 30
    assert gettext("Logging in to this account is slowed down.") in text_of(slowed)
    assert not is_logged_in(client)
    # Slowed down, not locked: once the delay has passed, the right password works.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(seconds=31))
    assert log_in(client, REMOTE_ADDR="203.0.113.99")["Location"] == "/admin/"

    run_worker()
    [mail] = smtp_server.to("redaktoer@symbiosis.example.org")
    assert "mislykkede" in mail["Subject"] or "failed" in mail["Subject"]
    text = " ".join(body(mail).split())
    assert "12" in text and "30" in text
    assert PASSWORD not in body(mail)


def test_other_accounts_are_not_slowed_down_by_guessing_at_one(client, editor, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 5
    other = User.objects.create_user("kollega", password=PASSWORD, is_staff=True)
    for n in range(5):
        log_in(client, password="gæt", REMOTE_ADDR=f"198.51.100.{n + 10}")

    assert log_in(client, username=other.username)["Location"] == "/admin/"


# Recovery codes ------------------------------------------------------------------------------


def test_a_recovery_code_logs_in_once(client, editor):
    client.force_login(editor)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=editor)
    page = client.post("/admin/two-factor/", {"code": code_for(device)})
    codes = [c.get_text() for c in soup(page).select(".recovery-codes code")]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", c) for c in codes)
    client.logout()

    first = log_in(client, code=codes[0].upper())

    assert first["Location"] == "/admin/"
    assert StaticToken.objects.filter(device__user=editor).count() == 9
    client.logout()
    again = log_in(client, code=codes[0])
    assert gettext(
        "That code is not right. Check the time on your phone and try the newest code."
    ) in errors(again)
    assert not is_logged_in(client)


def test_new_recovery_codes_need_the_password_and_replace_the_old_ones(client, editor):
    device = confirmed_device(editor)
    log_in(client, code=code_for(device))
    client.get("/admin/two-factor/")

    refused = client.post(
        "/admin/two-factor/",
        {"action": "recovery", "password": "gæt", "code": code_for(device, at=time.time() + 30)},
    )
    made = client.post(
        "/admin/two-factor/",
        {"action": "recovery", "password": PASSWORD, "code": code_for(device, at=time.time() + 30)},
    )

    assert gettext("That password is not right.") in errors(refused)
    shown = {c.get_text().replace("-", "") for c in soup(made).select(".recovery-codes code")}
    assert shown == set(StaticToken.objects.values_list("token", flat=True))
    assert len(shown) == 10


# Enrolment through a mailed link --------------------------------------------------------------


def mail_enrolment_link(client, user, smtp_server, django_capture_on_commit_callbacks):
    administrator = User.objects.create_superuser("chef", "chef@symbiosis.example.org", "x")
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/auth/user/",
            {"action": "mail_enrolment_link", "_selected_action": [user.pk]},
        )
    client.logout()
    run_worker()
    [mail] = smtp_server.to(user.email)
    return re.search(r"https?://\S+", body(mail)).group(0)


def test_an_administrator_mails_an_enrolment_link_that_works_once(
    client, editor, settings, smtp_server, django_capture_on_commit_callbacks
):
    link = mail_enrolment_link(client, editor, smtp_server, django_capture_on_commit_callbacks)
    settings.OTP_REQUIRED_FOR_STAFF = True
    path = link.split("testserver", 1)[1]

    opened = client.get(path, REMOTE_ADDR=HOME)
    # The token leaves the address bar at once (no token in a Referer or history).
    assert opened["Location"] == "/admin/two-factor/link/"
    page = client.get(opened["Location"])
    assert soup(page).select_one("img[src^='data:image/svg+xml']") is not None
    device = TOTPDevice.objects.get(user=editor, confirmed=False)

    # The link and a code are not enough: the password too.
    wrong = client.post(
        "/admin/two-factor/link/",
        {"password": "gæt", "code": code_for(device)},
        REMOTE_ADDR=HOME,
    )
    assert gettext("That password is not right.") in errors(wrong)
    assert AccessAttempt.objects.get().failures_since_start == 1

    done = client.post(
        "/admin/two-factor/link/",
        {"password": PASSWORD, "code": code_for(device)},
        REMOTE_ADDR=HOME,
    )

    assert len(soup(done).select(".recovery-codes code")) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert is_logged_in(client)
    client.logout()
    used = client.get(path)
    assert used.status_code == 400
    assert gettext("This link to set up two-factor authentication does not work any more.") in (
        text_of(used)
    )


def test_a_forged_enrolment_link_is_refused(client, editor):
    response = client.get("/admin/two-factor/link/MQ/abc-0123456789abcdef/")

    assert response.status_code == 400
    assert client.get("/admin/two-factor/link/").status_code == 400
    assert not TOTPDevice.objects.exists()


# Mail when the password or two-factor authentication changes -------------------------------


def test_staff_get_a_mail_when_their_password_changes(
    client, editor, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/password_change/",
            {
                "old_password": PASSWORD,
                "new_password1": "et-helt-nyt-og-langt-kodeord",
                "new_password2": "et-helt-nyt-og-langt-kodeord",
            },
        )
        editor.last_login = timezone.now()
        editor.save(update_fields=["last_login"])  # an ordinary save: no mail

    run_worker()
    [mail] = smtp_server.to("redaktoer@symbiosis.example.org")
    assert "adgangskode" in mail["Subject"]  # the admin's language: Danish
    assert "et-helt-nyt" not in body(mail)


def test_staff_get_a_mail_when_two_factor_is_turned_on_and_off(
    client, editor, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/two-factor/", {"code": code_for(device)})
        client.post(
            "/admin/two-factor/",
            {"action": "off", "password": PASSWORD, "code": code_for(device, at=time.time() + 30)},
        )

    run_worker()
    subjects = [m["Subject"] for m in smtp_server.to("redaktoer@symbiosis.example.org")]
    assert len(subjects) == 2
    assert any("slået til" in s or "turned on" in s for s in subjects)
    assert any("slået fra" in s or "turned off" in s for s in subjects)


# The deploy check ------------------------------------------------------------------------------


def test_the_deploy_check_warns_when_two_factor_is_not_required(settings):
    settings.OTP_REQUIRED_FOR_STAFF = False
    out = StringIO()

    call_command("check", "--deploy", "--tag", "security", stdout=out, stderr=out)

    assert "security.W001" in out.getvalue()
    settings.OTP_REQUIRED_FOR_STAFF = True
    out = StringIO()
    call_command("check", "--deploy", "--tag", "security", stdout=out, stderr=out)
    assert "security.W001" not in out.getvalue()


def test_the_first_administrator_gets_an_enrolment_link_from_the_command_line(
    client, editor, settings
):
    settings.OTP_REQUIRED_FOR_STAFF = True
    settings.SITE_URL = "https://symbiosis.example.org"
    out = StringIO()

    call_command("two_factor_link", "redaktoer", stdout=out, stderr=StringIO())

    link = out.getvalue().strip()
    assert link.startswith("https://symbiosis.example.org/admin/two-factor/link/")
    opened = client.get(link.removeprefix("https://symbiosis.example.org"))
    assert opened["Location"] == "/admin/two-factor/link/"
    with pytest.raises(Exception, match="No active user"):
        call_command("two_factor_link", "ingen", stdout=StringIO(), stderr=StringIO())
