"""Create (or reset) the demo administrator and print the login.

The password comes from DEMO_ADMIN_PASSWORD, which `make run` writes into .env,
so the printed login keeps working across runs. A superuser whose password sits in
an environment variable and is printed is for development: with DEBUG off the
command refuses unless told --i-know-this-is-not-development (a throw-away site
with production settings, such as the Observatory run).
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

FLAG = "--i-know-this-is-not-development"


class Command(BaseCommand):
    help = "Create or reset the demo superuser 'admin' with DEMO_ADMIN_PASSWORD and print it."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            FLAG,
            dest="not_development",
            action="store_true",
            help="Run even with DEBUG off: only on a throw-away site, never in production.",
        )

    def handle(self, *args, username, not_development, **options):
        if not settings.DEBUG and not not_development:
            raise CommandError(
                "DEBUG is off: this looks like production, and demo_admin would make a "
                f"superuser {username!r} with the password from DEMO_ADMIN_PASSWORD and print "
                "it. Create real staff with `manage.py createsuperuser`. On a throw-away site "
                f"with production settings, pass {FLAG}."
            )
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "")
        if len(password) < 12:
            raise CommandError("Set DEMO_ADMIN_PASSWORD (12 characters or more) first.")
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": "admin@example.org"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login: http://127.0.0.1:8000/admin/  user: {username}  password: {password}"
            )
        )
