"""The side-stream exchange end to end, in a real browser: a visitor posts an offer; the
secretariat publishes it; it shows in the list, the feed and the open data; its
suggestions name the right want with reasons; the secretariat opens the match and takes it
to "established", and the planned flow shows on the diagram.
"""

import csv
import io
import time

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from exchanges.tests.factories import ResourceFactory
from listings.models import Listing, Match, Stage, Status
from listings.tests.factories import WantFactory
from partners.tests.factories import PartnerFactory
from tests.browser.conftest import assert_accessible
from tests.browser.test_enquiries import (
    FILL_SECONDS,
    PASSWORD,
    log_in_to_the_admin,
    wait_until_ready,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CVR = "24256790"


def url(live_server, name, language="en", **kwargs):
    with translation.override(language):
        return live_server.url + reverse(name, kwargs=kwargs)


@pytest.fixture
def symbiosis(settings):
    settings.FORM_MIN_FILL_SECONDS = FILL_SECONDS
    settings.SPAM_CHALLENGE_COST = 500  # a real proof of work, quicker (test_enquiries.py)
    settings.SITE_URL = "http://testserver.example.org"  # links in mail are absolute
    ResourceFactory(slug="fly-ash", name_da="Flyveaske", name_en="Fly ash", category="material")
    supplier = PartnerFactory(
        name="Asnæs Kraftværk",
        slug="asnaes",
        cvr=CVR,
        nace="35.11",
        latitude="55.66000",
        longitude="11.08000",
    )
    cement = PartnerFactory(
        name="Aalborg Portland",
        slug="aalborg-portland",
        nace="23.51",
        latitude="57.04800",
        longitude="9.92000",
    )
    want = WantFactory(
        organisation=cement,
        title_en="Cement works seeks fly ash as a raw material",
        title_da="Cementfabrik søger flyveaske som råvare",
        description_en="We replace part of the clinker with fly ash from combustion.",
        description_da="Vi erstatter en del af klinkeren med flyveaske fra forbrænding.",
        category="material",
        place="Aalborg",
        latitude="57.04800",
        longitude="9.92000",
    )
    WantFactory(
        title_en="Greenhouse needs surplus heat",
        title_da="Gartneri søger overskudsvarme",
        description_en="Heat at 40–60 °C for our greenhouses.",
        category="energy",
        place="Odsherred",
    )
    return supplier, want


def test_an_offer_goes_from_the_form_to_a_planned_flow_on_the_diagram(
    open_page, live_server, smtp_server, symbiosis, browser_errors
):
    supplier, want = symbiosis
    page = open_page(locale="en-GB")

    # A visitor (the power station's environmental officer) posts the offer.
    page.goto(url(live_server, "listings:post"))
    shown = time.monotonic()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator('[name="kind"][value="offer"]').check()
    page.get_by_label("What do you offer?").select_option("by_product")
    page.get_by_label("Title:").fill("Fly ash from our biomass boiler")
    page.get_by_label("Description:").fill(
        "About 20,000 tonnes of fly ash a year from burning wood pellets, dry, in silos."
    )
    page.get_by_label("Category:").select_option("material")
    page.get_by_label("Waste code (EWC):").fill("10 01 03")
    page.get_by_label("Quantity:").fill("20000")
    page.get_by_label("Unit:").select_option("t")
    page.get_by_label("Per:").select_option("year")
    page.get_by_label("Town or municipality:").fill("Kalundborg")
    page.locator('[name="visibility"][value="public"]').check()
    page.get_by_label("Organisation:").fill("Asnæs Power Station")
    page.get_by_label("CVR number:").fill(CVR)
    page.get_by_label("Your name:").fill("Jens Aske")
    page.get_by_label("Your e-mail:").fill("jens@example.dk")
    page.get_by_label("I have read what is kept about me and for how long (above).").check()
    wait_until_ready(page, shown)
    assert_accessible(page)
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your listing")

    offer = Listing.objects.get(title_en="Fly ash from our biomass boiler")
    assert offer.status == Status.REVIEW and offer.organisation == supplier
    hidden = url(live_server, "listings:detail", pk=offer.pk)
    browser_errors.expect_status(hidden, 404)
    assert page.goto(hidden).status == 404

    # The secretariat publishes it.
    User.objects.create_superuser("sekretariat", "sekretariat@example.dk", PASSWORD)
    log_in_to_the_admin(page, live_server, "sekretariat")
    page.goto(live_server.url + reverse("admin:listings_listing_change", args=[offer.pk]))
    page.get_by_label("Next step:").select_option(Status.PUBLISHED.value)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_be_visible()
    offer.refresh_from_db()
    assert offer.status == Status.PUBLISHED

    # It shows in the list, the feed and the open data.
    page.goto(url(live_server, "listings:list"))
    expect(page.get_by_role("link", name="Fly ash from our biomass boiler")).to_be_visible()
    assert_accessible(page)
    feed = page.request.get(url(live_server, "listings:feed-rss"))
    assert "Fly ash from our biomass boiler" in feed.text()
    data = page.request.get(
        url(live_server, "exchanges:download", dataset="listings", fmt="csv")
    ).text()
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))
    assert any("Fly ash from our biomass boiler" in row for row in rows)

    # Its page suggests the cement works' want first, with reasons.
    page.goto(url(live_server, "listings:detail", pk=offer.pk))
    first = page.locator("ol.suggestions > li").first
    expect(first).to_contain_text("Cement works seeks fly ash as a raw material")
    expect(first.locator(".reasons li").first).to_be_visible()
    assert_accessible(page)

    # The secretariat opens the match from the listing's suggestions and takes it through.
    page.goto(live_server.url + reverse("admin:listings_listing_change", args=[offer.pk]))
    row = page.locator(".listing-suggestions tr", has_text="Cement works seeks fly ash")
    row.get_by_role("button", name="Open a match").click()
    expect(page.locator(".messagelist")).to_contain_text("The match is opened")
    match = Match.objects.get(offer=offer, want=want)
    for stage in (Stage.CONTACTED, Stage.DIALOGUE, Stage.AGREED, Stage.ESTABLISHED):
        if stage == Stage.ESTABLISHED:
            page.get_by_label("Resource of the new flow:").select_option(label="Flyveaske")
        page.get_by_label("Next stage:").select_option(stage.value)
        page.get_by_role("button", name="Save and continue editing").click()
        expect(page.locator(".messagelist")).to_be_visible()
    match.refresh_from_db()
    assert match.stage == Stage.ESTABLISHED and match.flow is not None

    # Both sides were introduced by mail.
    from tests.mail import run_worker

    run_worker()
    assert smtp_server.to("jens@example.dk")

    # The planned flow shows on today's diagram, drawn as planned.
    page.goto(url(live_server, "exchanges:diagram"))
    planned = page.locator("a.planned")
    expect(planned).to_have_count(1)
    assert "Asnæs Kraftværk" in planned.locator("title").text_content()
    expect(page.locator(".legend-planned")).to_be_visible()
