"""Bring a freshly migrated installation to the state saved by `manage.py backup`."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from symbiosis.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database rows and MEDIA_ROOT files from an archive written by "
        "`manage.py backup`, after checking its signature with BACKUP_KEY and every "
        "checksum. Run `migrate` first. "
        "Refuses a site that has content unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the rows (and overwrite the files) of a site that has content.",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, archive, force, database, **options):
        if not archive.is_file():
            raise CommandError(f"No such archive: {archive}")
        try:
            manifest = restore_backup(
                archive, keys=settings.BACKUP_KEY, force=force, using=database
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        files = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {archive.name} (made {manifest['created']}): "
                f"{rows:,} rows, {files:,} files; signature and every checksum verified."
            )
        )
