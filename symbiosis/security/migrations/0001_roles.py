"""The administrator role also manages two-factor devices and login lockouts."""

from django.db import migrations

from symbiosis.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("symbiosis", "0001_roles"),
        ("axes", "0010_accessattemptexpiration"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
