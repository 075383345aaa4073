"""The study-visit request: the form's dates, one record per submission, the mail, the
admin's confirm and decline pages, the invitation and the month calendar."""

import datetime

import icalendar
import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from enquiries import visits
from enquiries.models import Enquiry, Status, VisitCalendar, VisitRequest
from enquiries.tests.factories import (
    ClosedPeriodFactory,
    ConfirmedVisitFactory,
    VisitRequestFactory,
)
from tests.html import soup, text_of
from tests.mail import body, run_worker

pytestmark = pytest.mark.django_db

# A Monday: with the default 14 days' notice, the 15th is the first day to ask for.
MONDAY = datetime.datetime(2027, 3, 1, 10, 0, tzinfo=visits.VISIT_TIME_ZONE)
TODAY = MONDAY.date()
GOOD_DAY = datetime.date(2027, 3, 22)  # a Monday three weeks ahead
OTHER_GOOD_DAY = datetime.date(2027, 3, 23)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://symbiosis.example.org"
    settings.FORM_POSTS_LIMIT = 100


@pytest.fixture(autouse=True)
def clock():
    """Frozen before anyone logs in (a login of today would have expired in 2027)."""
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def visit_url(language):
    with translation.override(language):
        return reverse("enquiries:visit")


def post_visit(client, clock, language="en", submission=None, **fields):
    """Show the form, wait as a person would, send it (without the proof of work: the
    enquiry is flagged, which is fine here)."""
    url = visit_url(language)
    page = soup(client.get(url))
    data = {
        "name": "Ingrid Larsen",
        "email": "ingrid@school.example.org",
        "phone": "",
        "organisation": "Bergen Katedralskole",
        "group_size": "24",
        "country": "Norway",
        "visit_language": "en",
        "visit_language_other": "",
        "date_1": GOOD_DAY.isoformat(),
        "date_2": "",
        "date_3": "",
        "interests": ["energy", "water"],
        "accessibility": "One wheelchair user",
        "message": "",
        "consent": "on",
        "form_shown": page.select_one("input[name=form_shown]")["value"],
        "submission": submission or page.select_one("input[name=submission]")["value"],
        **fields,
    }
    clock.shift(django_settings.FORM_MIN_FILL_SECONDS + 1)
    return client.post(url, data)


def errors_of(response):
    return " ".join(soup(response).select_one("#form-errors").get_text(" ").split())


# Which days can be asked for.


@pytest.mark.parametrize(
    ("language", "day", "message"),
    [
        ("en", "2027-02-26", "is in the past"),
        ("da", "2027-02-26", "er overstået"),
        ("en", "2027-03-08", "we need 14 days' notice"),
        ("da", "2027-03-08", "vi skal have besked 14 dage i forvejen"),
        ("en", "2027-03-27", "we receive no visits at weekends"),
        ("da", "2027-03-27", "vi tager ikke imod besøg i weekenden"),
        ("en", "2027-03-16", "the secretariat receives no visits then"),
        ("da", "2027-03-16", "sekretariatet tager ikke imod besøg den dag"),
        ("en", "2027-03-24", "that day is fully booked"),
        ("da", "2027-03-24", "den dag er fuldt booket"),
    ],
)
def test_a_day_that_cannot_be_asked_for_is_refused_with_the_reason_in_the_visitors_language(
    client, clock, language, day, message
):
    ClosedPeriodFactory(start=datetime.date(2027, 3, 15), end=datetime.date(2027, 3, 19))
    VisitCalendar.objects.create(visits_per_day=1, days_ahead=14)
    ConfirmedVisitFactory(date_1=datetime.date(2027, 3, 24))

    response = post_visit(client, clock, language, date_2=day)

    assert response.status_code == 200
    assert message in errors_of(response)
    assert Enquiry.objects.count() == 1  # only the confirmed visit of the arrangement


def test_the_refusal_names_the_day_in_the_visitors_way_of_writing_dates(client, clock):
    danish = post_visit(client, clock, "da", date_1="2027-02-26")
    english = post_visit(client, clock, "en", date_1="2027-02-26")

    assert "26. februar 2027 er overstået." in errors_of(danish)
    assert "Feb. 26, 2027 is in the past." in errors_of(english)


def test_the_same_date_twice_is_refused(client, clock):
    response = post_visit(client, clock, date_2=GOOD_DAY.isoformat())

    assert "twice: please choose different dates" in errors_of(response)
    assert not Enquiry.objects.exists()


def test_another_language_needs_its_name(client, clock):
    response = post_visit(client, clock, visit_language="other")

    assert "Please say which language." in errors_of(response)


def test_refusals_ask_the_database_twice_however_many_days(django_assert_num_queries):
    rules = VisitCalendar(visits_per_day=2, days_ahead=14)
    days = [TODAY + datetime.timedelta(days=n) for n in range(30)]

    with django_assert_num_queries(2):
        reasons = visits.refusals(days, rules, today=TODAY)

    assert visits.refusal(GOOD_DAY, rules, today=TODAY) is None
    assert GOOD_DAY not in reasons and TODAY in reasons


def test_declined_and_received_visits_do_not_fill_a_day():
    rules = VisitCalendar(visits_per_day=1, days_ahead=0)
    VisitRequestFactory(confirmed_date=GOOD_DAY)  # received, not confirmed
    ConfirmedVisitFactory(date_1=GOOD_DAY, enquiry__status=Status.DECLINED)

    assert visits.refusal(GOOD_DAY, rules, today=TODAY) is None


# The page and a valid request.


def test_the_page_shows_the_dates_and_interests_in_fieldsets_and_the_privacy_note(client, clock):
    page = soup(client.get(visit_url("en")))

    legends = [" ".join(legend.get_text().split()) for legend in page.select("form legend")]
    assert "When would you like to come?" in legends
    assert "What would you like to hear about?" in legends
    assert page.select_one("input[name=date_1]")["type"] == "date"
    assert page.select_one("input[name=date_1]")["min"] == "2027-03-15"
    assert len(page.select("input[name=interests][type=checkbox]")) == 6
    assert page.select_one(".privacy-note") and page.select_one("input[name=consent]")


def test_a_valid_request_makes_one_enquiry_and_one_visit_request_a_second_post_none(client, clock):
    first = post_visit(client, clock, date_2=OTHER_GOOD_DAY.isoformat())
    submission = Enquiry.objects.get().submission
    again = post_visit(client, clock, submission=str(submission), date_2=OTHER_GOOD_DAY.isoformat())

    assert first.status_code == again.status_code == 302
    assert first["Location"] == reverse("enquiries:visit-sent")
    enquiry = Enquiry.objects.get()
    visit = VisitRequest.objects.get()
    assert (enquiry.kind, enquiry.topic, enquiry.language) == ("visit", "study_visit", "en")
    assert enquiry.flagged  # no proof of work in a test
    assert (visit.enquiry, visit.dates, visit.interests) == (
        enquiry,
        [GOOD_DAY, OTHER_GOOD_DAY],
        ["energy", "water"],
    )
    assert visit.accessibility == "One wheelchair user"


def test_the_wrap_up_page_says_a_date_is_confirmed_by_mail(client):
    with translation.override("en"):
        response = client.get(reverse("enquiries:visit-sent"))

    assert "We confirm a date by e-mail" in text_of(response)


def test_the_visitor_gets_a_receipt_in_their_language_and_the_inbox_a_notification(
    client, clock, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_visit(client, clock, "da", date_2=OTHER_GOOD_DAY.isoformat())
    run_worker()

    (receipt,) = smtp_server.to("ingrid@school.example.org")
    assert "vi har modtaget din forespørgsel om et studiebesøg" in receipt["Subject"]
    text = body(receipt)
    assert "Ønskede datoer: 22. marts 2027, 23. marts 2027" in text
    assert "Energi: damp, varme og overskudsvarme" in text
    (notification,) = smtp_server.to(django_settings.SECRETARIAT["email"])
    assert "Bergen Katedralskole" in notification["Subject"]
    assert notification["Reply-To"] == "ingrid@school.example.org"


# The admin's steps.


def confirm_url(visit):
    return reverse("admin:enquiries_visit_confirm", args=[visit.pk])


def decline_url(visit):
    return reverse("admin:enquiries_visit_decline", args=[visit.pk])


@pytest.fixture
def requested(clock):
    return VisitRequestFactory(
        date_1=GOOD_DAY, date_2=OTHER_GOOD_DAY, enquiry__language="da", enquiry__name="Ingrid"
    )


def test_the_enquirys_page_shows_the_visit_and_links_to_its_steps(admin_client, requested):
    page = soup(admin_client.get(requested.enquiry.get_admin_url()))

    links = {a["href"] for a in page.select("a.button")}
    assert {confirm_url(requested), decline_url(requested)} <= links


def test_confirming_a_date_moves_the_enquiry_keeps_the_date_and_mails_an_invitation(
    admin_client, requested, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            confirm_url(requested),
            {"choice": OTHER_GOOD_DAY.isoformat(), "start": "13:30", "duration_minutes": "90"},
        )
    run_worker()

    assert response.status_code == 302
    requested.refresh_from_db()
    requested.enquiry.refresh_from_db()
    assert requested.enquiry.status == Status.CONFIRMED
    assert (requested.confirmed_date, requested.confirmed_start) == (
        OTHER_GOOD_DAY,
        datetime.time(13, 30),
    )
    step = requested.enquiry.history.last()
    assert (step.old_status, step.new_status, step.by.is_superuser) == (
        "received",
        "confirmed",
        True,
    )
    (mail,) = smtp_server.to(requested.enquiry.email)
    assert "bekræftet" in mail["Subject"]
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_filename() == "besoeg.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST"
    start = event.decoded("DTSTART")
    assert start == datetime.datetime(2027, 3, 23, 13, 30, tzinfo=visits.VISIT_TIME_ZONE)
    assert event.decoded("DTEND") - start == datetime.timedelta(minutes=90)
    assert event["UID"] == f"visit-{requested.pk}@{visits.UID_DOMAIN}"
    assert str(event["SUMMARY"]).startswith("Studiebesøg")
    assert str(event["ORGANIZER"]) == f"mailto:{django_settings.SECRETARIAT['email']}"
    assert str(event["ATTENDEE"]) == f"mailto:{requested.enquiry.email}"


def test_a_closed_day_is_refused_unless_the_secretariat_confirms_anyway(admin_client, requested):
    ClosedPeriodFactory(start=GOOD_DAY, end=GOOD_DAY)
    data = {"choice": GOOD_DAY.isoformat(), "start": "10:00", "duration_minutes": "120"}

    refused = admin_client.post(confirm_url(requested), data)
    confirmed = admin_client.post(confirm_url(requested), {**data, "confirm_anyway": "on"})

    # The admin speaks Danish unless its user chose English.
    assert "sekretariatet tager ikke imod besøg den dag" in text_of(refused)
    assert confirmed.status_code == 302
    requested.enquiry.refresh_from_db()
    assert requested.enquiry.status == Status.CONFIRMED


def test_another_date_can_be_confirmed(admin_client, requested):
    admin_client.post(
        confirm_url(requested),
        {
            "choice": "other",
            "other_date": "2027-04-06",
            "start": "10:00",
            "duration_minutes": "120",
        },
    )

    requested.refresh_from_db()
    assert requested.confirmed_date == datetime.date(2027, 4, 6)


def test_declining_needs_a_reason_which_is_kept_and_mailed(
    admin_client, requested, smtp_server, django_capture_on_commit_callbacks
):
    empty = admin_client.post(decline_url(requested), {"reason": ""})
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(decline_url(requested), {"reason": "Alle vores værter er på ferie."})
    run_worker()

    assert empty.status_code == 200
    requested.refresh_from_db()
    requested.enquiry.refresh_from_db()
    assert requested.enquiry.status == Status.DECLINED
    assert requested.decline_reason == "Alle vores værter er på ferie."
    assert requested.enquiry.history.last().comment == "Alle vores værter er på ferie."
    (mail,) = smtp_server.to(requested.enquiry.email)
    assert "Alle vores værter er på ferie." in body(mail)


def test_a_step_no_longer_open_sends_back_to_the_enquiry(admin_client, clock):
    declined = ConfirmedVisitFactory(enquiry__status=Status.DECLINED)

    response = admin_client.get(confirm_url(declined))

    assert response["Location"] == declined.enquiry.get_admin_url()


# The calendar.


def calendar_url(month=None):
    url = reverse("admin:enquiries_visit_calendar")
    return f"{url}?month={month}" if month is not None else url


def test_the_calendar_shows_confirmed_visits_and_closed_periods_in_their_month(admin_client, clock):
    visit = ConfirmedVisitFactory(
        date_1=GOOD_DAY, confirmed_start=datetime.time(9, 15), enquiry__organisation="Lund Skole"
    )
    VisitRequestFactory(date_1=GOOD_DAY, enquiry__organisation="Not Yet Confirmed")
    ClosedPeriodFactory(start=datetime.date(2027, 3, 15), end=datetime.date(2027, 3, 16))

    response = admin_client.get(calendar_url("2027-03"))
    april = admin_client.get(calendar_url("2027-04"))

    page = soup(response)
    (link,) = page.select(".visit-calendar a[href]")
    assert link["href"] == visit.enquiry.get_admin_url()
    assert "Lund Skole" in link.get_text() and "09:15" in link.get_text()
    assert "Not Yet Confirmed" not in text_of(response)
    assert len(page.select("td.closed.weekend, td.closed:not(.other-month)")) == 2
    assert "Easter" in text_of(response)
    assert page.select_one("a[rel=prev]")["href"] == "?month=2027-02"
    assert page.select_one("a[rel=next]")["href"] == "?month=2027-04"
    assert "Lund Skole" not in text_of(april)


@pytest.mark.parametrize("month", ["", "2027-13", "march", "0-1", "99999-01", "2027-03-01"])
def test_a_bad_month_shows_this_month(admin_client, clock, month):
    response = admin_client.get(calendar_url(month))

    assert response.status_code == 200
    assert "March 2027" in text_of(response) or "marts 2027" in text_of(response)


def test_the_rules_entry_of_the_index_opens_the_calendar(admin_client, clock):
    response = admin_client.get(reverse("admin:enquiries_visitcalendar_changelist"))

    assert response["Location"] == calendar_url()


def test_a_second_row_of_rules_cannot_be_added(admin_client):
    VisitCalendar.objects.create()

    response = admin_client.get(reverse("admin:enquiries_visitcalendar_add"))

    assert response.status_code == 403


@pytest.mark.parametrize("visits_in_month", [1, 10])
def test_the_calendar_asks_the_same_number_of_queries_however_many_visits(
    admin_client, clock, django_assert_num_queries, visits_in_month
):
    for n in range(visits_in_month):
        ConfirmedVisitFactory(date_1=GOOD_DAY + datetime.timedelta(days=n % 4))
    ClosedPeriodFactory()
    admin_client.get(calendar_url("2027-03"))  # the session and the user, once

    # Session, user, the rules, closed periods, confirmed visits and the admin's own.
    with django_assert_num_queries(10):
        response = admin_client.get(calendar_url("2027-03"))

    assert len(soup(response).select(".visit-calendar li")) == visits_in_month
