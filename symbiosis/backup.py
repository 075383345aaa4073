"""One archive holds the whole site: every database row and every uploaded file.

`manage.py backup` writes backups/symbiosis-<UTC time>.tar.gz.enc (BACKUP_DIR): a
tar.gz, encrypted and signed with BACKUP_KEY (below), holding

- `manifest.json`: when, from which database, the migrations applied, the number of
  rows per model, and the size and SHA-256 of every other file in the archive;
- `database.json`: `dumpdata` of every model, foreign keys to content types,
  permissions and users by natural key (so it loads into another database, SQLite or
  PostgreSQL, whose rebuilt content types have other ids); content types and
  permissions themselves are left out (`migrate` rebuilds them), and sessions too;
- `media/…`: the files under MEDIA_ROOT.

`manage.py restore ARCHIVE` checks every checksum before it touches anything, refuses
a database (or MEDIA_ROOT) that already has content unless told `--force`, then in
one transaction empties the backed-up tables, loads the rows, checks the row counts
against the manifest and writes the files. Nothing is half-restored: any failure
rolls the database back.

Encrypted and signed: the tar.gz is cut into pieces of CHUNK bytes, each sealed as a
Fernet token (AES-128-CBC, then HMAC-SHA256 over it: `cryptography`'s Fernet) under
the key, which is kept outside the archive. Each piece carries the archive's random
id, its number and whether it is the last, inside what the HMAC covers, so pieces
cannot be changed, dropped, reordered, cut off or taken from another archive unseen.
The restore checks every piece before it reads the tar, and the tar before it touches
the database: a wrong key or one changed byte, and nothing is restored. Without the
key an archive can be neither read nor forged, so its own checksums are worth
something again. A key id (an HMAC of a constant, not the key) in the header lets the
restore say "made with another key" rather than "damaged".

Pieces are sealed as they are written, so the whole site is never held in memory and
its unencrypted archive never touches the disk.
"""

import base64
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import shutil
import struct
import tarfile
import tempfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path, PurePosixPath

import django
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers import json as json_serializer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
MEDIA = "media"
# Rebuilt by `migrate` (content types, permissions), not worth keeping (sessions), or
# derived from the content and rebuilt after a restore (the search index: its
# PostgreSQL vectors would not survive a restore into SQLite or back), or work of the
# moment the backup was made (the task queue: replayed, it would send old mails again;
# loading the press assets queues a new press-kit build by itself).
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "search", "django_tasks_database")
# Rows a fresh `migrate` writes itself (the staff roles): not "content".
MADE_BY_MIGRATIONS = {"auth.group", "auth.group_permissions"}


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's JSON encoder cuts datetimes and times to milliseconds (ECMA-262); a
    backup keeps the microseconds, or every timestamp would change on restore."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


class Serializer(json_serializer.Serializer):
    """The "backup-json" format: Django's JSON with exact times. Django's own JSON
    deserializer reads it back (`loaddata database.json`)."""

    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()


Deserializer = json_serializer.Deserializer


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


# -- Encrypted and signed archives -------------------------------------------------------

SUFFIX = ".tar.gz.enc"
NAME = re.compile(r"symbiosis-(\d{4}-\d\d-\d\dT\d{6}Z)\.tar\.gz(\.enc)?")
MAGIC = b"symbiosis-backup/2\n"  # format 2: sealed (format 1 was a bare tar.gz)
KEY_ID_SIZE = ARCHIVE_ID_SIZE = 16
CHUNK = 1 << 20
# A piece's sealed text: archive id, piece number, last-piece flag, then its bytes.
PIECE_HEAD = struct.Struct(f">{ARCHIVE_ID_SIZE}sQ?")
LENGTH = struct.Struct(">I")
# A sealed piece: version, time and IV (25 bytes), padded AES text, HMAC (32 bytes).
LONGEST_SEALED = 25 + PIECE_HEAD.size + CHUNK + 16 + 32


def new_key():
    """A fresh key for BACKUP_KEY (32 random bytes, URL-safe base64)."""
    return Fernet.generate_key().decode()


def sealing_keys(keys):
    """{key id: Fernet} for the configured keys, the first (the one that writes) first."""
    if not keys:
        raise BackupError(
            "BACKUP_KEY is not set: backups are encrypted and signed with it. Make one with "
            "`manage.py backup --new-key`, keep a copy apart from the backups "
            '(docs/security.md, "Backups"), and set BACKUP_KEY in the environment.'
        )
    fernets = {}
    for position, key in enumerate(keys, start=1):
        try:
            raw = base64.urlsafe_b64decode(key.strip().encode())
            fernet = Fernet(key.strip().encode())
        except (ValueError, TypeError) as exc:
            raise BackupError(
                f"BACKUP_KEY: key {position} is not a key made by `manage.py backup "
                f"--new-key` (32 bytes, URL-safe base64)."
            ) from exc
        fernets[key_id(raw)] = fernet
    return fernets


def key_id(raw_key):
    """Names the key in the archive's header without telling anything about it."""
    return hmac.new(raw_key, b"symbiosis backup key id", hashlib.sha256).digest()[:KEY_ID_SIZE]


def _fingerprint(identifier):
    return identifier.hex()[:12]


class SealingWriter:
    """A file object for tarfile to write into: seals CHUNK bytes at a time into `raw`.
    `finish()` seals the last piece (always written, maybe empty)."""

    def __init__(self, raw, keys):
        (self._id, self._fernet), *_older = sealing_keys(keys).items()
        self._raw = raw
        self._archive_id = secrets.token_bytes(ARCHIVE_ID_SIZE)
        self._number = 0
        self._buffer = bytearray()
        raw.write(MAGIC + self._id + self._archive_id)

    def write(self, data):
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def flush(self):
        pass

    def finish(self):
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _seal(self, data, *, last):
        head = PIECE_HEAD.pack(self._archive_id, self._number, last)
        token = base64.urlsafe_b64decode(self._fernet.encrypt(head + data))
        self._raw.write(LENGTH.pack(len(token)) + token)
        self._number += 1


def open_sealed(archive, into, keys):
    """Check every piece of the sealed `archive` and write the tar.gz it holds to the
    file `into`. BackupError, and `into` holds nothing usable, when the key is not the
    one the archive was made with or a byte of the archive was changed."""
    if not keys:
        raise BackupError(
            "BACKUP_KEY is not set: an archive is opened with the key it was made with. "
            "Set BACKUP_KEY to that key (kept apart from the backups). Nothing was restored."
        )
    fernets = sealing_keys(keys)
    try:
        source = open(archive, "rb")  # noqa: SIM115 (closed just below)
    except OSError as exc:
        raise BackupError(f"{archive} cannot be read ({exc}).") from exc
    with source, open(into, "wb") as target:
        magic = source.read(len(MAGIC))
        if magic != MAGIC:
            if magic.startswith(b"\x1f\x8b"):
                raise BackupError(
                    f"{archive} is a bare tar.gz, neither encrypted nor signed (an archive of "
                    "a release before issue 14): it is not restored, since anyone could have "
                    "written it. Restore it with the release that made it, if you trust it."
                )
            raise BackupError(f"{archive} is not a backup archive (its first bytes differ).")
        made_with = source.read(KEY_ID_SIZE)
        archive_id = source.read(ARCHIVE_ID_SIZE)
        fernet = fernets.get(made_with)
        if fernet is None or len(archive_id) != ARCHIVE_ID_SIZE:
            known = ", ".join(_fingerprint(k) for k in fernets)
            raise BackupError(
                f"{archive} was made with another key (key id {_fingerprint(made_with)}; "
                f"BACKUP_KEY holds {known}), or its header was changed. Nothing was restored: "
                "set BACKUP_KEY to the key it was made with."
            )
        number, last = 0, False
        while not last:
            length = source.read(LENGTH.size)
            length = LENGTH.unpack(length)[0] if len(length) == LENGTH.size else 0
            sealed = source.read(length) if length <= LONGEST_SEALED else b""
            try:
                plain = fernet.decrypt(base64.urlsafe_b64encode(sealed))
                piece_id, piece_number, last = PIECE_HEAD.unpack_from(plain)
            except (InvalidToken, struct.error, ValueError) as exc:
                raise _tampered(archive, number) from exc
            if piece_id != archive_id or piece_number != number:
                raise _tampered(archive, number)
            target.write(plain[PIECE_HEAD.size :])
            number += 1
        if source.read(1):
            raise _tampered(archive, number)


def _tampered(archive, number):
    return BackupError(
        f"{archive} was changed or damaged after it was written (piece {number + 1} fails "
        "its signature, is missing or is out of place). Nothing was restored."
    )


def backup_time(path):
    """The UTC time in an archive's name, or None for any other file."""
    match = NAME.fullmatch(Path(path).name)
    return datetime.strptime(match[1], "%Y-%m-%dT%H%M%SZ").replace(tzinfo=UTC) if match else None


def prune_backups(directory, *, keep_days, keep_latest, now=None):
    """Delete the archives in `directory` older than `keep_days` (by the time in their
    name), never the newest `keep_latest`; return the deleted paths. Other files stay."""
    if keep_days <= 0:
        return []
    now = now or datetime.now(UTC)
    archives = sorted(
        ((made, path) for path in Path(directory).iterdir() if (made := backup_time(path))),
        reverse=True,
    )
    deleted = []
    for made, path in archives[keep_latest:]:
        if now - made > timedelta(days=keep_days):
            path.unlink()
            deleted.append(path)
    return deleted


def _excluded(model):
    meta = model._meta
    owner = meta.auto_created._meta if meta.auto_created else meta
    return owner.app_label in EXCLUDED or owner.label_lower in EXCLUDED


def backed_up_models():
    """Every concrete model whose rows the archive holds, M2M tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not _excluded(model)
    ]


def row_counts(using=DEFAULT_DB_ALIAS):
    return {
        model._meta.label_lower: model._base_manager.using(using).count()
        for model in backed_up_models()
    }


def applied_migrations(using=DEFAULT_DB_ALIAS):
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root):
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def create_backup(directory, *, keys, using=DEFAULT_DB_ALIAS, now=None):
    """Write one archive, sealed with the first of `keys`, into `directory` and return
    its path."""
    sealing_keys(keys)  # no key, no work
    now = now or datetime.now(UTC)
    directory = Path(directory)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = directory / f"symbiosis-{now:%Y-%m-%dT%H%M%SZ}{SUFFIX}"
    if target.exists():
        raise BackupError(f"{target} exists already.")
    connection = connections[using]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError("The database has migrations to apply: run `manage.py migrate` first.")
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DATABASE
        # One snapshot of the database: rows added while dumping are all in or all out.
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            counts = row_counts(using)
            migrations = applied_migrations(using)
            serializers.register_serializer("backup-json", __name__)
            call_command(
                "dumpdata",
                format="backup-json",
                exclude=list(EXCLUDED),
                natural_foreign=True,
                use_base_manager=True,
                database=using,
                output=str(dump),
                verbosity=0,
            )
        members = [(DATABASE, dump)]
        media_root = Path(settings.MEDIA_ROOT)
        for path in media_files(media_root):
            members.append((f"{MEDIA}/{path.relative_to(media_root).as_posix()}", path))
        files = {}
        for name, path in members:
            files[name] = {"size": path.stat().st_size, "sha256": sha256_file(path)}
        manifest = {
            "format": FORMAT,
            "created": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "database_vendor": connection.vendor,
            "django": django.get_version(),
            "migrations": migrations,
            "rows": counts,
            "files": files,
        }
        partial = directory / f".{target.name}.partial"
        # Password hashes are in the dump: only the owner may read the archive.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw:
                sealed = SealingWriter(raw, keys)
                with tarfile.open(fileobj=sealed, mode="w|gz") as tar:
                    data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
                    tar.addfile(info, io.BytesIO(data))
                    for name, path in members:
                        tar.add(path, arcname=name, recursive=False, filter=_anonymous)
                sealed.finish()
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return target


def _anonymous(info):
    """No owner names or ids of this machine in the archive; readable by its owner."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    return info


def _safe_member_name(name):
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def unpack(archive, into):
    """Extract `archive` into `into` and return its manifest, after checking that the
    archive holds exactly the files its manifest lists, with the right checksums."""
    try:
        tar = tarfile.open(archive, mode="r:gz")  # noqa: SIM115 (closed just below)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{archive} is not a readable backup archive ({exc}).") from exc
    with tar:
        try:
            members = tar.getmembers()
            for member in members:
                if not (member.isfile() or member.isdir()) or not _safe_member_name(member.name):
                    raise BackupError(f"Unexpected entry in the archive: {member.name!r}.")
            # "data" refuses links, devices and paths outside `into` (Python 3.12).
            tar.extractall(into, filter="data")
        except (OSError, tarfile.TarError, EOFError) as exc:
            raise BackupError(f"{archive} is damaged ({exc}).") from exc
    into = Path(into)
    try:
        manifest = json.loads((into / MANIFEST).read_text())
        files = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{archive} has no valid {MANIFEST}.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()}
    present.discard(MANIFEST)
    if present != set(files) or DATABASE not in files:
        extra, missing = sorted(present - set(files)), sorted(set(files) - present)
        raise BackupError(f"Archive and manifest differ (extra: {extra}, missing: {missing}).")
    for name, expected in files.items():
        if sha256_file(into / name) != expected["sha256"]:
            raise BackupError(f"Checksum mismatch for {name}: the archive is damaged.")
    return manifest


def existing_content(using=DEFAULT_DB_ALIAS):
    """What restoring would overwrite: rows beyond what `migrate` writes, and files."""
    found = [
        f"{label}: {count} rows"
        for label, count in row_counts(using).items()
        if count and label not in MADE_BY_MIGRATIONS
    ]
    files = media_files(settings.MEDIA_ROOT)
    if files:
        found.append(f"MEDIA_ROOT: {len(files)} files")
    return found


def _empty_tables(using):
    connection = connections[using]
    tables = [model._meta.db_table for model in backed_up_models()]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    connection.ops.execute_sql_flush(statements)


def _write_media(source, media_root, files):
    media_root = Path(media_root)
    for name, expected in files.items():
        if not name.startswith(f"{MEDIA}/"):
            continue
        target = media_root / name.removeprefix(f"{MEDIA}/")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.restoring")
        shutil.copyfile(source / name, partial)
        if sha256_file(partial) != expected["sha256"]:
            partial.unlink()
            raise BackupError(f"{target} was not written correctly.")
        os.replace(partial, target)


def restore_backup(archive, *, keys, force=False, using=DEFAULT_DB_ALIAS):
    """Bring the database and MEDIA_ROOT to the state saved in `archive`.

    Returns the manifest. Raises BackupError (nothing changed) when none of `keys` is
    the one the archive was sealed with, the archive was changed or is damaged, was
    made with migrations this installation lacks, or the site has content and `force`
    is not given.
    """
    from symbiosis.middleware import bump_content_version

    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        opened = work / "archive.tar.gz"
        open_sealed(archive, opened, keys)
        work = work / "content"
        work.mkdir()
        manifest = unpack(opened, work)
        missing = sorted(set(manifest["migrations"]) - set(applied_migrations(using)))
        if missing:
            raise BackupError(
                "The backup was made with migrations this database lacks; run "
                f"`manage.py migrate` (with the code of that release) first: {missing[:5]}"
            )
        unknown = sorted(set(manifest["rows"]) - set(row_counts(using)))
        if unknown:
            raise BackupError(f"The backup holds models this code does not know: {unknown}")
        content = existing_content(using)
        if content and not force:
            raise BackupError(
                "The site already has content (" + "; ".join(content[:5]) + "). "
                "Restore into a fresh installation, or pass --force to replace it."
            )
        with transaction.atomic(using=using):
            _empty_tables(using)
            call_command("loaddata", str(work / DATABASE), database=using, verbosity=0)
            counts = row_counts(using)
            wrong = {
                label: (counts.get(label), expected)
                for label, expected in manifest["rows"].items()
                if counts.get(label) != expected
            }
            if wrong:
                raise BackupError(f"Rows differ from the manifest after loading: {wrong}")
            call_command("rebuild_search_index", verbosity=0)
            _write_media(work, settings.MEDIA_ROOT, manifest["files"])
        # Pages cached before the restore show the old content: drop them.
        bump_content_version()
    return manifest
