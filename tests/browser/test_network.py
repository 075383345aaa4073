"""A visitor finds the other symbioses of Denmark on the map and follows a dot to its entry."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from network.models import Symbiosis
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"da": "da-DK", "en": "en-GB"}


def network_path(language):
    with translation.override(language):
        return reverse("network:index")


@pytest.mark.parametrize("language", ["da", "en"])
def test_map_dot_leads_to_the_entry(open_page, live_server, language):
    call_command("load_demo", verbosity=0)
    page = open_page(locale=LOCALES[language])
    page.goto(live_server.url + network_path(language))
    expect(page.locator("svg a.dot")).to_have_count(Symbiosis.objects.published().count())
    assert_accessible(page)

    page.locator("svg a.dot", has_text="Bjæverskov").click()

    assert page.url.endswith("#symbiosen-bjaeverskov")
    entry = page.locator("#symbiosen-bjaeverskov")
    expect(entry).to_be_in_viewport()
    expect(entry).to_be_focused()
    expect(entry.get_by_role("heading", level=3)).to_have_text("Symbiosen Bjæverskov")


def test_map_dots_are_reached_with_the_keyboard(open_page, live_server):
    call_command("load_demo", verbosity=0)
    page = open_page(locale="en-GB", viewport={"width": 360, "height": 740})
    page.goto(live_server.url + network_path("en"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.locator("svg a.dot").first.focus()
    page.keyboard.press("Enter")

    first = Symbiosis.objects.published().first()
    assert page.url.endswith(f"#{first.slug}")
    expect(page.locator(f"#{first.slug}")).to_be_focused()
    assert_accessible(page)
