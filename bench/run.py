"""`make bench`: serve a large generated symbiosis with gunicorn and measure the main pages.

    .venv/bin/python -m bench.run                                   # what `make bench` runs
    .venv/bin/python -m bench.run --pages directory,diagram --duration 5 --soak 0
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/symbiosis_bench \
        .venv/bin/python -m bench.run

Steps: create a separate database (a SQLite file under bench/out/ by default, or the
PostgreSQL database named by BENCH_DATABASE_URL), migrate, `generate_symbiosis`
with the demo content beside it (articles, events, pages, projects: skipped when the
same data set is already there), collectstatic into bench/out/static, start gunicorn
with production settings (DEBUG off, a fresh SECRET_KEY, gthread workers), warm each
URL up, measure it with wrk, then a load run over every page at once with the
workers' memory sampled, stop gunicorn (also on errors and Ctrl-C), then time each
page in-process (every cache off, queries counted). Prints a Markdown table and
writes bench/out/latest.{json,md}.

Every URL, the minimal view included, is served by the same gunicorn with
DJANGO_SETTINGS_MODULE=bench.settings: the ratio to the minimal view is the figure
that travels between machines. See docs/performance.md.
"""

import argparse
import contextlib
import cProfile
import ctypes
import datetime
import hashlib
import io
import json
import os
import platform
import pstats
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
OUT = BASE_DIR / "bench" / "out"
GENERATOR = BASE_DIR / "exchanges" / "management" / "commands" / "generate_symbiosis.py"
# What the search index of the bench is built by: a change rebuilds the data set.
SEARCH_INDEX = [
    *(BASE_DIR / "search" / name for name in ("index.py", "documents.py", "text.py")),
    BASE_DIR / "bench" / "search_filler.py",
    # What each app puts in the index (the entry builders it registers).
    *sorted(BASE_DIR.glob("*/search_documents.py")),
]
# The index is topped up with made-up entries to this many (the "100,000 items").
SEARCH_ENTRIES = 100_000
LUA = BASE_DIR / "bench" / "report.lua"
MIX_LUA = BASE_DIR / "bench" / "mix.lua"
HOST = "127.0.0.1"
WRK = shutil.which("wrk") or "wrk"

# Aims from the issue: each page at least half the minimal view's rate with p99 under
# 100 ms (64 connections, page cache on); the diagram of the large symbiosis rendered
# uncached in under 200 ms; the load run without errors and with flat memory.
MIN_RATIO = 0.5
MAX_P99_MS = 100
DIAGRAM_BUDGET_MS = 200
# A worker whose memory grows more than this between the first and the last third of
# the load run is reported as growing.
MAX_RSS_GROWTH = 0.10


# The pages ------------------------------------------------------------------------
# name → function giving the path (called with Danish active, after the data exists).
# Add a page here; `--pages` picks some by name, `--pages all` takes every one, and a
# path starting with "/" is measured as it is.


def _reverse(name, **kwargs):
    from django.urls import reverse

    return reverse(name, kwargs=kwargs or None)


def _busiest_partner():
    from django.db.models import Count

    from partners.models import Partner

    return (
        Partner.objects.published()
        .annotate(n=Count("flows_out", distinct=True) + Count("flows_in", distinct=True))
        .order_by("-n", "slug")
        .values_list("slug", flat=True)
        .first()
    )


def _flow_with_most_figures():
    from django.db.models import Count

    from exchanges.models import Flow

    return (
        Flow.objects.published()
        .annotate(n=Count("figures"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def _first(queryset, field="slug"):
    return queryset.values_list(field, flat=True).first()


def _article():
    from news.models import Article

    return _first(Article.objects.published())


def _event():
    from news.models import Event

    return _first(Event.objects.published().order_by("-start"))


def _project():
    from projects.models import Project

    return _first(Project.objects.published())


def _search_en():
    from django.utils import translation

    with translation.override("en"):
        return _reverse("search:results") + "?q=steam"


def _cms_page():
    from pages.models import Page

    published = Page.objects.published()
    return "om-symbiosen" if published.filter(slug="om-symbiosen").exists() else _first(published)


PAGES = {
    "minimal": lambda: "/bench/minimal",
    "home": lambda: _reverse("home"),
    "directory": lambda: _reverse("partners:list"),
    "partner": lambda: _reverse("partners:detail", slug=_busiest_partner()),
    "flows": lambda: _reverse("exchanges:flows"),
    "flow": lambda: _reverse("exchanges:flow", pk=_flow_with_most_figures()),
    "diagram": lambda: _reverse("exchanges:diagram"),
    "impact": lambda: _reverse("exchanges:impact"),
    "open-data": lambda: _reverse("exchanges:open-data"),
    "news": lambda: _reverse("news:articles"),
    "events": lambda: _reverse("news:events"),
    "article": lambda: _reverse("news:article", slug=_article()),
    "event": lambda: _reverse("news:event", slug=_event()),
    "press": lambda: _reverse("news:press"),
    "history": lambda: _reverse("timeline:index"),
    "projects": lambda: _reverse("projects:list"),
    "project": lambda: _reverse("projects:detail", slug=_project()),
    "network": lambda: _reverse("network:index"),
    "page": lambda: _reverse("pages:detail", slug=_cms_page()),
    # Site search over the large index (search/): a frequent word in Danish, one in English.
    "search": lambda: _reverse("search:results") + "?q=gips",
    "search-en": lambda: _search_en(),
}
DEFAULT_PAGES = ["all"]
BASELINE = "minimal"


# What Chromium sends: every visitor's browser takes gzip.
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n")[0]
    )
    add = parser.add_argument
    add("--connections", type=int, default=64, help="wrk connections (default 64)")
    add("--duration", type=float, default=10, help="seconds measured per URL (default 10)")
    add("--warmup", type=float, default=3, help="seconds of load before each URL (default 3)")
    add("--rounds", type=int, default=1, help="measure every URL this many times (default 1)")
    add("--wrk-threads", type=int, default=1, help="wrk threads (default 1: fewer cores taken)")
    add("--timeout", type=int, default=30, help="wrk request timeout in seconds (default 30)")
    add(
        "--accept-encoding",
        default=BROWSER_ACCEPT_ENCODING,
        help="the Accept-Encoding header of every request (default: what Chromium sends, "
        "so kept pages go out gzipped as to real visitors; '' measures uncompressed pages)",
    )
    add(
        "--keep-alive",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="reuse connections; by default every request says `Connection: close`, as nginx "
        "talks to its upstream, so gunicorn's workers share the load (a kept-alive "
        "connection stays with the worker that accepted it)",
    )
    add(
        "--pages",
        default=",".join(DEFAULT_PAGES),
        help=f"comma-separated names ({', '.join(PAGES)}), 'all', or paths starting with /",
    )
    add("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    add("--threads", type=int, default=4, help="gunicorn threads per worker (default 4)")
    add("--worker-class", default="gthread", help="gunicorn worker class (default gthread)")
    add("--partners", type=int, default=500, help="generated partners (default 500)")
    add("--flows", type=int, default=5000, help="generated flows (default 5000)")
    add("--years", type=int, default=20, help="years of yearly figures (default 20)")
    add("--seed", type=int, default=1961, help="the generator's seed (default 1961)")
    add("--fresh", action="store_true", help="rebuild the database even when it is up to date")
    add("--repeat", type=int, default=7, help="in-process renders per page (default 7)")
    add("--profile", action="store_true", help="write a cProfile summary per page to bench/out/")
    add("--strict", action="store_true", help="exit 1 when an aim is missed")
    add(
        "--soak",
        type=float,
        default=60,
        help="seconds of the load run over every measured page at once, with the workers' "
        "memory sampled (default 60; 0: none)",
    )
    add(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="default: BENCH_DATABASE_URL, else sqlite:///bench/out/bench.sqlite3",
    )
    add(
        "--cache-url",
        default=os.environ.get("BENCH_CACHE_URL", "locmemcache://"),
        help="the site's CACHE_URL (default: BENCH_CACHE_URL, else locmemcache://)",
    )
    add(
        "--settings",
        default="bench.settings",
        help="settings module for gunicorn and the in-process timings (default bench.settings)",
    )
    add(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for the site, e.g. --env CACHE_PAGES_SECONDS=0 (page cache off)",
    )
    args = parser.parse_args(argv)
    names = [p.strip() for p in args.pages.split(",") if p.strip()]
    if names == ["all"]:
        names = [p for p in PAGES if p != BASELINE]
    unknown = [p for p in names if p not in PAGES and not p.startswith("/")]
    if unknown:
        parser.error(f"unknown page(s) {', '.join(unknown)}; known: {', '.join(PAGES)}")
    args.pages = [BASELINE, *[p for p in names if p != BASELINE]]
    for item in args.env:
        if "=" not in item:
            parser.error(f"--env wants NAME=VALUE, not {item!r}")
    if args.wrk_threads > args.connections:
        args.wrk_threads = args.connections
    return args


# The environment --------------------------------------------------------------------


def bench_environment(args):
    """Production settings for the bench database; the same for this process and gunicorn."""
    database_url = args.database_url or f"sqlite:///{OUT / 'bench.sqlite3'}"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CACHE_URL", "SECURE_SSL_REDIRECT", "DEBUG"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE=args.settings,
        DEBUG="off",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        CACHE_URL=args.cache_url,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="off",
        STATIC_ROOT=str(OUT / "static"),
        MEDIA_ROOT=str(OUT / "media"),
        ENV_FILE=str(OUT / "no-such.env"),  # a developer's .env must not change the figures
        LOG_LEVEL="WARNING",
        MAIL_URL="console://",
        # gunicorn.conf.py replaces each worker after ~2,000 requests: at thousands of
        # cached pages a second that is a restart every second or two, and it would hide
        # a leak from the load run's memory samples. Off here; `--env
        # GUNICORN_MAX_REQUESTS=2000` measures the deployed setting.
        GUNICORN_MAX_REQUESTS="0",
    )
    env.update(item.split("=", 1) for item in args.env)
    return env


def prepare_database(env, args):
    """Create the bench database when needed; return a description of it."""
    import environ

    config = environ.Env.db_url_config(env["DATABASE_URL"])
    engine = config["ENGINE"].rsplit(".", 1)[-1]
    name = str(config["NAME"])
    if engine == "sqlite3":
        path = Path(name)
        if args.fresh:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"SQLite {path.relative_to(BASE_DIR) if path.is_relative_to(BASE_DIR) else path}"
    if engine.startswith("postgresql"):
        import psycopg
        from psycopg import sql

        admin = psycopg.connect(
            dbname="postgres",
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            autocommit=True,
        )
        with admin:
            query = "SELECT 1 FROM pg_database WHERE datname = %s"
            exists = admin.execute(query, [name]).fetchone()
            quoted = sql.Identifier(name)
            if exists and args.fresh:
                if "bench" not in name:
                    sys.exit(f"Refusing to drop database {name!r}: only *bench* databases.")
                admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(quoted))
                exists = None
            if not exists:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(quoted))
        return f"PostgreSQL database {name} on {config.get('HOST') or 'localhost'}"
    sys.exit(f"Unsupported database engine {config['ENGINE']}")


def build_data_set(args, env):
    """migrate, generate (unless the same data set is there already), collectstatic."""
    from django.core.management import call_command

    from partners.models import Partner

    call_command("migrate", "--noinput", verbosity=0)
    wanted = {
        "database": env["DATABASE_URL"].split("@")[-1],
        "partners": args.partners,
        "flows": args.flows,
        "years": args.years,
        "seed": args.seed,
        "until": datetime.date.today().year - 1,
        "generator": hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:16],
        "search": hashlib.sha256(b"".join(p.read_bytes() for p in SEARCH_INDEX)).hexdigest()[:16],
        "search_entries": SEARCH_ENTRIES,
        "demo": True,  # the demo's articles, events, pages and projects beside the partners
    }
    marker = OUT / f"dataset-{hashlib.sha256(wanted['database'].encode()).hexdigest()[:8]}.json"
    current = json.loads(marker.read_text()) if marker.exists() else None
    generated = Partner.objects.filter(slug__startswith="gen-").count()
    if args.fresh or current != wanted or generated != args.partners:
        marker.unlink(missing_ok=True)
        started = time.perf_counter()
        # The demo first (its real partners, articles, events, pages, projects, history),
        # then the generated symbiosis beside it (--force: next to real partners).
        call_command("load_demo", verbosity=0)
        call_command(
            "generate_symbiosis",
            "--force",
            "--partners",
            str(args.partners),
            "--flows",
            str(args.flows),
            "--years",
            str(args.years),
            "--seed",
            str(args.seed),
        )
        # The search index of all of it, topped up with made-up entries to 100,000.
        from bench.search_filler import rebuild_filled_to

        rebuild_filled_to(SEARCH_ENTRIES)
        print(f"  generated in {time.perf_counter() - started:.1f} s")
        marker.write_text(json.dumps(wanted, indent=2))
    else:
        print("  the generated symbiosis is up to date (--fresh rebuilds it)")

    manifest = OUT / "static" / "staticfiles.json"
    sources = [p for p in (BASE_DIR / "static").rglob("*") if p.is_file()]
    if not manifest.exists() or any(p.stat().st_mtime > manifest.stat().st_mtime for p in sources):
        call_command("collectstatic", "--noinput", verbosity=0)


def data_set_counts():
    from exchanges.models import Flow, FlowFigure
    from partners.models import Partner

    return {
        "partners": Partner.objects.count(),
        "flows": Flow.objects.count(),
        "figures": FlowFigure.objects.count(),
        "published_flows": Flow.objects.published().count(),
    }


def resolve_pages(names):
    from django.utils import translation

    with translation.override("da"):
        return {name: (name if name.startswith("/") else PAGES[name]()) for name in names}


# gunicorn ---------------------------------------------------------------------------


def _die_with_parent():
    """In the child: get SIGTERM if this bench process dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn in its own process group, stopped (the whole group) by `stop`."""

    def __init__(self, env, args):
        self.port = free_port()
        self.log_path = OUT / "gunicorn.log"
        self.log = self.log_path.open("wb")
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            "symbiosis.wsgi",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            args.worker_class,
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            self.command,
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )

    def url(self, path):
        return f"http://{HOST}:{self.port}{path}"

    def wait_until_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                status, _body = fetch(self.url("/healthz"))
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start:\n{self.log_path.read_text()[-3000:]}")

    def workers(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        with contextlib.suppress(OSError):
            return [int(pid) for pid in path.read_text().split()]
        return []

    def cpu_seconds(self):
        """CPU seconds (user + system) used so far by each worker, by pid."""
        ticks = os.sysconf("SC_CLK_TCK")
        used = {}
        for pid in self.workers():
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                used[pid] = (int(fields[11]) + int(fields[12])) / ticks
        return used

    def stop(self):
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        # Workers that outlived the master (they should not) go with the group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def fetch(url, accept_encoding=""):
    """(status, body as sent) for one GET: compressed when `accept_encoding` asks."""
    headers = {"Accept-Language": "da"}
    if accept_encoding:
        headers["Accept-Encoding"] = accept_encoding
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# wrk --------------------------------------------------------------------------------


def wrk(url, args, duration, *, script=LUA, paths=()):
    command = [
        WRK,
        "--threads",
        str(args.wrk_threads),
        "--connections",
        str(args.connections),
        "--duration",
        f"{max(1, round(duration))}s",
        "--timeout",
        f"{args.timeout}s",
        "--script",
        str(script),
        *([] if args.keep_alive else ["--header", "Connection: close"]),
        *(["--header", f"Accept-Encoding: {args.accept_encoding}"] if args.accept_encoding else []),
        url,
        *(["--", *paths] if paths else []),
    ]
    result = subprocess.run(  # noqa: S603 (our own command line)
        command,
        capture_output=True,
        text=True,
        timeout=duration + args.timeout + 60,
        check=False,
        env={**os.environ, "BENCH_REPORT_LUA": str(LUA)},
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise RuntimeError(f"wrk failed ({result.returncode}): {result.stdout}\n{result.stderr}")


def rate_and_latency(run):
    """Requests, rate, latency percentiles (ms) and errors of one wrk run."""
    latency = run["latency_us"]
    return {
        "requests": run["requests"],
        "rps": run["requests"] / (run["duration_us"] / 1e6),
        **{f"{key}_ms": latency[key] / 1000 for key in ("p50", "p95", "p99", "max")},
        "errors": sum(run["errors"].values()),
    }


def measure(server, url, args):
    """One wrk run of `args.duration` seconds on `url`, with the workers' CPU time."""
    cpu_before = server.cpu_seconds()
    run = wrk(url, args, args.duration)
    cpu = [used - cpu_before.get(pid, 0.0) for pid, used in sorted(server.cpu_seconds().items())]
    return {
        **rate_and_latency(run),
        # Server CPU per request, and how the load fell on the workers (a kept-alive
        # connection stays with the worker that accepted it).
        "cpu_ms_per_request": sum(cpu) / max(run["requests"], 1) * 1000,
        "worker_cpu_share": [round(c / (sum(cpu) or 1), 2) for c in cpu],
        "wrk": run,
    }


def rss_mib(pid):
    """Resident memory of a process in MiB (VmRSS), or None when it is gone."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def soak(server, paths, args):
    """`--soak` seconds of wrk over every page at once (each connection asks for the next
    path in turn), with every worker's memory sampled before, during and after."""
    measured = [path for name, path in paths.items() if name != BASELINE]
    samples = []  # (seconds since start, {pid: MiB}) for the workers alive at that moment

    def sample(moment):
        samples.append((round(moment, 1), {pid: rss_mib(pid) for pid in server.workers()}))

    sample(-1)
    started = time.monotonic()
    holder = {}

    def run():
        try:
            holder["run"] = wrk(
                server.url(measured[0]), args, args.soak, script=MIX_LUA, paths=measured
            )
        except Exception as error:  # reported below, gunicorn is still stopped
            holder["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    while thread.is_alive():
        thread.join(timeout=5)
        sample(time.monotonic() - started)
    time.sleep(5)
    sample(time.monotonic() - started)  # after: 5 s without load
    if "error" in holder:
        raise holder["error"]
    run = holder["run"]
    during = samples[1:-1]
    third = max(1, len(during) // 3)
    workers_report = {}
    # A worker that gunicorn replaced (it died) shows as two pids, each with fewer samples.
    pids = sorted({pid for _moment, rss in samples for pid in rss})
    for pid in pids:
        series = [rss[pid] for _moment, rss in samples if rss.get(pid) is not None]
        early = [rss[pid] for _moment, rss in during[:third] if rss.get(pid) is not None]
        late = [rss[pid] for _moment, rss in during[-third:] if rss.get(pid) is not None]
        if not series or not early or not late:
            workers_report[str(pid)] = {"samples": len(series), "partial": True}
            continue
        early, late = statistics.median(early), statistics.median(late)
        workers_report[str(pid)] = {
            "before_mib": series[0],
            "max_mib": max(series),
            "first_third_mib": early,
            "last_third_mib": late,
            "after_mib": series[-1],
            "growth": late / early - 1 if early else 0.0,
        }
    return {
        "paths": measured,
        "seconds": args.soak,
        **rate_and_latency(run),
        "error_counts": run["errors"],
        "workers": workers_report,
        "samples": [(moment, {str(k): v for k, v in rss.items()}) for moment, rss in samples],
    }


def load_test(server, paths, args):
    """Every URL in turn, `--rounds` times (the minimal view first in each round).

    A page's ratio is the median over rounds of its rate divided by the minimal view's
    rate in the same round, which keeps a busy spell on a shared machine from skewing it;
    the other figures are medians over the rounds."""
    results, rounds = {}, {name: [] for name in paths}
    for name, path in paths.items():
        status, body = fetch(server.url(path))
        sent = len(fetch(server.url(path), args.accept_encoding)[1])
        print(
            f"  {name:<10} {path}  ({status}, {len(body) / 1024:.0f} KiB, "
            f"{sent / 1024:.0f} KiB sent)",
            flush=True,
        )
        results[name] = {"path": path, "status": status, "bytes": len(body), "sent": sent}
        if status != 200:
            results[name]["error"] = f"HTTP {status}"
    measured = {name: path for name, path in paths.items() if "error" not in results[name]}
    for number in range(args.rounds):
        if args.rounds > 1:
            print(f"  round {number + 1} of {args.rounds}", flush=True)
        for name, path in measured.items():
            if number == 0 and args.warmup > 0:
                wrk(server.url(path), args, args.warmup)
            rounds[name].append(measure(server, server.url(path), args))
    for name, runs in rounds.items():
        if not runs:
            continue
        result = results[name]
        for key in ("rps", "p50_ms", "p95_ms", "p99_ms", "max_ms", "cpu_ms_per_request"):
            result[key] = statistics.median(run[key] for run in runs)
        result["requests"] = sum(run["requests"] for run in runs)
        result["errors"] = sum(run["errors"] for run in runs)
        result["worker_cpu_share"] = runs[len(runs) // 2]["worker_cpu_share"]
        result["rounds"] = runs
        baseline = rounds.get(BASELINE)
        if baseline:
            result["ratio"] = statistics.median(
                run["rps"] / base["rps"] for run, base in zip(runs, baseline, strict=True)
            )
    return results


# In-process timings -----------------------------------------------------------------


@contextlib.contextmanager
def template_timer(times):
    """Add the time spent rendering the view's template (lazy queries included) to `times`."""
    from django.template.backends.django import Template

    original = Template.render

    def render(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            times.append(time.perf_counter() - started)

    Template.render = render
    try:
        yield
    finally:
        Template.render = original


class QueryTimer:
    """Counts the queries and the time spent in the database: executing them
    (connection.execute_wrapper) and fetching their rows (SQLite does much of its work
    while rows are fetched), as a context manager."""

    FETCHES = ("fetchone", "fetchmany", "fetchall")

    def __init__(self, connection):
        self.connection = connection
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1

    def _timed(self, name):
        from django.db.backends.utils import CursorWrapper

        def fetch(cursor, *args, **kwargs):
            started = time.perf_counter()
            try:
                return CursorWrapper.__getattr__(cursor, name)(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return fetch

    def __enter__(self):
        from django.db.backends.utils import CursorWrapper

        for name in self.FETCHES:
            setattr(CursorWrapper, name, self._timed(name))
        self._wrapper = self.connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        from django.db.backends.utils import CursorWrapper

        self._wrapper.__exit__(*exc)
        for name in self.FETCHES:
            delattr(CursorWrapper, name)


def in_process(paths, args):
    """Each page rendered `repeat` times through the whole stack with the test client and
    every cache off (DummyCache: nothing is ever found or kept, whatever the site caches),
    with its queries and template time."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(HTTP_HOST=HOST)
    results = {}
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        for name, path in paths.items():
            client.get(path)  # opens the connection, loads templates
            totals, sqls, templates, counts = [], [], [], []
            for _round in range(args.repeat):
                rendered, queries = [], QueryTimer(connection)
                with queries, template_timer(rendered):
                    started = time.perf_counter()
                    response = client.get(path)
                    totals.append(time.perf_counter() - started)
                sqls.append(queries.seconds)
                templates.append(sum(rendered))
                counts.append(queries.count)
            results[name] = {
                "path": path,
                "status": response.status_code,
                "median_ms": statistics.median(totals) * 1000,
                "min_ms": min(totals) * 1000,
                "queries": max(counts),
                "sql_ms": statistics.median(sqls) * 1000,
                "template_ms": statistics.median(templates) * 1000,
            }
            if args.profile:
                profile_page(client, name, path)
    return results


def profile_page(client, name, path):
    profiler = cProfile.Profile()
    profiler.runcall(client.get, path)
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs().sort_stats("cumulative")
    stats.print_stats(40)
    (OUT / f"profile-{name}.txt").write_text(text.getvalue())


# The report -------------------------------------------------------------------------


def machine(args, report_load):
    import django
    import gunicorn
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    memory = next(
        (
            f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "?",
    )
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
        else:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    wrk_version = subprocess.run(  # noqa: S603 (our own command line)
        [WRK, "--version"], capture_output=True, text=True, check=False
    ).stdout.split("[")[0]
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "wrk": wrk_version.strip(),
        "database": database,
        "server": f"gunicorn {args.worker_class}, {args.workers} workers × {args.threads} threads",
        "settings": args.settings,
        "page_cache": _page_cache(),
        "load_average_before": report_load.get("before"),
        "load_average_after": report_load.get("after"),
        "load": (
            f"wrk, {args.connections} connections "
            f"({'kept alive' if args.keep_alive else 'Connection: close'}), "
            f"{args.wrk_threads} thread(s), "
            f"Accept-Encoding: {args.accept_encoding or '(none)'}, "
            f"{args.warmup:g} s warm-up + {args.duration:g} s per URL"
            + (f", median of {args.rounds} rounds" if args.rounds > 1 else "")
        ),
    }


def _page_cache():
    from django.conf import settings

    seconds = getattr(settings, "CACHE_PAGES_SECONDS", None)
    if seconds is None:
        return "none"
    return f"{seconds} s" if seconds else "off"


def markdown(report):
    m, data = report["machine"], report["data_set"]
    lines = [
        f"Measured {m['date']} on {m['nproc']} cores ({m['cpu']}, {m['memory']}), "
        f"Python {m['python']}, Django {m['django']}, gunicorn {m['gunicorn']}, {m['database']}; "
        f"{m['server']}, settings `{m['settings']}`, page cache {m['page_cache']}; "
        f"{m['load']}. Data set: {data['partners']} "
        f"partners, {data['flows']} flows ({data['published_flows']} published), "
        f"{data['figures']} yearly figures. Load average (1 min) before/after: "
        f"{m['load_average_before']:.2f}/{m['load_average_after']:.2f}.",
        "",
        "| page | path | KiB | KiB sent | req/s | × minimal | p50 ms | p95 ms | p99 ms | errors "
        "| server CPU ms/req | worker CPU split | in-process ms | queries | DB ms | template ms |",
        "| --- | --- |" + " ---: |" * 14,
    ]
    for name, load in report["load"].items():
        inner = report["in_process"].get(name, {})
        if "rps" not in load:
            lines.append(f"| {name} | `{load['path']}` | | | {load.get('error')} |" + " |" * 11)
            continue
        ratio = load.get("ratio", 0)
        mark = "" if name == BASELINE or ratio >= MIN_RATIO else " ✗"
        slow = "" if load["p99_ms"] < MAX_P99_MS else " ✗"
        split = "/".join(f"{share:.0%}" for share in load["worker_cpu_share"])
        lines.append(
            f"| {name} | `{load['path']}` | {load['bytes'] / 1024:,.0f} "
            f"| {load.get('sent', load['bytes']) / 1024:,.0f} | {load['rps']:,.0f} "
            f"| {ratio:.3f}{mark} "
            f"| {load['p50_ms']:.1f} | {load['p95_ms']:.1f} | {load['p99_ms']:.1f}{slow} "
            f"| {load['errors']} | {load['cpu_ms_per_request']:.1f} | {split} "
            f"| {inner.get('median_ms', 0):.1f} | {inner.get('queries', '')} "
            f"| {inner.get('sql_ms', 0):.1f} | {inner.get('template_ms', 0):.1f} |"
        )
    soaked = report.get("soak")
    if soaked:
        lines += [
            "",
            f"Load run: {soaked['seconds']:g} s, every page above in turn, "
            f"{report['settings']['connections']} connections: {soaked['requests']:,} requests, "
            f"{soaked['rps']:,.0f} req/s, p50 {soaked['p50_ms']:.1f} ms, p95 "
            f"{soaked['p95_ms']:.1f} ms, p99 {soaked['p99_ms']:.1f} ms, max "
            f"{soaked['max_ms']:.0f} ms, errors {soaked['errors']}.",
            "",
            "| worker | RSS before MiB | first third | last third | max | 5 s after | growth |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for pid, worker in soaked["workers"].items():
            if worker.get("partial"):
                lines.append(f"| {pid} | (alive for {worker['samples']} samples only) |||||| ")
                continue
            lines.append(
                f"| {pid} | {worker['before_mib']:.1f} | {worker['first_third_mib']:.1f} "
                f"| {worker['last_third_mib']:.1f} | {worker['max_mib']:.1f} "
                f"| {worker['after_mib']:.1f} | {worker['growth']:+.1%} |"
            )
    lines += ["", *report["verdict"]]
    return "\n".join(lines)


def verdict(report):
    lines, missed = [], False
    for name, load in report["load"].items():
        if name == BASELINE:
            continue
        if "ratio" not in load:
            lines.append(f"- {name}: did not answer 200 ({load.get('error')}).")
            missed = True
        elif load["ratio"] < MIN_RATIO:
            lines.append(
                f"- {name}: {load['ratio']:.3f} × the minimal view's rate "
                f"(aim ≥ {MIN_RATIO}): missed."
            )
            missed = True
        else:
            lines.append(f"- {name}: {load['ratio']:.3f} × the minimal view's rate: met.")
        if "p99_ms" in load and load["p99_ms"] >= MAX_P99_MS:
            lines.append(f"- {name}: p99 {load['p99_ms']:.0f} ms (aim < {MAX_P99_MS} ms): missed.")
            missed = True
        if load.get("errors"):
            lines.append(f"- {name}: {load['errors']} failed requests: missed.")
            missed = True
    soaked = report.get("soak")
    if soaked:
        growing = {
            pid: w["growth"]
            for pid, w in soaked["workers"].items()
            if w.get("growth", 0) > MAX_RSS_GROWTH
        }
        if any(w.get("partial") for w in soaked["workers"].values()):
            growing["a worker"] = float("nan")  # replaced during the run: not flat
        met = not soaked["errors"] and not growing
        missed = missed or not met
        lines.append(
            f"- load run: {soaked['errors']} errors, workers' memory "
            + (
                ", ".join(f"{pid} grew {g:+.0%}" for pid, g in growing.items())
                if growing
                else f"flat (within {MAX_RSS_GROWTH:.0%} from the first to the last third)"
            )
            + f": {'met' if met else 'missed'}."
        )
    diagram = report["in_process"].get("diagram")
    if diagram:
        met = diagram["median_ms"] < DIAGRAM_BUDGET_MS
        missed = missed or not met
        lines.append(
            f"- diagram uncached in-process: median {diagram['median_ms']:.0f} ms, best "
            f"{diagram['min_ms']:.0f} ms (aim < {DIAGRAM_BUDGET_MS} ms): "
            f"{'met' if met else 'missed'}."
        )
    return lines, missed


# Main -------------------------------------------------------------------------------


def _exit_on_signal(signum, _frame):
    raise SystemExit(128 + signum)  # unwinds through `finally`: gunicorn is stopped


def main(argv=None):
    args = parse_args(argv)
    if shutil.which(WRK) is None:
        sys.exit("wrk is missing: `make bench` installs it (apt-get install wrk).")
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started ignoring it
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)
    OUT.mkdir(parents=True, exist_ok=True)

    env = bench_environment(args)
    print("Preparing the database…", flush=True)
    described = prepare_database(env, args)
    print(f"  {described}")
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.db import connections

    build_data_set(args, env)
    paths = resolve_pages(args.pages)
    counts = data_set_counts()
    connections.close_all()

    load_average = {"before": os.getloadavg()[0]}
    if load_average["before"] > 0.5:
        print(
            f"  note: the machine is busy (load average {load_average['before']:.2f}); "
            "other processes share the cores and lower the figures."
        )
    print(
        f"Serving with gunicorn ({args.worker_class}, {args.workers} workers × {args.threads} "
        "threads)…",
        flush=True,
    )
    server = Gunicorn(env, args)
    try:
        server.wait_until_ready()
        print(
            f"Measuring each URL: {args.warmup:g} s warm-up, {args.duration:g} s with "
            f"{args.connections} connections",
            flush=True,
        )
        load = load_test(server, paths, args)
        soaked = None
        if args.soak > 0:
            print(
                f"Load run: {args.soak:g} s over every page with {args.connections} connections, "
                "workers' memory sampled every 5 s…",
                flush=True,
            )
            soaked = soak(server, paths, args)
    finally:
        server.stop()
    load_average["after"] = os.getloadavg()[0]

    print(f"Timing each page in-process ({args.repeat} renders, caches off)…", flush=True)
    inner = in_process(paths, args)
    report = {
        "machine": machine(args, load_average),
        "data_set": counts,
        "settings": {k: v for k, v in vars(args).items() if k != "database_url"},
        "load": load,
        "soak": soaked,
        "in_process": inner,
    }
    report["verdict"], missed = verdict(report)
    table = markdown(report)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in ("latest.json", f"results-{stamp}.json"):
        (OUT / name).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    (OUT / "latest.md").write_text(table + "\n")
    print()
    print(table)
    print(f"\nWritten to {(OUT / 'latest.md').relative_to(BASE_DIR)} and latest.json.")
    errors = any(r.get("errors") or "error" in r for r in load.values()) or bool(
        soaked and soaked["errors"]
    )
    if errors:
        print("Some requests failed: see the table and bench/out/gunicorn.log.")
    return 1 if errors or (missed and args.strict) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("Interrupted (gunicorn stopped).")
