"""Known vulnerabilities in the pinned Python packages and everything they pull in.

    .venv/bin/python scripts/audit.py requirements.lock        # what `make audit` runs
    .venv/bin/python scripts/audit.py requirements.txt other.txt

1. A lock (`make lock`: every package pinned, with hashes) is read as it is: it is what
   `make install` installs, dependencies of dependencies included. Other requirement
   files are resolved by pip as an install would (`pip install --dry-run --report`).
2. For each package PyPI is asked for the vulnerabilities it lists (PyPI's JSON API,
   fed by the OSV database: the PyPA advisory database and GitHub's advisories):
   first `/pypi/<name>/<version>/json`, the release itself (what pip-audit reads);
   where that is not answered (a mirror in front of PyPI may only answer the next
   form), `/pypi/<name>/json`, whose list is about the newest release and so is used
   only when the pin is that release.
3. Exit 0 when every package was checked and none has a known vulnerability; 1 when
   one has (each is printed with its identifiers and the versions that fix it); 2 when
   any package could not be checked (never a silent pass).

`--ignore ID` accepts one vulnerability (say why beside it in the Makefile).
"""

import argparse
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYPI = "https://pypi.org/pypi"


def locked(path):
    """[(name, version)] of a lock written by `make lock` (scripts/lock.py reads it)."""
    sys.path.insert(0, str(BASE_DIR / "scripts"))
    from lock import lock_entries

    return sorted((name, version) for name, (version, _h, _v) in lock_entries(path).items())


def is_lock(path):
    return "--hash=sha256:" in Path(path).read_text()


def resolve(requirement_files):
    """[(name, version)] that pip would install for these files, dependencies included."""
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed"]
    command += ["--quiet", "--disable-pip-version-check", "--report", "-"]
    for path in requirement_files:
        command += ["-r", str(path)]
    result = subprocess.run(  # noqa: S603 (pip of this interpreter, no shell)
        command, cwd=BASE_DIR, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        raise SystemExit(f"pip could not resolve the requirements:\n{result.stderr}")
    report = json.loads(result.stdout)
    return sorted(
        (item["metadata"]["name"], item["metadata"]["version"]) for item in report["install"]
    )


def fetch_json(url):
    """The JSON at `url`, None when it is not there (404), or an exception's message."""
    for attempt in range(3):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (https only)
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            problem = f"HTTP {error.code}"
        except (urllib.error.URLError, TimeoutError, json.JSONDecodeError) as error:
            problem = str(error)
        time.sleep(1 + attempt)
    raise LookupError(f"{url}: {problem}")


def check(name, version):
    """(vulnerabilities, None) when checked, or (None, why it could not be checked)."""
    try:
        release = fetch_json(f"{PYPI}/{name}/{version}/json")
        if release is not None and "vulnerabilities" in release:
            return release["vulnerabilities"], None
        project = fetch_json(f"{PYPI}/{name}/json")
    except LookupError as error:
        return None, str(error)
    if project is None or "vulnerabilities" not in project:
        return None, "PyPI has no record of it"
    newest = project["info"]["version"]
    if newest != version:
        return None, (
            f"PyPI answered only for the newest release ({newest}), not for {version}: "
            f"pin {newest}, or audit where /pypi/{name}/{version}/json is answered"
        )
    return project["vulnerabilities"], None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("requirements", nargs="+", type=Path)
    parser.add_argument("--ignore", action="append", default=[], metavar="ID")
    args = parser.parse_args(argv)

    locks = [path for path in args.requirements if is_lock(path)]
    others = [path for path in args.requirements if path not in locks]
    packages = sorted(
        {*(p for path in locks for p in locked(path)), *(resolve(others) if others else [])}
    )
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda package: check(*package), packages))

    vulnerable, unchecked = [], []
    for (name, version), (vulnerabilities, problem) in zip(packages, results, strict=True):
        if problem:
            unchecked.append(f"  {name} {version}: {problem}")
            continue
        for vulnerability in vulnerabilities:
            ids = [vulnerability["id"], *vulnerability.get("aliases", [])]
            if vulnerability.get("withdrawn") or set(ids) & set(args.ignore):
                continue
            fixed = ", ".join(vulnerability.get("fixed_in") or []) or "no fixed release"
            vulnerable.append(
                f"  {name} {version}: {' / '.join(ids)} (fixed in {fixed}) "
                f"{vulnerability.get('link', '')}"
            )
    checked = len(packages) - len(unchecked)
    print(f"Audited {checked} of {len(packages)} packages against PyPI's vulnerability lists.")
    if vulnerable:
        print("Known vulnerabilities:", *vulnerable, sep="\n")
    if unchecked:
        print("Could not be checked:", *unchecked, sep="\n")
    if vulnerable:
        return 1
    if unchecked:
        return 2
    print("No known vulnerabilities.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
