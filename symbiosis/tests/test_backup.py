"""`manage.py backup` and `manage.py restore`, run as an operator runs them.

The demo site (every app, with version history, an admin log entry and a staff
user in a role) is backed up from one fresh database and restored into another
freshly migrated one; then every row of every model (all fields, many-to-many
links) and every uploaded file, byte for byte, must be the same. On the CI's
PostgreSQL pass the databases are PostgreSQL, and the same archive is also restored
into SQLite. The archive is encrypted and signed with BACKUP_KEY: a changed byte or
another key, and the restore refuses and changes nothing.
"""

import hashlib
import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from symbiosis import backup as backups
from symbiosis.backup import BackupError, SealingWriter, new_key, open_sealed, unpack

BASE_DIR = settings.BASE_DIR
KEY = new_key()  # the secretariat's key, kept apart from the archives


def command_env(database_url, media_root):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}}
    env.update(
        DEBUG="off",
        SECRET_KEY="backup-tests-" + "x" * 40,
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        BACKUP_KEY=KEY,
        ENV_FILE=str(media_root.parent / "no-such.env"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result


def run_ok(env, *args):
    result = manage(env, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def shell(env, code):
    return run_ok(env, "shell", "-c", code)


def add_history():
    """Run inside `manage.py shell`: the rows an editing secretariat leaves behind."""
    import reversion
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.auth.models import Group, User
    from django.contrib.contenttypes.models import ContentType

    from partners.models import Partner
    from timeline.models import Milestone

    editor = User.objects.create_user("redaktoer", "r@example.org", "a-long-password-1")
    editor.groups.add(Group.objects.get(name="Redaktør"))
    partner = Partner.objects.get(slug="orsted")
    with reversion.create_revision():
        partner.summary_en += " (edited)"
        partner.save()
        reversion.set_user(editor)
        reversion.set_comment("Edited the summary")
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Partner),
        object_id=str(partner.pk),
        object_repr=str(partner),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Summary (English)"]}}]',
    )
    Milestone.objects.order_by("pk").first().delete()  # keeps a version to recover it from


def write_snapshot(path):
    """Run inside `manage.py shell`: every row of every model, all columns, M2M
    tables included; ids of rebuilt rows (content types, permissions) as natural
    keys, and M2M rows without their own ids (loading numbers them anew)."""
    from django.apps import apps
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    types = {t.pk: [t.app_label, t.model] for t in ContentType.objects.all()}
    permissions = {p.pk: [p.codename, *types[p.content_type_id]] for p in Permission.objects.all()}
    natural = {ContentType: types, Permission: permissions}
    data = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in ("search", "django_tasks_database"):
            continue  # derived or transient: not backed up (symbiosis/backup.py, EXCLUDED)
        fields = model._meta.concrete_fields
        keep_pk = not (model._meta.auto_created or model in natural)
        rows = []
        for values in model._base_manager.order_by("pk").values_list(*(f.attname for f in fields)):
            row = {}
            for field, value in zip(fields, values, strict=True):
                if field.primary_key and not keep_pk:
                    continue
                if field.is_relation and field.related_model in natural and value is not None:
                    value = natural[field.related_model][value]
                row[field.attname] = value
            rows.append(row)
        if not keep_pk:
            rows.sort(key=repr)
        data[model._meta.label_lower] = json.loads(json.dumps(rows, default=str))
    with open(path, "w") as f:
        json.dump(data, f, sort_keys=True)


def snapshot(env, tmp_path, name):
    path = tmp_path / f"{name}.json"
    shell(
        env,
        f"from symbiosis.tests.test_backup import write_snapshot; write_snapshot({str(path)!r})",
    )
    return json.loads(path.read_text())


def files_of(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def postgres_admin(url):
    import psycopg

    return psycopg.connect(
        host=url["HOST"] or "127.0.0.1",
        port=url["PORT"] or 5432,
        user=url["USER"],
        password=url["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


class Databases:
    """Fresh installations: a database `migrate` has just made. It runs once per
    kind; each further installation is a copy (a file, or a PostgreSQL template)."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.templates = {}
        self.postgres = []
        self.server = settings.DATABASES["default"]

    def fresh(self, vendor, name):
        if vendor not in self.templates:
            url = self._new(vendor, f"template-{vendor}")
            env = command_env(url, self.tmp_path / "template-media")
            run_ok(env, "migrate", "--noinput", "-v0")
            self.templates[vendor] = url
        return self._new(vendor, name, template=self.templates[vendor])

    def _new(self, vendor, name, template=None):
        if vendor == "sqlite":
            path = self.tmp_path / f"{name}.sqlite3"
            if template:
                shutil.copyfile(template.removeprefix("sqlite:///"), path)
            return f"sqlite:///{path}"
        database = f"symbiosis_backup_{secrets.token_hex(4)}"
        with postgres_admin(self.server) as admin:
            source = f' TEMPLATE "{template.rsplit("/", 1)[-1]}"' if template else ""
            admin.execute(f'CREATE DATABASE "{database}"{source}')
        self.postgres.append(database)
        password = f":{self.server['PASSWORD']}" if self.server["PASSWORD"] else ""
        host = f"{self.server['HOST'] or '127.0.0.1'}:{self.server['PORT'] or 5432}"
        return f"postgres://{self.server['USER']}{password}@{host}/{database}"

    def drop(self):
        if self.postgres:
            with postgres_admin(self.server) as admin:
                for database in self.postgres:
                    admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


# The suite's database decides: SQLite, or PostgreSQL on the CI's second pass.
VENDOR = "postgresql" if connection.vendor == "postgresql" else "sqlite"


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    databases = Databases(tmp_path_factory.mktemp("databases"))
    yield databases
    databases.drop()


@pytest.fixture(scope="module")
def backup(databases, tmp_path_factory):
    """The demo site with its history, its snapshot, and `manage.py backup` of it."""
    tmp_path = tmp_path_factory.mktemp("backup")
    media = tmp_path / "media"
    source = command_env(databases.fresh(VENDOR, "source"), media)
    before = tmp_path / "before.json"
    shell(
        source,
        "from django.core.management import call_command; "
        f"from {__name__} import add_history, write_snapshot; "
        f"call_command('load_demo'); add_history(); write_snapshot({str(before)!r})",
    )
    output = run_ok(source, "backup", "--output-dir", str(tmp_path / "backups"))
    archive = output.strip().splitlines()[-1]
    return {"archive": archive, "rows": json.loads(before.read_text()), "media": media}


def opened(archive, tmp_path, keys=(KEY,)):
    """The tar.gz inside a sealed archive, as the restore reads it."""
    path = tmp_path / "opened.tar.gz"
    open_sealed(archive, path, list(keys))
    return path


@pytest.mark.slow
def test_backup_is_one_dated_private_archive_with_a_manifest(backup, tmp_path):
    archive, rows = backup["archive"], backup["rows"]
    assert re.fullmatch(
        r"symbiosis-\d{4}-\d\d-\d\dT\d{6}Z\.tar\.gz\.enc", os.path.basename(archive)
    )
    assert os.stat(archive).st_mode & 0o777 == 0o600  # password hashes inside
    # Encrypted: without the key it is no tar, no gzip, nothing readable.
    assert not tarfile.is_tarfile(archive)
    assert b"\x1f\x8b" not in Path(archive).read_bytes()[:64]
    with tarfile.open(opened(archive, tmp_path)) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert names == {"manifest.json", *manifest["files"]}
    assert (
        manifest["rows"]["partners.partner"] == len(rows["partners.partner"]) == 40
    )  # the demo's 20, the draft of an approved application and 19 listings' organisations
    assert manifest["rows"]["reversion.version"] == len(rows["reversion.version"]) > 0
    logo = manifest["files"]["media/partners/logos/orsted.png"]
    data = (backup["media"] / "partners/logos/orsted.png").read_bytes()
    assert logo == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    # The history the restored site must have (checked there row by row).
    assert any(r["comment"] == "Edited the summary" for r in rows["reversion.revision"])
    assert len(rows["admin.logentry"]) == 1


def restore_and_compare(backup, databases, tmp_path, vendor):
    media = tmp_path / "media"
    target = command_env(databases.fresh(vendor, f"target-{tmp_path.name}"), media)
    output = run_ok(target, "restore", backup["archive"])
    assert "signature and every checksum verified" in output
    after = snapshot(target, tmp_path, "after")
    assert after.keys() == backup["rows"].keys()
    for label, rows in backup["rows"].items():
        assert after[label] == rows, f"{label} differs after restore"
    assert files_of(media) == files_of(backup["media"])
    # The search index is not in the archive: the restore rebuilt it from the content.
    found = tmp_path / "found.json"
    shell(
        target,
        "import json; from search import queries; "
        "hits = queries.overview(queries.parse('gips'), 'da'); "
        f"open({str(found)!r}, 'w').write(json.dumps([[h.kind, h.title_da] for h in hits]))",
    )
    assert ["milestone", "1972: Overskudsgas tørrer gipsplader"] in json.loads(found.read_text())
    return target


@pytest.mark.slow
def test_restore_brings_a_fresh_installation_to_exactly_the_backup(backup, databases, tmp_path):
    target = restore_and_compare(backup, databases, tmp_path, VENDOR)

    # Restoring over content needs --force; without it, nothing changes.
    refused = manage(target, "restore", backup["archive"])
    assert refused.returncode == 1
    assert "already has content" in refused.stderr and "--force" in refused.stderr
    forced = tmp_path / "forced.json"
    shell(
        target,
        "from django.core.management import call_command; "
        f"from {__name__} import write_snapshot; "
        f"call_command('restore', {backup['archive']!r}, force=True); "
        f"write_snapshot({str(forced)!r})",
    )
    assert json.loads(forced.read_text()) == backup["rows"]


@pytest.mark.slow
@pytest.mark.skipif(VENDOR != "postgresql", reason="runs on the PostgreSQL pass")
def test_a_postgresql_backup_restores_into_sqlite(backup, databases, tmp_path):
    restore_and_compare(backup, databases, tmp_path, "sqlite")


def refused_and_nothing_changed(databases, tmp_path, archive, **env):
    """`manage.py restore archive` in a fresh installation: its error message, after
    checking that the database and MEDIA_ROOT are exactly as `migrate` left them."""
    media = tmp_path / "media"
    target = command_env(databases.fresh(VENDOR, f"refused-{tmp_path.name}"), media)
    target.update(env)
    fresh = snapshot(target, tmp_path, "fresh")
    result = manage(target, "restore", str(archive))
    assert result.returncode == 1, result.stdout
    assert snapshot(target, tmp_path, "after") == fresh
    assert not media.exists() or not any(media.iterdir())
    return result.stderr


def changed(archive, tmp_path, change):
    data = bytearray(Path(archive).read_bytes())
    change(data)
    path = tmp_path / os.path.basename(archive)
    path.write_bytes(bytes(data))
    return path


def flip_middle(data):
    data[len(data) // 2] ^= 0x01


def flip_last(data):
    data[-1] ^= 0x80


def cut_last_piece(data):
    del data[-1000:]


@pytest.mark.slow
@pytest.mark.parametrize("change", [flip_middle, flip_last, cut_last_piece])
def test_an_archive_with_one_changed_byte_is_refused_and_nothing_is_restored(
    backup, databases, tmp_path, change
):
    archive = changed(backup["archive"], tmp_path, change)

    message = refused_and_nothing_changed(databases, tmp_path, archive)

    assert "was changed or damaged after it was written" in message
    assert "Nothing was restored" in message


@pytest.mark.slow
def test_an_archive_is_refused_with_another_key_and_nothing_is_restored(
    backup, databases, tmp_path
):
    message = refused_and_nothing_changed(
        databases, tmp_path, backup["archive"], BACKUP_KEY=new_key()
    )

    assert "was made with another key" in message
    assert "set BACKUP_KEY to the key it was made with" in message


@pytest.mark.slow
def test_an_archive_is_refused_without_a_key(backup, databases, tmp_path):
    message = refused_and_nothing_changed(databases, tmp_path, backup["archive"], BACKUP_KEY="")

    assert "BACKUP_KEY is not set" in message


def tar_of(members):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def archive_with(tmp_path, *, manifest_files=None, members=None):
    members = members or {"database.json": b"[]", "media/a.png": b"\x89PNG"}
    files = manifest_files or {
        name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in members.items()
    }
    manifest = {"format": 1, "files": files, "rows": {}, "migrations": []}
    path = tmp_path / "archive.tar.gz"
    path.write_bytes(tar_of({"manifest.json": json.dumps(manifest).encode(), **members}))
    return path


def test_a_sound_archive_unpacks(tmp_path):
    manifest = unpack(archive_with(tmp_path), tmp_path / "out")
    assert (tmp_path / "out/media/a.png").read_bytes() == b"\x89PNG"
    assert set(manifest["files"]) == {"database.json", "media/a.png"}


def test_a_damaged_file_is_refused(tmp_path):
    good = archive_with(tmp_path)
    with tarfile.open(good) as tar:
        manifest = tar.extractfile("manifest.json").read()
    damaged = {"manifest.json": manifest, "database.json": b"[]", "media/a.png": b"\x89PNX"}
    good.write_bytes(tar_of(damaged))
    with pytest.raises(BackupError, match=r"Checksum mismatch for media/a\.png"):
        unpack(good, tmp_path / "out")


@pytest.mark.parametrize(
    "members",
    [
        {"database.json": b"[]", "../evil.txt": b"x"},
        {"database.json": b"[]", "/etc/evil.txt": b"x"},
    ],
)
def test_paths_outside_the_archive_are_refused(tmp_path, members):
    with pytest.raises(BackupError, match="Unexpected entry"):
        unpack(archive_with(tmp_path, members=members), tmp_path / "out")
    assert not (tmp_path / "evil.txt").exists()


def test_a_file_missing_from_the_manifest_is_refused(tmp_path):
    files = {"database.json": {"size": 2, "sha256": "0" * 64}}
    with pytest.raises(BackupError, match="Archive and manifest differ"):
        unpack(archive_with(tmp_path, manifest_files=files), tmp_path / "out")


def test_not_an_archive_is_refused(tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_text("not a tar file")
    with pytest.raises(BackupError, match="not a readable backup archive"):
        unpack(path, tmp_path / "out")


# -- Sealing, keys and retention (no subprocess) ------------------------------------------


def sealed(tmp_path, data, keys=(KEY,), name="sealed.enc"):
    path = tmp_path / name
    with open(path, "wb") as raw:
        writer = SealingWriter(raw, list(keys))
        writer.write(data)
        writer.finish()
    return path


def pieces(path):
    """Header and the sealed pieces of an archive, as bytes."""
    data = path.read_bytes()
    head_size = len(backups.MAGIC) + backups.KEY_ID_SIZE + backups.ARCHIVE_ID_SIZE
    head, rest, found = data[:head_size], data[head_size:], []
    while rest:
        length = backups.LENGTH.size + backups.LENGTH.unpack(rest[: backups.LENGTH.size])[0]
        found.append(rest[:length])
        rest = rest[length:]
    return head, found


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(backups, "CHUNK", 16)


def test_a_sealed_archive_opens_with_its_key_to_the_same_bytes(tmp_path, small_pieces):
    data = secrets.token_bytes(100)  # seven pieces of at most 16 bytes
    path = sealed(tmp_path, data)
    assert data not in path.read_bytes()
    assert len(pieces(path)[1]) == 7

    assert opened(path, tmp_path).read_bytes() == data


@pytest.mark.parametrize(
    "rearrange",
    [
        lambda found: found[:3] + found[4:],  # a piece left out
        lambda found: [found[1], found[0], *found[2:]],  # two pieces swapped
        lambda found: found[:-1],  # cut off before the last piece
        lambda found: [*found, found[-1]],  # the last piece twice
    ],
    ids=["dropped", "swapped", "cut-off", "appended"],
)
def test_pieces_dropped_swapped_or_cut_off_are_refused(tmp_path, small_pieces, rearrange):
    head, found = pieces(sealed(tmp_path, secrets.token_bytes(100)))
    tampered = tmp_path / "tampered.enc"
    tampered.write_bytes(head + b"".join(rearrange(found)))

    with pytest.raises(BackupError, match="was changed or damaged after it was written"):
        open_sealed(tampered, tmp_path / "out.tar.gz", [KEY])


def test_a_piece_of_another_archive_with_the_same_key_is_refused(tmp_path, small_pieces):
    head, found = pieces(sealed(tmp_path, secrets.token_bytes(100), name="one.enc"))
    _other_head, other = pieces(sealed(tmp_path, secrets.token_bytes(100), name="two.enc"))
    spliced = tmp_path / "spliced.enc"
    spliced.write_bytes(head + b"".join([found[0], other[1], *found[2:]]))

    with pytest.raises(BackupError, match="piece 2 fails its signature"):
        open_sealed(spliced, tmp_path / "out.tar.gz", [KEY])


def test_a_bare_tar_gz_of_an_older_release_is_not_restored(tmp_path):
    with pytest.raises(BackupError, match="neither encrypted nor signed"):
        open_sealed(archive_with(tmp_path), tmp_path / "out.tar.gz", [KEY])


def test_after_a_key_rotation_old_archives_still_open_and_new_ones_use_the_new_key(tmp_path):
    old_key, fresh_key = KEY, new_key()
    before = sealed(tmp_path, b"made before the rotation", keys=[old_key], name="before.enc")
    after = sealed(tmp_path, b"made after", keys=[fresh_key, old_key], name="after.enc")

    assert opened(before, tmp_path, keys=[fresh_key, old_key]).read_bytes() == (
        b"made before the rotation"
    )
    assert opened(after, tmp_path, keys=[fresh_key]).read_bytes() == b"made after"
    with pytest.raises(BackupError, match="was made with another key"):
        opened(after, tmp_path, keys=[old_key])  # the old key alone no longer reads it


def test_a_mistyped_key_is_refused_with_a_clear_message(tmp_path):
    with pytest.raises(
        BackupError, match=r"key 2 is not a key made by `manage\.py backup --new-key`"
    ):
        sealed(tmp_path, b"x", keys=[KEY, "not-a-key"])


@pytest.mark.django_db
def test_backup_refuses_to_run_without_a_key(settings, tmp_path):
    settings.BACKUP_KEY = []

    with pytest.raises(CommandError, match="BACKUP_KEY is not set"):
        call_command("backup", output_dir=tmp_path, stdout=io.StringIO())
    assert not list(tmp_path.iterdir())


def test_backup_prints_a_new_key_on_request():
    out = io.StringIO()
    call_command("backup", new_key=True, stdout=out)
    key = out.getvalue().strip()
    assert len(key) == 44 and key != new_key()
    backups.sealing_keys([key])  # accepted as BACKUP_KEY


# A real backup opens its own read-only snapshot transaction: not inside a test's.
@pytest.mark.django_db(transaction=True)
def test_each_backup_deletes_archives_past_their_time_but_keeps_the_newest(
    settings, tmp_path, monkeypatch
):
    settings.BACKUP_KEY = [KEY]
    settings.BACKUP_KEEP_DAYS, settings.BACKUP_KEEP_LATEST = 30, 2
    now = backups.datetime(2026, 12, 7, 1, 30, tzinfo=backups.UTC)
    monkeypatch.setattr(backups, "datetime", _Frozen.at(now))
    old = {
        name: tmp_path / name
        for name in [
            "symbiosis-2026-11-08T013000Z.tar.gz.enc",  # 29 days: kept
            "symbiosis-2026-11-06T013000Z.tar.gz.enc",  # 31 days: deleted
            "symbiosis-2026-10-01T013000Z.tar.gz.enc",  # deleted
            "symbiosis-2026-09-01T013000Z.tar.gz",  # an old bare archive: deleted too
            "notes.txt",  # not an archive: never touched
            "symbiosis-2026-01-01T013000Z.tar.gz.enc.copy",  # nor this
        ]
    }
    for path in old.values():
        path.write_bytes(b"old")
    out = io.StringIO()

    call_command("backup", output_dir=tmp_path, stdout=out)

    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "notes.txt",
        "symbiosis-2026-01-01T013000Z.tar.gz.enc.copy",
        "symbiosis-2026-11-08T013000Z.tar.gz.enc",
        "symbiosis-2026-12-07T013000Z.tar.gz.enc",
    ]
    assert "Deleted (older than 30 days): symbiosis-2026-11-06T013000Z.tar.gz.enc" in (
        out.getvalue()
    )


def test_the_newest_archives_are_kept_however_old(tmp_path):
    names = [f"symbiosis-2020-01-{day:02d}T013000Z.tar.gz.enc" for day in range(1, 11)]
    for name in names:
        (tmp_path / name).write_bytes(b"old")
    now = backups.datetime(2026, 12, 7, tzinfo=backups.UTC)

    deleted = backups.prune_backups(tmp_path, keep_days=30, keep_latest=7, now=now)

    assert sorted(p.name for p in deleted) == names[:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == names[3:]
    assert backups.prune_backups(tmp_path, keep_days=0, keep_latest=0, now=now) == []


class _Frozen(backups.datetime):
    """`datetime` whose now() is a fixed time (the backup's name and the pruning)."""

    @classmethod
    def at(cls, moment):
        return type("FrozenDatetime", (cls,), {"moment": moment})

    @classmethod
    def now(cls, tz=None):
        return cls.moment
