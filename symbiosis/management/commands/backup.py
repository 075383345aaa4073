"""Write the whole site (database rows and uploaded files) into one dated archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from symbiosis.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write every database row and every file under MEDIA_ROOT into one archive, "
        "BACKUP_DIR/symbiosis-<UTC time>.tar.gz, with a manifest of SHA-256 checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help="Folder for the archive (default: BACKUP_DIR).",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, output_dir, database, **options):
        try:
            archive = create_backup(output_dir or settings.BACKUP_DIR, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = archive.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive} ({size:,} bytes)"))
        # The path alone on the last line, for scripts (`… | tail -n1`).
        self.stdout.write(str(archive))
