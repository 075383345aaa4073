"""A visitor reads the history of the symbiosis on a phone and jumps between decades."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from timeline.models import Milestone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"da": "da-DK", "en": "en-GB"}
PHONE = {"width": 360, "height": 740}


def history_path(language):
    with translation.override(language):
        return reverse("timeline:index")


@pytest.mark.parametrize("language", ["da", "en"])
def test_history_reads_on_a_phone_without_sideways_scrolling(open_page, live_server, language):
    call_command("load_demo", verbosity=0)
    page = open_page(locale=LOCALES[language], viewport=PHONE)
    page.goto(live_server.url + history_path(language))

    count = Milestone.objects.published().count()
    expect(page.locator("li.milestone")).to_have_count(count)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # One column: every milestone's date sits above its title, not beside it.
    first = page.locator("li.milestone").first
    date_box = first.locator(".milestone-date").bounding_box()
    title_box = first.locator("h3").bounding_box()
    assert date_box["y"] + date_box["height"] <= title_box["y"] + 1
    assert_accessible(page)


def test_decade_link_moves_focus_and_scrolls_to_the_decade(open_page, live_server):
    call_command("load_demo", verbosity=0)
    page = open_page(locale="en-GB", viewport=PHONE)
    page.goto(live_server.url + history_path("en"))
    assert page.evaluate("window.scrollY") == 0

    page.locator("nav.decade-nav").get_by_role("link", name="2020s").click()

    heading = page.locator("#decade-2020")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0
    assert page.url.endswith("#decade-2020")
    # The next Tab goes on from the decade, not back to the top of the page.
    page.keyboard.press("Tab")
    after_heading = page.evaluate(
        "document.getElementById('decade-2020').compareDocumentPosition(document.activeElement)"
        " & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert after_heading


def test_english_history_shows_the_fallback_note(open_page, live_server):
    call_command("load_demo", verbosity=0)
    page = open_page(locale="en-GB")
    page.goto(live_server.url + history_path("en"))
    untranslated = page.locator("li.milestone h3[lang=da]")
    expect(untranslated).to_have_count(1)
    expect(untranslated.locator(".fallback-note")).to_have_text(
        "Not yet translated: shown in Danish"
    )
    assert_accessible(page)
