"""A two-factor enrolment link for one staff member, printed rather than mailed: for
the first administrator of a new site, who has nobody to mail them one (whoever runs
this has a shell on the server, more than any password)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from symbiosis.addresses import absolute_url
from symbiosis.security import login


class Command(BaseCommand):
    help = "Print a link with which USERNAME turns on two-factor authentication."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user is called {username!r}.")
        self.stdout.write(absolute_url(None, login.enrolment_path(user)))
        self.stderr.write(
            "The link works once, for three days; open it, scan the QR code and confirm "
            "with the password and the first code."
        )
