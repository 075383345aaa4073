"""A visitor reads the governance and contact pages: the board of another date, the staff."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def chair_row(page, title):
    # The row whose office cell reads exactly the title (not "Næstformand"/"Vice-chair").
    office = page.locator("td").filter(has_text=re.compile(rf"^\s*{title}\s*$"))
    return page.locator("#the-board tbody tr").filter(has=office)


def test_a_visitor_looks_up_an_earlier_board_and_finds_the_staff(page, live_server):
    call_command("load_demo", verbosity=0)

    page.goto(f"{live_server.url}/da/")
    page.locator(".site-footer").get_by_role("link", name="Ledelse").click()
    expect(page.locator("h1")).to_have_text("Ledelse")
    expect(chair_row(page, "Formand")).to_contain_text("Lars Winther Mogensen")
    assert_accessible(page)

    page.get_by_label("Se bestyrelsen på en anden dato").fill("2021-06-01")
    page.get_by_role("button", name="Vis bestyrelsen").click()
    expect(page).to_have_url(f"{live_server.url}/da/ledelse/?date=2021-06-01#the-board")
    expect(chair_row(page, "Formand")).to_contain_text("Henrik Damgaard")

    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(chair_row(page, "Chair")).to_contain_text("Henrik Damgaard")

    page.locator(".main-nav").get_by_role("link", name="Contact").click()
    expect(page.locator("h1")).to_have_text("Contact")
    expect(page.locator(".person-card h3").first).to_have_text("Mette Holm Sørensen")
    assert_accessible(page)
