"""Create (or reset) the demo administrator and print the login.

The password comes from DEMO_ADMIN_PASSWORD, which `make run` writes into .env,
so the printed login keeps working across runs.
"""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or reset the demo superuser 'admin' with DEMO_ADMIN_PASSWORD and print it."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
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
