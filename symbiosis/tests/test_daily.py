"""The nightly tasks: booked at migrate, once each; the kernel's own prunes sent mail."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from symbiosis import daily
from symbiosis.mail import sample_context, send_templated
from symbiosis.models import OutgoingMail
from symbiosis.registry import daily_tasks

pytestmark = pytest.mark.django_db


def test_migrate_books_one_run_of_every_registered_task(settings):
    """What `migrate` does after its last migration (its post_migrate receiver), twice:
    one run each; and nothing when the setting is off (as in the tests)."""
    from django.db.models.signals import post_migrate

    settings.DAILY_TASKS_BOOKED_AT_MIGRATE = False
    daily.book_daily_tasks(signal=post_migrate)
    assert not DBTaskResult.objects.filter(task_path=daily.TASK_PATH).exists()
    settings.DAILY_TASKS_BOOKED_AT_MIGRATE = True
    for _time in range(2):
        daily.book_daily_tasks(signal=post_migrate)
    waiting = DBTaskResult.objects.filter(task_path=daily.TASK_PATH, status=TaskResultStatus.READY)
    keys = sorted(row.args_kwargs["args"][0] for row in waiting)
    assert keys == sorted(daily_tasks) and "enquiries.anonymise" in keys
    assert all(row.run_after > timezone.now() for row in waiting)


def test_next_run_is_the_coming_night_in_copenhagen(settings):
    settings.DAILY_TASKS_HOUR = 3
    tz = timezone.get_default_timezone()
    assert daily.next_run(datetime(2026, 12, 7, 2, 59, tzinfo=tz)) == datetime(
        2026, 12, 7, 3, tzinfo=tz
    )
    assert daily.next_run(datetime(2026, 12, 7, 3, 0, tzinfo=tz)) == datetime(
        2026, 12, 8, 3, tzinfo=tz
    )
    # The night summer time ends: still 03:00 local, 25 hours later.
    assert daily.next_run(datetime(2026, 10, 24, 12, tzinfo=tz)) == datetime(
        2026, 10, 25, 3, tzinfo=tz
    )


def test_the_nightly_prune_deletes_old_mail_records_but_keeps_recent_ones(settings):
    settings.MAIL_RESULT_DAYS = 7
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        old = send_templated(
            "security_notice", sample_context("security_notice"), to=["a@example.dk"], language="da"
        )
    recent = send_templated(
        "security_notice", sample_context("security_notice"), to=["b@example.dk"], language="da"
    )
    OutgoingMail.objects.filter(pk__in=[old.pk, recent.pk]).update(status="sent")

    daily_tasks["symbiosis.prune_mail"]()

    assert list(OutgoingMail.objects.values_list("pk", flat=True)) == [recent.pk]
