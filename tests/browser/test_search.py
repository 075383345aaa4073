"""A visitor searches from the header box, by keyboard only, and opens the flow found."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from exchanges.models import Flow
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 80


def tab_to(page, selector):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} never got the focus by Tab")


def test_gips_from_the_danish_home_page_by_keyboard_to_the_gypsum_flow(page, live_server):
    call_command("load_demo", verbosity=0)
    flow = Flow.objects.get(resource__slug="gypsum")
    with translation.override("da"):
        results = reverse("search:results")
        flow_url = flow.get_absolute_url()

    page.goto(live_server.url + "/da/")
    tab_to(page, "#site-search-q")
    page.keyboard.type("gips")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(results) + r"\?q=gips$"))
    expect(page.locator("#search-q")).to_have_value("gips")
    link = page.locator(f".search-hit a[href='{flow_url}']")
    expect(link).to_have_text("Gips: Ørsted → Saint-Gobain Gyproc")
    expect(link.locator("mark")).to_have_text("Gips")
    assert_accessible(page)

    tab_to(page, f".search-hit a[href='{flow_url}']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + flow_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ørsted")


def test_the_search_box_fits_a_phone_and_the_results_too(open_page, live_server):
    call_command("load_demo", verbosity=0)
    page = open_page(locale="en-GB", viewport={"width": 360, "height": 740})
    page.goto(live_server.url + "/en/")
    box = page.locator("#site-search-q")
    expect(box).to_be_visible()
    bounds = box.bounding_box()
    assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 360

    box.fill("steam")
    box.press("Enter")
    expect(page.locator("h2#search-flow")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
