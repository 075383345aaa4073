"""Events list, event pages with their programme, speaker pages, the admin and the demo."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timezone import get_default_timezone

from news import demo_events
from news.models import Event, Speaker
from news.tests.factories_events import EventFactory, SessionFactory, SpeakerFactory, at_nine
from partners.demo import load_partners
from partners.tests.factories import PartnerFactory
from tests.html import soup, text_of
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db


def url(name, language="da", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def titles(page, selector):
    return [element.get_text(" ", strip=True) for element in page.select(selector)]


# The events list


def test_events_page_lists_upcoming_soonest_first_then_past_latest_first(client):
    EventFactory(title_da="Om en måned", start=at_nine(30))
    EventFactory(title_da="I morgen", start=at_nine(1))
    EventFactory(title_da="Sidste år", start=at_nine(-365))
    EventFactory(title_da="Sidste måned", start=at_nine(-30))
    EventFactory(title_da="Skjult", start=at_nine(2), is_public=False)
    page = soup(client.get(url("news:events")))
    assert titles(page, "#upcoming ~ .event-list h3") == ["I morgen", "Om en måned"]
    assert titles(page, "#past ~ .event-list h3") == ["Sidste måned", "Sidste år"]


def test_an_event_running_now_is_still_upcoming(client):
    start = timezone.now() - datetime.timedelta(hours=1)
    EventFactory(title_da="Lige nu", start=start, end=start + datetime.timedelta(hours=3))
    page = soup(client.get(url("news:events")))
    assert titles(page, "#upcoming ~ .event-list h3") == ["Lige nu"]


def test_events_list_says_so_when_nothing_is_planned(client):
    EventFactory(past=True)
    response = client.get(url("news:events", "en"))
    assert "No events are planned right now." in text_of(response)
    assert (
        soup(response).select_one(".calendar-url").get_text().endswith(url("news:calendar", "en"))
    )


def test_events_list_states_time_zone_and_marks_time(client):
    EventFactory(start=datetime.datetime(2030, 6, 3, 7, 0, tzinfo=datetime.UTC))
    card = soup(client.get(url("news:events", "en"))).select_one(".event-card")
    first = card.select_one("time")
    assert first["datetime"] == "2030-06-03T09:00:00+02:00"
    assert first.get_text() == "Monday 3 June 2030, 09:00"
    assert "(Danish time, CEST)" in card.get_text(" ", strip=True)


def test_past_events_come_in_pages_and_a_bad_page_is_a_clean_404(client):
    for days in range(12):
        EventFactory(title_da=f"Fortid {days:02}", start=at_nine(-10 - days))
    EventFactory(title_da="Kommende")
    second = soup(client.get(url("news:events"), {"page": 2}))
    assert titles(second, ".event-list h3") == ["Fortid 10", "Fortid 11"]
    assert second.select_one("#upcoming") is None  # upcoming events are on the first page
    assert second.select_one("a[rel=prev]")["href"] == "?page=1#past"
    for hostile in ["99", "abc", "<script>"]:
        response = client.get(url("news:events"), {"page": hostile})
        assert response.status_code == 404
        assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 25])
def test_events_list_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    EventFactory.create_batch(count)
    EventFactory.create_batch(count, past=True)
    # upcoming events, count of past events, one page of past events
    with django_assert_num_queries(3 + NAVIGATION):
        response = client.get(url("news:events"))
    assert len(soup(response).select(".event-card")) == count + min(count, 10)


# An event and its programme


def test_event_page_shows_facts_in_danish_time_and_add_to_calendar(client):
    event = EventFactory(
        title_da="Jubilæumskonference",
        start=datetime.datetime(2022, 10, 24, 6, 30, tzinfo=datetime.UTC),
        end=datetime.datetime(2022, 10, 24, 14, 30, tzinfo=datetime.UTC),
        venue="Helix Lab",
        address="Rynkevangen, 4400 Kalundborg",
        description_da="<p>Fest <script>alert(1)</script>for symbiosen.</p>",
    )
    response = client.get(url("news:event", slug=event.slug))
    page = soup(response)
    assert page.h1.get_text() == "Jubilæumskonference"
    facts = page.select_one(".event-facts").get_text(" ", strip=True)
    assert "08:30" in facts and "16:30" in facts and "Helix Lab" in facts
    assert [t["datetime"] for t in page.select(".event-facts time")] == [
        "2022-10-24T08:30:00+02:00",
        "2022-10-24T16:30:00+02:00",
    ]
    assert "<script>" not in response.content.decode()
    assert "Fest for symbiosen." in page.select_one(".prose").get_text(" ", strip=True)
    link = page.select_one(".event-actions a[download]")
    assert link["href"] == url("news:event-ics", slug=event.slug)


def test_registration_link_only_while_the_event_is_ahead(client):
    ahead = EventFactory(registration_url="https://example.org/ahead")
    over = EventFactory(past=True, registration_url="https://example.org/over")
    ahead_page = soup(client.get(url("news:event", "en", slug=ahead.slug)))
    over_page = soup(client.get(url("news:event", "en", slug=over.slug)))
    assert ahead_page.select_one("a[href='https://example.org/ahead']") is not None
    assert over_page.select_one("a[href='https://example.org/over']") is None
    assert "This event has taken place." in over_page.get_text(" ", strip=True)


def test_programme_is_in_time_order_with_linked_speakers_and_a_calendar_file_each(client):
    event = EventFactory(start=at_nine(10))
    partner = PartnerFactory(name="Novo Nordisk", slug="novo-nordisk")
    chair = SpeakerFactory(name="Henrik Vestergaard", partner=partner, organisation="")
    researcher = SpeakerFactory(name="Ingrid Thorsen", organisation="Aalborg Universitet")
    later = SessionFactory(
        event=event,
        title_en="Panel",
        start=event.start + datetime.timedelta(hours=2),
        speakers=[researcher, chair],
    )
    first = SessionFactory(event=event, title_en="Welcome", speakers=[chair])
    page = soup(client.get(url("news:event", "en", slug=event.slug)))
    sessions = page.select("ol.programme > li.session")
    assert [s.h4.get_text(strip=True) for s in sessions] == ["Welcome", "Panel"]
    assert [s["id"] for s in sessions] == [f"session-{first.pk}", f"session-{later.pk}"]
    assert sessions[0].select_one("time")["datetime"] == (
        timezone.localtime(first.start, get_default_timezone()).isoformat()
    )
    speakers = sessions[1].select(".session-speakers li")
    assert [li.get_text(" ", strip=True) for li in speakers] == [
        "Henrik Vestergaard , Researcher , Novo Nordisk",
        "Ingrid Thorsen , Researcher , Aalborg Universitet",
    ]
    assert speakers[0].a["href"] == url("news:speaker", "en", slug=chair.slug)
    ics = sessions[1].select_one(".session-actions a")
    assert ics["href"] == url("news:session-ics", "en", slug=event.slug, pk=later.pk)
    assert ics.get_text(" ", strip=True) == "Add to calendar : Panel"


def test_programme_over_two_days_has_a_heading_per_day(client):
    event = EventFactory(start=at_nine(10), end=at_nine(11) + datetime.timedelta(hours=7))
    SessionFactory(event=event)
    SessionFactory(event=event, start=at_nine(11))
    page = soup(client.get(url("news:event", "en", slug=event.slug)))
    days = page.select(".programme-day time")
    assert [d["datetime"] for d in days] == [
        str(timezone.localdate() + datetime.timedelta(days=10)),
        str(timezone.localdate() + datetime.timedelta(days=11)),
    ]


def test_english_page_marks_danish_fallback(client):
    event = EventFactory(title_en="", title_da="Workshop om vand", description_en="")
    SessionFactory(event=event, title_en="", title_da="Velkomst", description_en="")
    page = soup(client.get(url("news:event", "en", slug=event.slug)))
    assert page.h1["lang"] == "da"
    assert page.select_one(".prose")["lang"] == "da"
    session_title = page.select_one(".session h4")
    assert session_title["lang"] == "da"
    assert "Not yet translated: shown in Danish" in session_title.get_text()


@pytest.mark.parametrize("path", ["/da/{events}%3Cscript%3E/", "/en/{events}no-such-event/"])
def test_unknown_or_hostile_event_paths_get_a_clean_404(client, path):
    language = path[1:3]
    events = url("news:events", language)[4:]
    response = client.get(path.format(events=events))
    assert response.status_code == 404
    assert "<script>" not in response.content.decode()


def test_hidden_event_is_not_found(client):
    event = EventFactory(is_public=False)
    assert client.get(url("news:event", slug=event.slug)).status_code == 404


@pytest.mark.parametrize("count", [1, 12])
def test_event_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    event = EventFactory()
    speakers = [SpeakerFactory(partner=PartnerFactory()) for _ in range(count)]
    for index in range(count):
        SessionFactory(
            event=event, start=event.start + datetime.timedelta(minutes=index), speakers=speakers
        )
    # the event, its sessions, their speakers with their partners
    with django_assert_num_queries(3 + NAVIGATION):
        response = client.get(url("news:event", slug=event.slug))
    assert len(soup(response).select(".session-speakers a")) == count * count


# Speakers


def test_speaker_page_shows_bio_partner_link_and_sessions(client):
    partner = PartnerFactory(name="Ørsted", slug="orsted")
    speaker = SpeakerFactory(
        name="Camilla Friis",
        role_en="Head of the Asnæs power station",
        partner=partner,
        organisation="",
        bio_en="Runs the power station.",
    )
    shown = EventFactory(title_en="Anniversary conference")
    hidden = EventFactory(title_en="Secret meeting", is_public=False)
    session = SessionFactory(event=shown, title_en="The partners speak", speakers=[speaker])
    SessionFactory(event=hidden, title_en="Not for the public", speakers=[speaker])
    response = client.get(url("news:speaker", "en", slug=speaker.slug))
    page = soup(response)
    assert page.h1.get_text() == "Camilla Friis"
    assert page.select_one(".speaker-role").get_text() == "Head of the Asnæs power station"
    assert page.select_one(".speaker-organisation a")["href"] == url(
        "partners:detail", "en", slug="orsted"
    )
    assert page.select_one(".speaker-bio").get_text(strip=True) == "Runs the power station."
    items = page.select(".speaker-sessions li")
    assert len(items) == 1
    assert items[0].a["href"] == url("news:event", "en", slug=shown.slug) + f"#session-{session.pk}"
    assert "Anniversary conference" in items[0].get_text()
    assert "Secret meeting" not in text_of(response)


def test_a_speaker_at_a_hidden_partner_shows_no_organisation_one_at_a_university_its_name(client):
    # A hidden partner's name is secret (docs/security.md, "Hidden partners").
    hidden = PartnerFactory(name="Lukket", is_public=False)
    at_hidden = SpeakerFactory(partner=hidden, organisation="")
    at_university = SpeakerFactory(organisation="Lunds universitet")
    SessionFactory(speakers=[at_hidden, at_university])
    hidden_page = soup(client.get(url("news:speaker", slug=at_hidden.slug)))
    assert hidden_page.select_one(".speaker-organisation") is None
    assert "Lukket" not in hidden_page.get_text()
    organisation = soup(client.get(url("news:speaker", slug=at_university.slug))).select_one(
        ".speaker-organisation"
    )
    assert organisation.get_text(strip=True) == "Lunds universitet"
    assert organisation.a is None


def test_speaker_without_english_bio_shows_danish_marked(client):
    speaker = SpeakerFactory(bio_da="Leder forsyningen.", bio_en="")
    SessionFactory(speakers=[speaker])
    bio = soup(client.get(url("news:speaker", "en", slug=speaker.slug))).select_one(".speaker-bio")
    assert bio["lang"] == "da"
    assert "Leder forsyningen." in bio.get_text()
    assert bio.select_one(".fallback-note").get_text() == "Not yet translated: shown in Danish"


def test_speaker_only_at_hidden_events_or_nowhere_is_not_found(client):
    hidden_only = SpeakerFactory()
    SessionFactory(event=EventFactory(is_public=False), speakers=[hidden_only])
    nowhere = SpeakerFactory()
    assert client.get(url("news:speaker", slug=hidden_only.slug)).status_code == 404
    assert client.get(url("news:speaker", slug=nowhere.slug)).status_code == 404


@pytest.mark.parametrize("count", [1, 12])
def test_speaker_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    speaker = SpeakerFactory(partner=PartnerFactory())
    for _ in range(count):
        SessionFactory(speakers=[speaker])
    # the speaker with its partner, the sessions with their events
    with django_assert_num_queries(2 + NAVIGATION):
        response = client.get(url("news:speaker", slug=speaker.slug))
    assert len(soup(response).select(".speaker-sessions li")) == count


# The admin


def _event_form(**overrides):
    data = {
        "title_da": "Workshop",
        "slug": "workshop",
        "kind": "workshop",
        "start_0": "2030-03-05",
        "start_1": "09:00",
        "end_0": "2030-03-05",
        "end_1": "12:00",
        "languages": "da",
        "is_public": "on",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "An event cannot end before it starts."),
        ("da", "Et arrangement kan ikke slutte, før det begynder."),
    ],
)
def test_admin_refuses_an_event_ending_before_it_starts(admin_client, language, message):
    admin_client.cookies["django_language"] = language  # the admin's language switch
    response = admin_client.post("/admin/news/event/add/", _event_form(end_0="2030-03-04"))
    assert response.status_code == 200
    assert message in soup(response).select_one(".field-end .errorlist").get_text()
    assert not Event.objects.exists()


def test_admin_refuses_a_session_outside_its_event(admin_client):
    session = {
        "sessions-TOTAL_FORMS": "1",
        "sessions-0-title_da": "Frokost",
        "sessions-0-start_0": "2030-03-05",
        "sessions-0-start_1": "11:30",
        "sessions-0-end_0": "2030-03-05",
        "sessions-0-end_1": "13:00",
        "sessions-0-language": "da",
    }
    admin_client.cookies["django_language"] = "en"  # the admin's language switch
    response = admin_client.post("/admin/news/event/add/", _event_form(**session))
    assert "The session ends after the event ends." in text_of(response)
    assert not Event.objects.exists()
    session["sessions-0-end_1"] = "12:00"
    response = admin_client.post("/admin/news/event/add/", _event_form(**session))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.start == datetime.datetime(2030, 3, 5, 9, tzinfo=get_default_timezone())
    assert [s.title_da for s in event.sessions.all()] == ["Frokost"]


def test_admin_finds_events_by_english_text_and_filters_upcoming(admin_client):
    EventFactory(title_da="Vandworkshop", title_en="Water workshop")
    EventFactory(title_da="Gammelt møde", title_en="Old water meeting", past=True)
    response = admin_client.get("/admin/news/event/", {"q": "water", "when": "upcoming"})
    rows = titles(soup(response), "#result_list tbody th a")
    assert rows == ["Vandworkshop"]


def test_admin_session_inline_picks_speakers_by_autocomplete(admin_client):
    SpeakerFactory(name="Ingrid Thorsen")
    SpeakerFactory(name="Lars Munk Pedersen")
    page = soup(admin_client.get("/admin/news/event/add/"))
    select = page.select_one("select[name='sessions-__prefix__-speakers']")
    assert "admin-autocomplete" in select["class"]
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "news", "model_name": "session", "field_name": "speakers", "term": "ingrid"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Ingrid Thorsen"]


def test_admin_speaker_form_has_partner_autocomplete_and_both_languages(admin_client):
    admin_client.cookies["django_language"] = "en"  # the admin's language switch
    page = soup(admin_client.get("/admin/news/speaker/add/"))
    assert "admin-autocomplete" in page.select_one("select[name=partner]")["class"]
    legends = [h.get_text(strip=True) for h in page.select("fieldset h2, fieldset legend")]
    assert "Danish" in legends and "English" in legends
    assert page.select_one("[name=bio_en]") is not None


# The demo


def test_demo_builds_the_conference_and_a_second_run_changes_nothing():
    load_partners()
    assert demo_events.load() > 0
    assert demo_events.load() == 0

    conference = Event.objects.get(slug=demo_events.CONFERENCE_SLUG)
    assert conference.title_en == "Global Leadership Conference within circular economy"
    assert timezone.localtime(conference.start, get_default_timezone()).date() == datetime.date(
        2022, 10, 24
    )
    assert "Helix Lab" in conference.venue
    assert conference.image and conference.image_alt_da and conference.image_alt_en
    sessions = list(conference.sessions.all())
    assert len(sessions) >= 10
    assert all(a.end <= b.start for a, b in itertools.pairwise(sessions))
    speakers = Speaker.objects.filter(sessions__event=conference).distinct()
    assert 6 <= speakers.count() <= 8
    assert all(s.photo and s.bio_da for s in speakers)
    assert speakers.filter(bio_en="").count() == 1
    assert speakers.get(partner__slug="novo-nordisk").role_en.startswith("Production director")
    assert speakers.filter(partner__slug="kalundborg-symbiose").exists()
    assert speakers.filter(partner=None).exclude(organisation="").count() >= 2

    upcoming = Event.objects.upcoming()
    assert [e.kind for e in upcoming] == ["webinar", "visit", "workshop"]
    today = timezone.localdate()
    assert 21 <= (timezone.localtime(upcoming[0].start).date() - today).days <= 27
    assert Event.objects.past().count() == 3  # the conference and two more


def test_demo_moves_the_dated_events_with_today(monkeypatch):
    load_partners()
    demo_events.load()
    webinar = Event.objects.get(kind=Event.Kind.WEBINAR)
    later = timezone.localdate() + datetime.timedelta(days=7)
    monkeypatch.setattr(demo_events.timezone, "localdate", lambda: later)
    assert demo_events.load() > 0
    webinar.refresh_from_db()
    assert timezone.localtime(webinar.start).date() - later >= datetime.timedelta(days=21)
    assert Event.objects.upcoming().count() == 3


def test_admin_lists_events_with_their_session_counts_and_opens_the_programme(admin_client):
    event = EventFactory(title_da="Jubilæumskonference")
    SessionFactory.create_batch(3, event=event, speakers=[SpeakerFactory(name="Ingrid Thorsen")])
    listing = soup(admin_client.get("/admin/news/event/"))
    assert listing.select_one("#result_list td.field-session_count").get_text() == "3"
    change = soup(admin_client.get(f"/admin/news/event/{event.pk}/change/"))
    assert len(change.select(".inline-related:not(.empty-form)")) == 3
    chosen = change.select("select[name='sessions-0-speakers'] option[selected]")
    assert [o.get_text() for o in chosen] == ["Ingrid Thorsen"]


def test_admin_keeps_the_calendar_address_free(admin_client):
    reserved = url("news:calendar", "en").rsplit("/", 1)[-1].removesuffix(".ics")
    admin_client.cookies["django_language"] = "en"  # the admin's language switch
    response = admin_client.post("/admin/news/event/add/", _event_form(slug=reserved))
    assert "This address is used by the calendar of all events." in text_of(response)
    assert not Event.objects.exists()
