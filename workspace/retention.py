"""The workspace's nightly work (symbiosis/daily.py): the data round's reminder and
the list of the overdue.

- DATA_ROUND_REMINDER_DAYS before an open round's deadline, once, the editors of every
  partner asked that has not submitted are reminded (DataRound.reminded).
- The day after the deadline, once, the secretariat gets the list of partners that
  have not submitted (one mail key per round).
"""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from listings.workflow import secretariat_address
from symbiosis import dates
from symbiosis.addresses import absolute
from symbiosis.mail import send_templated
from symbiosis.models import OutgoingMail
from symbiosis.registry import daily_tasks
from workspace import round_work
from workspace.models import Answer, DataRound

ANSWERED = (Answer.Status.SUBMITTED, Answer.Status.ACCEPTED)


def not_answered(data_round):
    """The partners asked that have not submitted (a draft or a returned answer counts
    as not submitted)."""
    answered = data_round.answers.filter(status__in=ANSWERED).values("partner")
    return round_work.expected_partners(data_round).exclude(pk__in=answered)


@daily_tasks.register("workspace.rounds")
def remind_and_list_overdue(today=None):
    """Returns (partners reminded, rounds whose overdue were listed)."""
    today = today or dates.today()
    reminded = listed = 0
    soon = today + timedelta(days=settings.DATA_ROUND_REMINDER_DAYS)
    for data_round in DataRound.objects.open().filter(
        reminded__isnull=True, deadline__gte=today, deadline__lte=soon
    ):
        for partner in not_answered(data_round):
            round_work.mail_editors(
                partner, data_round, "workspace_round_reminder", f"round-{data_round.pk}-reminder"
            )
            reminded += 1
        DataRound.objects.filter(pk=data_round.pk).update(reminded=timezone.now())
    for data_round in DataRound.objects.open().filter(deadline__lt=today):
        key = f"round-{data_round.pk}-overdue"
        if OutgoingMail.objects.filter(key=key).exists():
            continue
        overdue = list(not_answered(data_round))
        if not overdue:
            continue
        path = reverse("admin:workspace_dataround_change", args=[data_round.pk])
        send_templated(
            "workspace_round_overdue",
            {
                "year": data_round.year,
                "deadline": data_round.deadline,
                "overdue": overdue,
                "admin_url": absolute(path),
            },
            to=[secretariat_address()],
            language="da",
            key=key,
        )
        listed += 1
    return reminded, listed


@daily_tasks.register("workspace.invitations")
def erase_old_invitations():
    """Invitations (a name and an address) are deleted 30 days after they were used,
    withdrawn or expired (the privacy page says so)."""
    from workspace import invitations

    return {"deleted": invitations.erase_old()}
