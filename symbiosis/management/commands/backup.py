"""Write the whole site (database rows and uploaded files) into one dated archive,
encrypted and signed with BACKUP_KEY, and delete archives past their time."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from symbiosis.backup import BackupError, create_backup, new_key, prune_backups


class Command(BaseCommand):
    help = (
        "Write every database row and every file under MEDIA_ROOT into one archive, "
        "BACKUP_DIR/symbiosis-<UTC time>.tar.gz.enc, encrypted and signed with BACKUP_KEY; "
        "then delete the archives there older than BACKUP_KEEP_DAYS, keeping the newest "
        "BACKUP_KEEP_LATEST."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help="Folder for the archive (default: BACKUP_DIR).",
        )
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--new-key",
            dest="print_key",
            action="store_true",
            help="Print a new key for BACKUP_KEY and do nothing else.",
        )

    def handle(self, *args, output_dir, database, print_key, **options):
        if print_key:
            self.stdout.write(new_key())
            return
        directory = output_dir or settings.BACKUP_DIR
        try:
            archive = create_backup(directory, keys=settings.BACKUP_KEY, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = archive.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive} ({size:,} bytes)"))
        deleted = prune_backups(
            directory,
            keep_days=settings.BACKUP_KEEP_DAYS,
            keep_latest=settings.BACKUP_KEEP_LATEST,
        )
        for path in deleted:
            self.stdout.write(f"Deleted (older than {settings.BACKUP_KEEP_DAYS} days): {path.name}")
        # The path alone on the last line, for scripts (`… | tail -n1`).
        self.stdout.write(str(archive))
