"""The secretariat's roles: editor, press, data and administrator (symbiosis/roles.py)."""

from django.db import migrations

from symbiosis.roles import sync_roles


def remove_roles(apps, schema_editor):
    from symbiosis.roles import ADMINISTRATOR, ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=[*ROLES, ADMINISTRATOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("sessions", "0001_initial"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("partners", "0003_boardseat"),
        ("exchanges", "0001_initial"),
        ("news", "0001_initial"),
        ("pages", "0001_initial"),
        ("timeline", "0001_initial"),
        ("projects", "0001_initial"),
        ("network", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, remove_roles)]
