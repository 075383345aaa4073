"""`make run` writes a `.env` of secrets (README, "Two commands"): run its recipe for real
in an empty folder, with the permissive umask most machines have, and read what it wrote."""

import os
import shutil
import subprocess
import sys

from django.conf import settings

from symbiosis.backup import sealing_keys


def make_env(folder):
    shutil.copy(settings.BASE_DIR / "Makefile", folder / "Makefile")
    return subprocess.run(
        ["make", "--no-print-directory", ".env", f"PYTHON={sys.executable}"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        preexec_fn=lambda: os.umask(0o022),  # files readable by everyone, as by default
    )


def test_make_writes_a_dot_env_only_its_owner_can_read(tmp_path):
    make_env(tmp_path)

    env_file = tmp_path / ".env"
    assert env_file.stat().st_mode & 0o777 == 0o600
    values = dict(line.split("=", 1) for line in env_file.read_text().splitlines())
    assert values["DEBUG"] == "on"
    assert len(values["SECRET_KEY"]) >= 50
    assert len(values["DEMO_ADMIN_PASSWORD"]) >= 16
    assert len(values["DEMO_PARTNER_PASSWORD"]) >= 16
    assert values["DEMO_PARTNER_PASSWORD"] != values["DEMO_ADMIN_PASSWORD"]
    sealing_keys([values["BACKUP_KEY"]])  # a key `make backup` accepts
    # Only .env is written, and the folder keeps its own mode.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env", "Makefile"]


def test_make_leaves_an_existing_dot_env_alone(tmp_path):
    (tmp_path / ".env").write_text("DEBUG=off\n")

    make_env(tmp_path)

    assert (tmp_path / ".env").read_text() == "DEBUG=off\n"
