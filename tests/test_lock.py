"""requirements.lock (docs/security.md, "Dependencies"): every package `make install`
installs, pinned with the hashes of its files, and in step with requirements*.txt."""

import subprocess
import sys

from django.conf import settings

from scripts.lock import disagreements, lock_entries, pins

LOCK = settings.BASE_DIR / "requirements.lock"
REQUIREMENTS = [settings.BASE_DIR / "requirements.txt", settings.BASE_DIR / "requirements-dev.txt"]


def test_the_lock_pins_every_requirement_at_its_version_with_hashes():
    assert disagreements(REQUIREMENTS, LOCK) == []
    entries = lock_entries(LOCK)
    for path in REQUIREMENTS:
        for name, version in pins(path).items():
            assert entries[name][0] == version, name
    # The dependencies of dependencies are there too, each with the hash of every file.
    assert {"asgiref", "sqlparse", "cffi", "pycparser"} <= set(entries)
    assert all(hashes for _version, hashes, _via in entries.values())


def lock_with(tmp_path, requirements, dev=""):
    (tmp_path / "requirements.txt").write_text(requirements)
    (tmp_path / "requirements-dev.txt").write_text(dev)
    return [tmp_path / "requirements.txt", tmp_path / "requirements-dev.txt"]


def test_a_pin_changed_added_or_removed_without_make_lock_is_caught(tmp_path):
    current = (settings.BASE_DIR / "requirements.txt").read_text()
    dev = (settings.BASE_DIR / "requirements-dev.txt").read_text()

    upgraded = lock_with(tmp_path, current.replace("Django==6.1.3", "Django==6.1.4"), dev)
    assert disagreements(upgraded, LOCK) == ["django is pinned at 6.1.4, the lock has 6.1.3"]

    added = lock_with(tmp_path, current + "left-pad==1.0\n", dev)
    assert disagreements(added, LOCK) == ["left-pad==1.0 is pinned but not in the lock"]

    removed = lock_with(tmp_path, current, dev.replace("aiosmtpd==1.4.6", ""))
    assert disagreements(removed, LOCK) == [
        "aiosmtpd==1.4.6 is in the lock, no longer in the requirements"
    ]


def test_the_check_that_make_install_runs_says_what_to_do(tmp_path):
    ok = subprocess.run(
        [sys.executable, "scripts/lock.py", "check"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    missing = disagreements(REQUIREMENTS, tmp_path / "requirements.lock")
    assert missing == ["requirements.lock is missing"]
