"""A GIN index on the search vector, on PostgreSQL only (SQLite has no tsvector).

Created with SQL rather than Meta.indexes so SQLite migrates too, and so
`makemigrations --check` does not ask for it on either database.
"""

from django.db import migrations

INDEX = "search_entry_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchentry USING gin (vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
