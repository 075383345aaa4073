"""A visitor finds the 50-year conference, reads a speaker's bio, saves a session in a calendar."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import get_default_timezone
from icalendar import Calendar
from playwright.sync_api import expect

from news import demo_events
from partners.demo import load_partners
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONFERENCE = "Global Leadership Conference within circular economy"
TEXT = {
    "da": {
        "locale": "da-DK",
        "speaker": "Ingrid Thorsen",
        "bio": "Ingrid Thorsen forsker i, hvordan industrielle symbioser opstår og holder.",
        "session": "Keynote: Hvorfor symbioser holder – og hvorfor de går i stå",
    },
    "en": {
        "locale": "en-GB",
        # His English biography is missing: the Danish one is shown, marked as Danish.
        "speaker": "Rasmus Eriksen",
        "bio": "Rasmus Eriksen leder forsyningen af vand, spildevand og varme",
        "session": "Keynote: Why symbioses last – and why they stall",
    },
}


@pytest.mark.parametrize("language", ["da", "en"])
def test_open_the_conference_read_a_speaker_and_save_a_session(open_page, live_server, language):
    load_partners()
    demo_events.load()
    text = TEXT[language]
    with translation.override(language):
        events_path = reverse("news:events")
        conference_path = reverse("news:event", kwargs={"slug": demo_events.CONFERENCE_SLUG})
    page = open_page(locale=text["locale"])
    page.goto(live_server.url + events_path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)

    page.get_by_role("link", name=CONFERENCE).click()
    expect(page).to_have_url(live_server.url + conference_path)
    expect(page.get_by_role("heading", level=1)).to_have_text(CONFERENCE)
    assert_accessible(page)

    # From the programme to a speaker and back.
    page.locator(".programme").get_by_role("link", name=text["speaker"]).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["speaker"])
    bio = page.locator(".speaker-bio")
    expect(bio).to_contain_text(text["bio"])
    if language == "en":
        expect(bio).to_have_attribute("lang", "da")
        expect(bio.locator(".fallback-note")).to_have_text("Not yet translated: shown in Danish")
    assert_accessible(page)
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(CONFERENCE)

    # Save one session in a calendar: a real download, read back as iCalendar.
    session = page.locator("li.session").filter(
        has=page.get_by_role("heading", name=text["session"])
    )
    with page.expect_download() as download_info:
        session.get_by_role("link", name=re.compile(re.escape(text["session"]))).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    [event] = calendar.events
    assert str(event["SUMMARY"]) == text["session"]
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert event.start == datetime.datetime(2022, 10, 24, 9, 35, tzinfo=get_default_timezone())
