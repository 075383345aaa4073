"""`manage.py backup` and `manage.py restore`, run as an operator runs them.

The demo site (every app, with version history, an admin log entry and a staff
user in a role) is backed up from one fresh database and restored into another
freshly migrated one; then every row of every model (all fields, many-to-many
links) and every uploaded file, byte for byte, must be the same. On the CI's
PostgreSQL pass the databases are PostgreSQL, and the same archive is also restored
into SQLite.
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

import pytest
from django.conf import settings
from django.db import connection

from symbiosis.backup import BackupError, unpack

BASE_DIR = settings.BASE_DIR


def command_env(database_url, media_root):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}}
    env.update(
        DEBUG="off",
        SECRET_KEY="backup-tests-" + "x" * 40,
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
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
        if model._meta.app_label == "search":
            continue  # derived from the content: not backed up, rebuilt by the restore
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


@pytest.mark.slow
def test_backup_is_one_dated_private_archive_with_a_manifest(backup):
    archive, rows = backup["archive"], backup["rows"]
    assert re.fullmatch(r"symbiosis-\d{4}-\d\d-\d\dT\d{6}Z\.tar\.gz", os.path.basename(archive))
    assert os.stat(archive).st_mode & 0o777 == 0o600  # password hashes inside
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert names == {"manifest.json", *manifest["files"]}
    assert manifest["rows"]["partners.partner"] == len(rows["partners.partner"]) == 20
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
    assert "every checksum verified" in output
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
