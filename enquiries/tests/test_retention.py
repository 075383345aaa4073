"""Personal data leaves by itself: anonymised after the retention period, by the daily
task the worker runs, and at once when someone asks (export first, then erase)."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.tasks import TaskResultStatus
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from enquiries import retention
from enquiries.models import Enquiry, Note, StatusChange, VisitRequest
from symbiosis import daily
from tests.mail import run_worker

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")


def make_enquiry(email="ida@example.dk", **fields):
    enquiry = Enquiry.objects.create(
        kind=fields.pop("kind", "contact"),
        name=fields.pop("name", "Ida Holm"),
        email=email,
        phone="+45 20 30 40 50",
        organisation="Holm ApS",
        message="Må jeg komme forbi?",
        consent_version="2026-12-07",
        **fields,
    )
    Note.objects.create(enquiry=enquiry, text="Ringede til Ida Holm på 20304050.")
    StatusChange.objects.create(enquiry=enquiry, new_status="received", comment="Ida svarede.")
    return enquiry


def test_months_before_keeps_the_day_or_takes_the_month_end():
    assert retention.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert retention.months_before(date(2026, 12, 7), 24) == date(2024, 12, 7)
    assert retention.months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_an_enquiry_older_than_the_period_loses_the_person_and_keeps_the_facts(settings):
    settings.ENQUIRY_RETENTION_MONTHS = 24
    with time_machine.travel(datetime(2024, 12, 1, 12, tzinfo=CPH), tick=False):
        old = make_enquiry(kind="visit")
        VisitRequest.objects.create(
            enquiry=old,
            group_size=12,
            country="Japan",
            date_1=date(2025, 1, 20),
            accessibility="En deltager bruger kørestol.",
        )
    with time_machine.travel(datetime(2026, 11, 1, 12, tzinfo=CPH), tick=False):
        recent = make_enquiry(email="bo@example.dk", name="Bo Lind")

    with time_machine.travel(datetime(2026, 12, 7, 3, tzinfo=CPH), tick=False):
        assert retention.anonymise_expired() == 1

    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.message) == ("–", "", "", "")
    assert old.anonymised is not None
    assert old.organisation == "Holm ApS"  # the organisation is not a person
    assert old.visit.accessibility == "" and old.visit.group_size == 12
    assert old.visit.country == "Japan"
    assert [n.text for n in old.notes.all()] == ["–"]
    assert [s.comment for s in old.history.all()] == [""]
    recent.refresh_from_db()
    assert recent.name == "Bo Lind" and recent.email == "bo@example.dk"
    assert recent.notes.get().text.startswith("Ringede")


def test_a_change_restarts_the_period(settings):
    settings.ENQUIRY_RETENTION_MONTHS = 1
    with time_machine.travel(datetime(2026, 10, 1, 12, tzinfo=CPH), tick=False):
        enquiry = make_enquiry()
    with time_machine.travel(datetime(2026, 11, 20, 12, tzinfo=CPH), tick=False):
        enquiry.status = "in_review"
        enquiry.save()
    with time_machine.travel(datetime(2026, 12, 7, 3, tzinfo=CPH), tick=False):
        assert retention.anonymise_expired() == 0
    with time_machine.travel(datetime(2026, 12, 21, 3, tzinfo=CPH), tick=False):
        assert retention.anonymise_expired() == 1


def test_the_worker_runs_the_nightly_task_and_books_the_next_night(settings):
    settings.ENQUIRY_RETENTION_MONTHS = 24
    DBTaskResult.objects.all().delete()

    def runs():
        rows = DBTaskResult.objects.filter(task_path=daily.TASK_PATH).order_by("enqueued_at")
        return [r for r in rows if r.args_kwargs["args"] == ["enquiries.anonymise"]]

    with time_machine.travel(datetime(2024, 1, 10, 12, tzinfo=CPH), tick=False):
        old = make_enquiry()
        daily.book_daily_tasks()  # as after `migrate`
        daily.book_daily_tasks()  # twice: still one run waiting
        (waiting,) = runs()
        assert waiting.run_after == datetime(2024, 1, 11, 3, tzinfo=CPH)

    with time_machine.travel(datetime(2026, 12, 7, 3, 5, tzinfo=CPH), tick=False):
        run_worker()

    old.refresh_from_db()
    assert old.anonymised is not None and old.email == ""
    done, booked = runs()
    assert (done.status, booked.status) == (TaskResultStatus.SUCCESSFUL, TaskResultStatus.READY)
    assert booked.run_after == datetime(2026, 12, 8, 3, tzinfo=CPH)


def test_export_gives_everything_held_about_one_address(admin_client):
    enquiry = make_enquiry(email="Ida@Example.dk")
    make_enquiry(email="someone.else@example.dk", name="Else")

    response = admin_client.post(
        reverse("admin:enquiries_enquiry_changelist"),
        {"action": "export_addresses", "_selected_action": [enquiry.pk]},
    )

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert list(data) == ["ida@example.dk"]
    (row,) = data["ida@example.dk"]
    assert row["name"] == "Ida Holm" and row["phone"] == "+45 20 30 40 50"
    assert row["notes"] == ["Ringede til Ida Holm på 20304050."]
    assert "Else" not in response.content.decode()


def test_erase_asks_first_then_anonymises_every_enquiry_from_the_address(admin_client):
    first = make_enquiry()
    second = make_enquiry(email="IDA@example.dk")
    other = make_enquiry(email="bo@example.dk", name="Bo Lind")
    url = reverse("admin:enquiries_enquiry_changelist")
    posted = {"action": "erase_addresses", "_selected_action": [first.pk]}

    asked = admin_client.post(url, posted)
    assert "ida@example.dk" in asked.content.decode()
    assert Enquiry.objects.get(pk=first.pk).anonymised is None

    done = admin_client.post(url, {**posted, "confirmed": "yes"}, follow=True)

    assert "2 henvendelser anonymiseret" in done.content.decode()
    for enquiry in (first, second):
        enquiry.refresh_from_db()
        assert enquiry.email == "" and enquiry.name == "–"
    other.refresh_from_db()
    assert other.name == "Bo Lind"


def test_the_dashboard_counts_what_waits_with_links(admin_client):
    make_enquiry()
    make_enquiry(email="bo@example.dk")
    make_enquiry(email="c@example.dk", kind="application", status="board")
    make_enquiry(email="d@example.dk", status="closed")

    page = admin_client.get(reverse("admin:index")).content.decode()

    assert "Venter på svar" in page
    assert "Besked, modtaget: 2" in page
    assert "Ansøgning om optagelse, afventer bestyrelsen: 1" in page
    assert "kind__exact=application&amp;status__exact=board" in page
