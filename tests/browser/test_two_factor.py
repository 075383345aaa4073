"""Two-factor authentication in a real browser: a staff member turns it on from the
admin's header, types the key into an "app" (the code is worked out from the key the
page shows, as a phone would), keeps the recovery codes, and from then on logs in with
the password on one page and the code on the next."""

import time
from base64 import b32decode

import pytest
from django.contrib.auth.models import User
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "korrekt-hest-batteri-hæfteklamme"


def app_code(secret, *, at):
    """What an authenticator app shows for the key typed in by hand."""
    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = at
    return f"{totp.token():06d}"


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("redaktoer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_staff_turn_on_two_factor_and_then_log_in_with_a_code(page, live_server):
    User.objects.create_user("redaktoer", password=PASSWORD, is_staff=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_role("button", name="English").click()  # the admin speaks Danish until asked
    log_in(page, live_server)
    expect(page.locator("#user-tools")).to_contain_text("redaktoer")

    page.get_by_role("link", name="Two-factor authentication").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor authentication")
    expect(page.get_by_role("img", name="QR code")).to_be_visible()
    assert_accessible(page)
    secret = page.locator(".two-factor-secret").inner_text()
    page.get_by_label("Code").fill(app_code(secret, at=time.time()))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.locator("#content-main")).to_contain_text("Two-factor authentication is on")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="I have kept them: continue").click()

    page.get_by_role("button", name="Log out").click()
    log_in(page, live_server)
    # The right password leads to a second page that asks for the code.
    expect(page.locator("#content-main")).to_contain_text("Enter the code your authenticator app")
    assert_accessible(page)
    # The app's next code: the one that confirmed the device cannot be used again.
    page.get_by_label("Code").fill(app_code(secret, at=time.time() + 30))
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text("redaktoer")
    assert_accessible(page)
