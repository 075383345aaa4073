"""The exchange's nightly work: expiry, the reminder before it, erasing old contacts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from listings import retention
from listings.models import Status
from listings.tests.factories import ListingFactory
from symbiosis import dates
from symbiosis.registry import daily_tasks
from tests.mail import body, run_worker

pytestmark = pytest.mark.django_db


def test_both_tasks_run_every_night():
    assert daily_tasks["listings.expiry"] is retention.expire_and_remind
    assert daily_tasks["listings.retention"] is retention.erase_contacts


def test_a_listing_past_its_day_expires_and_one_due_soon_is_reminded_once(
    smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://symbiosis.example.org"
    today = dates.today()
    past = ListingFactory(available_until=today - timedelta(days=1))
    soon = ListingFactory(
        available_until=today + timedelta(days=10),
        contact_email="soon@example.org",
        contact_name="Sofie",
        language="en",
        title_en="Spare steam",
    )
    later = ListingFactory(
        available_until=today + timedelta(days=60), contact_email="l@example.org"
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert retention.expire_and_remind() == (1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.expire_and_remind() == (0, 0)
    run_worker()

    past.refresh_from_db()
    soon.refresh_from_db()
    later.refresh_from_db()
    assert (past.status, soon.status, later.status) == (
        Status.EXPIRED,
        Status.PUBLISHED,
        Status.PUBLISHED,
    )
    (reminder,) = smtp_server.to("soon@example.org")
    assert reminder["Subject"] == "Kalundborg Symbiose: your listing expires soon"
    assert "Spare steam" in body(reminder)
    assert f"https://symbiosis.example.org{soon.get_absolute_url_in('en')}" in body(reminder)
    assert smtp_server.to("l@example.org") == []


def test_the_contact_of_a_listing_ended_long_ago_is_erased_and_the_listing_kept():
    now = timezone.now()
    old = ListingFactory(
        status=Status.CLOSED,
        ended_at=now - timedelta(days=800),
        contact_name="Gammel",
        contact_email="old@example.org",
    )
    recent = ListingFactory(
        status=Status.EXPIRED,
        ended_at=now - timedelta(days=30),
        contact_name="Ny",
        contact_email="new@example.org",
    )
    running = ListingFactory(contact_name="Aktiv", contact_email="run@example.org")

    assert retention.erase_contacts() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    running.refresh_from_db()
    assert (old.contact_name, old.contact_email) == ("", "")
    assert old.title_da  # the listing itself stays
    assert recent.contact_email == "new@example.org"
    assert running.contact_email == "run@example.org"
