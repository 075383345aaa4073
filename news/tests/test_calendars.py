"""Calendar files (RFC 5545): one per event, one per session, and a feed of all events."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import get_default_timezone
from icalendar import Calendar

from news.calendars import ics_filename, plain_text
from news.tests.factories_events import EventFactory, SessionFactory, SpeakerFactory
from partners.tests.factories import PartnerFactory
from tests.html import soup

pytestmark = pytest.mark.django_db

CONFERENCE_START = datetime.datetime(2022, 10, 24, 8, 30, tzinfo=get_default_timezone())


def url(name, language="da", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def calendar_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    for component in calendar.events:
        assert component["UID"]
        assert component["SUMMARY"]
        assert component["DTSTAMP"].to_ical().endswith(b"Z")  # in UTC, as RFC 5545 wants
        start = component["DTSTART"]
        assert start.params.get("TZID") == "Europe/Copenhagen" or start.dt.tzinfo == datetime.UTC
    return calendar


def timezone_ids(calendar):
    return [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]


@pytest.fixture
def conference():
    return EventFactory(
        title_da="Jubilæumskonference",
        title_en="Anniversary conference",
        slug="jubilaeum",
        description_da=(
            "<p>Fest for <strong>symbiosen</strong>.</p><p>Hele dagen &amp; aftenen.</p>"
        ),
        description_en="<p>A celebration.</p>",
        start=CONFERENCE_START,
        end=CONFERENCE_START + datetime.timedelta(hours=8),
        venue="Helix Lab",
        address="Rynkevangen, 4400 Kalundborg",
    )


def test_event_file_in_the_language_of_the_url(client, conference):
    for language, summary, description in [
        ("da", "Jubilæumskonference", "Fest for symbiosen.\n\nHele dagen & aftenen."),
        ("en", "Anniversary conference", "A celebration."),
    ]:
        response = client.get(url("news:event-ics", language, slug="jubilaeum"))
        assert response["Content-Disposition"] == 'attachment; filename="jubilaeum.ics"'
        calendar = calendar_of(response)
        [event] = calendar.events
        assert event["SUMMARY"] == summary
        assert event["SUMMARY"].params["LANGUAGE"] == language
        assert event.start == CONFERENCE_START
        assert str(event.start.tzinfo) == "Europe/Copenhagen"
        assert event.end == CONFERENCE_START + datetime.timedelta(hours=8)
        assert event["LOCATION"] == "Helix Lab, Rynkevangen, 4400 Kalundborg"
        page = "http://testserver" + url("news:event", language, slug="jubilaeum")
        assert event["URL"] == page
        assert event["DESCRIPTION"] == f"{description}\n\n{page}"
        assert event.uid == f"event-{conference.pk}@symbiosis.example.org"
        assert timezone_ids(calendar) == ["Europe/Copenhagen"]


def test_event_file_is_stable_until_the_event_changes(client, conference):
    path = url("news:event-ics", slug="jubilaeum")
    first = client.get(path).content
    assert client.get(path).content == first
    [event] = Calendar.from_ical(first).events
    assert conference.updated.replace(microsecond=0) == event.DTSTAMP
    # The UID does not depend on the address the file was fetched from.
    [elsewhere] = Calendar.from_ical(client.get(path, headers={"host": "localhost"}).content).events
    assert (elsewhere.uid, elsewhere.DTSTAMP) == (event.uid, event.DTSTAMP)

    conference.venue = "Kalundborg Station"
    conference.save()
    [changed] = Calendar.from_ical(client.get(path).content).events
    assert changed.uid == event.uid
    assert changed.DTSTAMP >= event.DTSTAMP
    assert changed["LOCATION"].startswith("Kalundborg Station")


def test_english_file_says_when_a_title_fell_back_to_danish(client):
    EventFactory(slug="kun-dansk", title_da="Vandworkshop", title_en="")
    [event] = calendar_of(client.get(url("news:event-ics", "en", slug="kun-dansk"))).events
    assert event["SUMMARY"] == "Vandworkshop"
    assert event["SUMMARY"].params["LANGUAGE"] == "da"


def test_session_file_with_room_speakers_and_a_link_to_the_programme(client, conference):
    partner = PartnerFactory(name="Novo Nordisk")
    speakers = [
        SpeakerFactory(name="Henrik Vestergaard", partner=partner, organisation=""),
        SpeakerFactory(name="Ingrid Thorsen", organisation="Aalborg Universitet"),
    ]
    session = SessionFactory(
        event=conference,
        title_da="Paneldebat",
        title_en="Panel debate",
        description_en="Can the model be copied?",
        start=CONFERENCE_START + datetime.timedelta(hours=4),
        end=CONFERENCE_START + datetime.timedelta(hours=5),
        room="Trappesalen",
        speakers=speakers,
    )
    response = client.get(url("news:session-ics", "en", slug="jubilaeum", pk=session.pk))
    assert response["Content-Disposition"] == ('attachment; filename="jubilaeum-panel-debate.ics"')
    calendar = calendar_of(response)
    [event] = calendar.events
    assert event["SUMMARY"] == "Panel debate"
    assert event.start == datetime.datetime(2022, 10, 24, 12, 30, tzinfo=get_default_timezone())
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert event.end == datetime.datetime(2022, 10, 24, 13, 30, tzinfo=get_default_timezone())
    assert event.uid == f"session-{session.pk}@symbiosis.example.org"
    assert event["LOCATION"] == "Trappesalen, Helix Lab, Rynkevangen, 4400 Kalundborg"
    page = "http://testserver" + url("news:event", "en", slug="jubilaeum")
    assert event["URL"] == f"{page}#session-{session.pk}"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Can the model be copied?")
    assert "Speakers: Henrik Vestergaard, Novo Nordisk; Ingrid Thorsen, Aalborg Universitet" in (
        description
    )
    assert "Part of: Anniversary conference" in description
    assert timezone_ids(calendar) == ["Europe/Copenhagen"]


def test_session_file_in_danish(client, conference):
    session = SessionFactory(event=conference, title_da="Velkomst og kaffe")
    response = client.get(url("news:session-ics", "da", slug="jubilaeum", pk=session.pk))
    assert 'filename="jubilaeum-velkomst-og-kaffe.ics"' in response["Content-Disposition"]
    [event] = calendar_of(response).events
    assert event["SUMMARY"] == "Velkomst og kaffe"


def test_unknown_hidden_or_mismatched_calendar_files_are_not_found(client, conference):
    other = EventFactory(slug="andet")
    hidden = EventFactory(slug="skjult", is_public=False)
    session = SessionFactory(event=conference)
    hidden_session = SessionFactory(event=hidden)
    for path in [
        url("news:event-ics", slug="findes-ikke"),
        url("news:event-ics", slug="skjult"),
        url("news:session-ics", slug="jubilaeum", pk=session.pk + 1000),
        url("news:session-ics", slug=other.slug, pk=session.pk),  # a session of another event
        url("news:session-ics", slug="skjult", pk=hidden_session.pk),
        url("news:session-ics", slug="findes-ikke", pk=session.pk),
    ]:
        assert client.get(path).status_code == 404, path
    assert client.get(url("news:event-ics", slug="jubilaeum")).status_code == 200


def test_calendar_files_only_answer_reads(client, conference):
    assert client.post(url("news:event-ics", slug="jubilaeum")).status_code == 405
    assert client.post(url("news:calendar")).status_code == 405
    assert client.head(url("news:calendar")).status_code == 200


def test_feed_holds_every_published_event_and_can_be_subscribed(client, conference):
    EventFactory(title_en="Webinar", slug="webinar")
    EventFactory(title_en="Old study visit", past=True)
    EventFactory(title_en="Secret", is_public=False)
    response = client.get(url("news:calendar", "en"))
    calendar = calendar_of(response)
    assert [str(e["SUMMARY"]) for e in calendar.events] == [
        "Anniversary conference",  # 2022
        "Old study visit",  # a year ago
        "Webinar",
    ]
    assert calendar["X-WR-CALNAME"] == "Kalundborg Symbiosis events"
    assert calendar["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=12)
    assert response["Content-Disposition"] == (
        'attachment; filename="kalundborg-symbiosis-events.ics"'
    )
    assert timezone_ids(calendar) == ["Europe/Copenhagen"]
    assert len({e.uid for e in calendar.events}) == 3


@pytest.mark.parametrize("count", [1, 30])
def test_feed_runs_one_query(client, django_assert_num_queries, count):
    EventFactory.create_batch(count)
    with django_assert_num_queries(1):
        response = client.get(url("news:calendar"))
    assert len(Calendar.from_ical(response.content).events) == count


def test_event_page_links_to_its_calendar_files(client, conference):
    session = SessionFactory(event=conference)
    page = soup(client.get(url("news:event", slug="jubilaeum")))
    links = [a["href"] for a in page.select("a[download]")]
    assert links == [
        url("news:event-ics", slug="jubilaeum"),
        url("news:session-ics", slug="jubilaeum", pk=session.pk),
    ]
    for link in links:
        assert calendar_of(client.get(link)).events


def test_plain_text_and_file_names():
    assert plain_text("<h2>Program</h2><ul><li>Kaffe</li><li>Tale &amp; debat</li></ul>") == (
        "Program\n\nKaffe\nTale & debat"
    )
    assert plain_text("") == ""
    assert ics_filename("Årsmøde", "Velkomst på Asnæs") == "aarsmoede-velkomst-paa-asnaes.ics"
    assert ics_filename("<script>", "") == "script.ics"
    assert ics_filename("", "!!") == "calendar.ics"
