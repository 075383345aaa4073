"""`manage.py prune_mail`: what the site keeps of the mail it sent goes after
MAIL_RESULT_DAYS, the records of outgoing mail and the worker's task results alike
(both hold recipients' addresses). Run daily from a timer (README, operations)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from symbiosis.mail import prune_records


class Command(BaseCommand):
    help = "Delete outgoing mail records and finished task results older than MAIL_RESULT_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.MAIL_RESULT_DAYS,
            help="Keep what is younger than this many days (default: MAIL_RESULT_DAYS).",
        )

    def handle(self, *, days, verbosity, **options):
        # Every queue's finished results: a task's arguments may name a recipient.
        call_command(
            "prune_db_task_results", min_age_days=days, queue_name="*", verbosity=verbosity
        )
        deleted = prune_records(days=days)
        if verbosity:
            self.stdout.write(f"Deleted {deleted} outgoing mail record(s).")
