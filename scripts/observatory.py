"""The Mozilla HTTP Observatory's grade for the portal, measured on this machine.

    .venv/bin/python scripts/observatory.py                 # the demo site, built here
    .venv/bin/python scripts/observatory.py --target example.org --ca-file ca.pem

Without `--target` it builds the demo site in a temporary folder (SQLite, `migrate`,
`load_demo`), serves it with gunicorn and production settings (DEBUG off) over TLS
with a self-signed certificate for 127.0.0.1 made by openssl for this run only (the
key never leaves the temporary folder), and scans the front page with the
Observatory's own scanner (npm `@mdn/mdn-http-observatory`, installed by
`make test-deps`). Prints the grade, the score and each test's result; exits 0 at
the wanted grade (A+ unless `--min-grade` says otherwise), 1 below it, 2 when the
scan could not be made.

The scanner normally downloads Chromium's HSTS preload list when installed; npm runs
here with --ignore-scripts, so an empty list is written instead: the score does not
depend on it (being preloaded only adds a note).
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SCANNER = BASE_DIR / "node_modules/@mdn/mdn-http-observatory"
GRADES = ["F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+"]


class ScanError(Exception):
    pass


def listening_socket():
    """A socket on a port the OS chose, handed to gunicorn as it is (`--bind fd://N`):
    no other process (a test run beside this one) can take the port in between."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    return listener


def answers_tls(port, cert):
    """True once the server completes a TLS handshake (the socket listens before it runs)."""
    context = ssl.create_default_context(cafile=str(cert))
    try:
        with (
            socket.create_connection(("127.0.0.1", port), timeout=2) as raw,
            context.wrap_socket(raw, server_hostname="127.0.0.1"),
        ):
            return True
    except OSError:  # ssl.SSLError and timeouts included
        return False


def site_env(folder):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}}
    env.update(
        DEBUG="off",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        MEDIA_ROOT=str(folder / "media"),
        MAIL_URL="smtp://mailer:secret@mail.example.org:587",
        ENV_FILE=str(folder / "no-such.env"),  # a developer's .env must not change the grade
        PYTHONDONTWRITEBYTECODE="1",
    )
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SERVE_MEDIA"):
        env.pop(name, None)
    return env


def run(command, env=None, timeout=300):
    result = subprocess.run(  # noqa: S603 (our own commands, no shell)
        command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise ScanError(f"{' '.join(map(str, command))} failed:\n{result.stdout}{result.stderr}")
    return result


def self_signed_certificate(folder):
    cert, key = folder / "cert.pem", folder / "key.pem"
    run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",  # a P-256 key: made in milliseconds, where RSA takes a second or more
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ]
    )
    return cert, key


def start_demo_site(folder):
    """gunicorn serving the demo over TLS; returns (process, "127.0.0.1:port", cert)."""
    env = site_env(folder)
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([sys.executable, "manage.py", "load_demo"], env)
    static_root = Path(env.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
    if not (static_root / "staticfiles.json").exists():  # pages need the manifest
        run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    cert, key = self_signed_certificate(folder)
    listener = listening_socket()
    port = listener.getsockname()[1]
    log = open(folder / "gunicorn.log", "wb")  # noqa: SIM115 (the process writes it until killed)
    with listener:
        process = subprocess.Popen(  # noqa: S603 (gunicorn from this venv, no shell)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "symbiosis.wsgi",
                "--bind",
                f"fd://{listener.fileno()}",
                "--certfile",
                str(cert),
                "--keyfile",
                str(key),
                "--workers",
                "1",
                "--threads",
                "4",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=[listener.fileno()],
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if answers_tls(port, cert):
            return process, f"127.0.0.1:{port}", cert
        time.sleep(0.1)
    process.kill()
    raise ScanError("gunicorn did not start:\n" + (folder / "gunicorn.log").read_text())


def scan(target, ca_file=None):
    """The scanner's JSON report for `target` (host or host:port, HTTPS)."""
    node = shutil.which("node")
    if not node or not (SCANNER / "src/scan.js").exists():
        raise ScanError("node and npm's @mdn/mdn-http-observatory are needed: run `make test-deps`")
    preload = SCANNER / "conf/hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}\n")
    env = dict(os.environ)
    if ca_file:
        env["NODE_EXTRA_CA_CERTS"] = str(ca_file)
    result = subprocess.run(  # noqa: S603 (the scanner, no shell)
        [node, str(SCANNER / "src/scan.js"), target],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        raise ScanError(f"the scanner said:\n{result.stdout}{result.stderr}") from None
    if report.get("error") or report.get("scan", {}).get("error"):
        raise ScanError(f"the scan failed: {report.get('error') or report['scan']['error']}")
    return report


def summary(report, target):
    result = report["scan"]
    lines = [
        f"HTTP Observatory: https://{target}/",
        f"grade {result['grade']}, score {result['score']} "
        f"({result['testsPassed']} of {result['testsQuantity']} tests passed)",
    ]
    for name, test in sorted(report["tests"].items()):
        mark = "pass" if test["pass"] else "FAIL"
        lines.append(f"  {mark}  {name:32} {test['scoreModifier']:+4d}  {test['result']}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", help="scan this HTTPS host[:port] instead of the demo site")
    parser.add_argument("--ca-file", help="a CA certificate to trust for --target")
    parser.add_argument("--min-grade", default="A+", choices=GRADES, help="default: A+")
    parser.add_argument("--json", action="store_true", help="print the scanner's whole report")
    args = parser.parse_args(argv)
    try:
        if args.target:
            report, target = scan(args.target, args.ca_file), args.target
        else:
            with tempfile.TemporaryDirectory(prefix="observatory-") as tmp:
                process, target, cert = start_demo_site(Path(tmp))
                try:
                    report = scan(target, cert)
                except ScanError as error:
                    log = (Path(tmp) / "gunicorn.log").read_text(errors="replace")
                    raise ScanError(f"{error}\nThe site's log ends:\n{log[-3000:]}") from None
                finally:
                    process.terminate()
                    process.wait(timeout=10)
    except (ScanError, subprocess.TimeoutExpired) as error:
        print(f"No grade: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, indent=2))
    print(summary(report, target))
    grade = report["scan"]["grade"]
    if GRADES.index(grade) < GRADES.index(args.min_grade):
        print(f"Below {args.min_grade}: see the failed tests above.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
