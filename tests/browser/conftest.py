"""Browser tests: Debian's Chromium driven by Playwright's sync API against `live_server`.

No pytest-playwright: one Chromium per run (`browser`), a fresh context per
test (`open_page` / `page`), and a watch on every page (`browser_errors`) that
fails the test on a console error, an uncaught page error, or a same-origin
request answered with 400 or more, unless the test said it expects that status.
"""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # Without these Chromium keeps calling hosts this network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}


def _no_static_handler(app):
    return app


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving static files as production does.

    pytest-django wraps the site in staticfiles' StaticFilesHandler, which looks
    files up by their source names through the finders; the pages link to the
    hashed names in STATIC_ROOT (CompressedManifestStaticFilesStorage), so every
    stylesheet and script would fail. Without that wrapper WhiteNoise, already in
    MIDDLEWARE, serves STATIC_ROOT exactly as under gunicorn. Uploads are still
    served by Django's test media handler from the current MEDIA_ROOT.
    """
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = _no_static_handler
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the run (all browser tests live in this package).

    While Playwright's sync API is started it keeps an event loop running in the
    main thread, so Django takes every ORM call made by the tests (factories,
    load_demo, the database flush) for one made from async code and raises
    SynchronousOnlyOperation. DJANGO_ALLOW_ASYNC_UNSAFE lifts that check, for
    the browser tests only: Playwright stops and the variable goes when the last
    of them is done, so the rest of the suite, and the subprocesses it starts
    (`manage.py check --deploy` warns about the variable), never see either.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        if "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ:
            env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class BrowserErrors:
    """What went wrong in the browser during one test, same-origin requests only."""

    def __init__(self, origin):
        self.origin = origin
        self.expected = set()  # (absolute URL, status) pairs the test asked for
        self.problems = []
        self.pages = []

    def expect_status(self, url, status):
        """Let `url` (absolute, or a path on the live server) answer with `status`."""
        if url.startswith("/"):
            url = self.origin + url
        self.expected.add((url, status))

    def _same_origin(self, url):
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def _expected(self, url, status=None):
        return any(u == url and (status is None or s == status) for u, s in self.expected)

    def watch(self, page):
        self.pages.append(page)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("response", self._on_response)
        page.on("requestfailed", self._on_request_failed)

    def _on_console(self, message):
        if message.type != "error":
            return
        # Chromium reports every 4xx/5xx response on the console too; a status
        # the test expects for that very URL is not an error.
        source = message.location.get("url", "")
        if "Failed to load resource" in message.text and self._expected(source):
            return
        self.problems.append(f"console error at {source or '?'}: {message.text}")

    def _on_page_error(self, error):
        self.problems.append(f"uncaught page error: {error}")

    def _on_response(self, response):
        if response.status < 400 or not self._same_origin(response.url):
            return
        if self._expected(response.url, response.status):
            return
        method = response.request.method
        self.problems.append(f"HTTP {response.status} for {method} {response.url}")

    def _on_request_failed(self, request):
        # A lazy image cut short by the next navigation is aborted: not a defect.
        if not self._same_origin(request.url) or request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def check(self):
        """Fail the test if anything went wrong; flush pending events first."""
        for page in self.pages:
            if not page.is_closed():
                page.evaluate("0")  # one round trip delivers events still in flight
        if self.problems:
            problems, self.problems = self.problems, []
            pytest.fail("The browser reported problems:\n  " + "\n  ".join(problems))


@pytest.fixture
def browser_errors(live_server):
    return BrowserErrors(live_server.url.rstrip("/"))


@pytest.fixture
def open_page(browser, browser_errors):
    """Open a page in a new browser context: `open_page(locale="en-GB", viewport=...)`.

    The locale sets both navigator.language and the Accept-Language header.
    """
    contexts = []

    def _open(locale="da-DK", **context_options):
        context = browser.new_context(locale=locale, **context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        browser_errors.watch(page)
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    """A page in a Danish browser (da-DK), the site's main audience."""
    return open_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After the test body, fail it (not its teardown) on any browser problem."""
    errors = getattr(item, "funcargs", {}).get("browser_errors")
    try:
        result = yield
    except BaseException:
        # The test failed on its own: show what the browser said alongside.
        if errors is not None and errors.problems:
            item.add_report_section("call", "browser problems", "\n".join(errors.problems))
        raise
    if errors is not None:
        errors.check()
    return result


_axe_source = None


def assert_accessible(page):
    """Run axe-core on the page; fail on any serious or critical violation.

    axe is evaluated through the DevTools protocol: the site's CSP rightly refuses
    an injected <script> tag, but evaluation from the driver is not subject to it.
    """
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE_JS.read_text(encoding="utf-8")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source)
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in results["violations"] if v.get("impact") in FAILING_IMPACTS]
    if serious:
        lines = [f"axe found {len(serious)} serious or critical violation(s) on {page.url}:"]
        for violation in serious:
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']} "
                f"[{violation['helpUrl']}]"
            )
            for node in violation["nodes"]:
                lines.append(f"    target {json.dumps(node['target'])}: {node['html'][:200]}")
        pytest.fail("\n".join(lines))
