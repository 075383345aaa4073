"""A visitor reads the flows as a table, filters them, follows a flow to its partners."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from exchanges.models import Flow
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "da": {
        "flows": "/da/udvekslinger/",
        "category": "Kategori",
        "water": "Vand",
        "show": "Vis",
        "switch": ("Sprog", "English"),
        "partners": "/en/partners/",
    },
    "en": {
        "flows": "/en/flows/",
        "category": "Category",
        "water": "Water",
        "show": "Show",
        "switch": ("Language", "Dansk"),
        "partners": "/da/partnere/",
    },
}


@pytest.mark.parametrize("language", ["da", "en"])
def test_filter_flows_follow_a_flow_to_its_supplier_and_switch_language(
    open_page, live_server, language
):
    call_command("load_demo", verbosity=0)
    text = TEXT[language]
    page = open_page(locale="da-DK" if language == "da" else "en-GB")
    page.goto(live_server.url + text["flows"])
    assert_accessible(page)

    page.get_by_label(text["category"]).select_option(label=text["water"])
    page.get_by_role("button", name=text["show"]).click()
    expect(page).to_have_url(re.compile(r"\?category=water"))
    water_flows = Flow.objects.published().filter(resource__category="water")
    rows = page.locator("table.flow-table tbody tr")
    expect(rows).to_have_count(water_flows.count())

    # Follow the first flow (the Tissø pipeline, 1961) to its page.
    first = water_flows.order_by("year_started", "pk").first()
    rows.first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(first.supplier.name)
    assert_accessible(page)

    # …then to the supplier, and to the same partner in the other language.
    page.locator(".flow-partners").get_by_role("link", name=first.supplier.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.supplier.name)
    nav, link = text["switch"]
    page.get_by_role("navigation", name=nav).get_by_role("link", name=link, exact=True).click()
    expect(page).to_have_url(
        re.compile(re.escape(live_server.url + text["partners"] + first.supplier.slug + "/") + "$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(first.supplier.name)
    assert_accessible(page)
