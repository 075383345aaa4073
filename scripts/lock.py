"""requirements.lock: every package `make install` installs, with the hashes of its files.

`make lock` writes it from requirements.txt and requirements-dev.txt (uv pip compile
--generate-hashes); `make install` installs it with `pip install --require-hashes`, so
a file on the index that changed, or a dependency nobody pinned, stops the install.
This script, standard library only (it runs before the venv exists), says whether the
lock still agrees with the requirement files:

    python3 scripts/lock.py check     # exit 1, and what differs, when `make lock` is due
    python3 scripts/lock.py entry uv  # one package's lines of the lock (to install uv alone)
"""

import re
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
REQUIREMENTS = [BASE_DIR / "requirements.txt", BASE_DIR / "requirements-dev.txt"]
LOCK = BASE_DIR / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def normalized(name):
    """PEP 503: `Django`, `django_environ` and `django.environ` are one name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path):
    """{name: version} of the `name==version` lines of a requirement file."""
    found = {}
    for line in Path(path).read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            found[normalized(match[1])] = match[2]
    return found


def lock_entries(path=LOCK):
    """{name: (version, hashes, what asks for it)} from a lock written by `make lock`."""
    entries, current = {}, None
    for line in Path(path).read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = normalized(match[1])
            entries[current] = (match[2], [], [])
        elif current and (hashed := re.search(r"--hash=(sha256:[0-9a-f]{64})", line)):
            entries[current][1].append(hashed[1])
        elif current and line.lstrip().startswith("#"):
            # "# via -r requirements.txt", or "# via" and then one "#   name" a line
            via = re.sub(r"^via(\s+|$)", "", line.split("#", 1)[1].strip())
            if via:
                entries[current][2].append(via)
    return entries


def disagreements(requirement_files=REQUIREMENTS, lock=LOCK):
    """What differs between the requirement files and the lock, as sentences; [] when the
    lock is up to date."""
    if not Path(lock).exists():
        return [f"{Path(lock).name} is missing"]
    wanted = {}
    for path in requirement_files:
        wanted.update(pins(path))
    entries = lock_entries(lock)
    problems = []
    for name, version in sorted(wanted.items()):
        if name not in entries:
            problems.append(f"{name}=={version} is pinned but not in the lock")
        elif entries[name][0] != version:
            problems.append(f"{name} is pinned at {version}, the lock has {entries[name][0]}")
    for name, (version, hashes, via) in sorted(entries.items()):
        asked_by_a_file_only = via and all(v.startswith("-r ") for v in via)
        if asked_by_a_file_only and name not in wanted:
            problems.append(f"{name}=={version} is in the lock, no longer in the requirements")
        if not hashes:
            problems.append(f"{name}=={version} has no hash in the lock")
    return problems


def main(argv):
    if argv[:1] == ["check"]:
        problems = disagreements()
        if problems:
            print(
                "requirements.lock does not agree with requirements.txt and "
                "requirements-dev.txt: run `make lock` (docs/security.md, "
                '"Dependencies").',
                *(f"  {p}" for p in problems),
                sep="\n",
                file=sys.stderr,
            )
            return 1
        return 0
    if argv[:1] == ["entry"] and len(argv) == 2:
        text = LOCK.read_text()
        match = re.search(rf"(?ms)^{re.escape(argv[1])}==.*?(?=^\S|\Z)", text)
        if not match:
            print(f"{argv[1]} is not in {LOCK.name}", file=sys.stderr)
            return 1
        print("\n".join(line for line in match[0].splitlines() if "#" not in line))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
