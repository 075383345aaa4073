import hashlib
import logging
import time
from urllib.parse import urlencode

from django.db import DatabaseError
from django.http import QueryDict
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import parse_http_date_safe, split_directive_names
from django.utils.text import compress_string

# Powerful browser features no page of the portal uses, refused to every page and frame.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class BrowserPolicyMiddleware:
    """`Cross-Origin-Resource-Policy: same-origin` and a `Permissions-Policy` that refuses the
    features above, on every response (Django has no setting for either); and
    `Reporting-Endpoints`, where the CSP's `report-to csp` sends its reports
    (symbiosis/security/csp.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        from symbiosis.addresses import absolute_url

        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        endpoint = absolute_url(request, settings.CSP_REPORT_PATH)
        response.headers.setdefault("Reporting-Endpoints", f'csp="{endpoint}"')
        return response


class PageCacheMiddleware:
    """Whole-page cache for anonymous visitors, dropped the moment content changes.

    Sits after LocaleMiddleware (the language is in the URL, so the URL is the key)
    and before sessions. A request with a session cookie (staff, anyone logged in)
    is never served from the cache nor stored, so staff always see the truth.
    Only plain 200 responses without cookies, `Vary` (but `Vary: Cookie`) or private
    cache headers are kept; the CSP and security headers are added again on the way out.
    Every save or delete of site content bumps a version number (symbiosis.apps)
    that is part of the key: with a shared cache (Redis) every app server sees the
    change at once; with per-process local memory, other processes keep their
    copy for at most CACHE_PAGES_SECONDS.
    A kept page carries an ETag worked out once, when it was rendered (public pages
    hold no per-request nonce, so the same content gives the same tag): a browser
    that sends it back in If-None-Match gets a 304 without a body.

    **Not a door for floods** (docs/security.md): a session cookie skips the cache
    only when its session exists (a made-up `sessionid` gets the kept page), and the
    key holds only the query parameters the page's view reads, in a fixed order. The
    view's reads are watched (`ReadTrackingQueryDict`) and remembered per path; a
    request with a parameter the view does not read (`?utm_source=…`, `?x=1`, `?x=2`…)
    is sent by a 301 to the address without it, so no made-up query makes a new entry.
    The cache itself is bounded (local memory: CACHE_MAX_ENTRIES; Redis: its
    `maxmemory` with `allkeys-lru`).

    A kept page is also gzipped once, when it is stored, and browsers that accept
    gzip (all of them) get those bytes: the large diagram goes out as a fifth of its
    size, and no request pays for compressing it. Compression leaks nothing here
    (BREACH needs a secret in the page): kept pages set no cookie, so they carry no
    CSRF token, and no session reaches them.
    """

    MAX_BYTES = 4 * 1024 * 1024
    # Smaller bodies gain less than the gzip header and the work cost.
    COMPRESS_FROM_BYTES = 1024
    COMPRESSIBLE_TYPES = (
        "text/",
        "application/json",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "image/svg+xml",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.core.cache import cache

        seconds = settings.CACHE_PAGES_SECONDS
        if not (seconds > 0 and self._cacheable_request(request, settings)):
            return self.get_response(request)
        params = set(request.GET)
        params_key = read_params_key(request)
        known = cache.get(params_key)
        if known is not None and params - known:
            return canonical_redirect(request, known)
        key = page_cache_key(request)
        kept = cache.get(key)
        if kept is not None:
            response, compressed = kept if isinstance(kept, tuple) else (kept, None)
            # A cached page still answers If-None-Match / If-Modified-Since with 304.
            answer = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
            if answer is not response:
                return answer
            return self._deliver(request, response, compressed)
        tracked = request.GET = ReadTrackingQueryDict(request.GET)
        response = self.get_response(request)
        if self._cacheable_response(response):
            read = params | tracked.read if tracked.read_all else tracked.read
            learned = read | (known or set())
            if learned != known:
                cache.set(params_key, learned, None)
            if params - learned:
                # Rendered once for this path; from now on such requests get the 301 above.
                return canonical_redirect(request, learned)
            if not response.has_header("ETag"):
                set_response_etag(response)
            compressed = self._compress(response)
            if compressed is not None:
                patch_vary_headers(response, ("Accept-Encoding",))
            cache.set(key, (response, compressed), seconds)
            return self._deliver(request, response, compressed)
        return response

    def _compress(self, response):
        """The body gzipped (the same bytes every time: no timestamp), or None when
        that would not pay off."""
        content_type = response.get("Content-Type", "").lower()
        if (
            response.has_header("Content-Encoding")
            or len(response.content) < self.COMPRESS_FROM_BYTES
            or not content_type.startswith(self.COMPRESSIBLE_TYPES)
        ):
            return None
        compressed = compress_string(response.content)
        return compressed if len(compressed) < len(response.content) else None

    @staticmethod
    def _deliver(request, response, compressed):
        """The kept page as it is, or its gzipped bytes for a browser that takes gzip
        (with a weak ETag, as Django's GZipMiddleware gives: the same page, other bytes)."""
        if compressed is None or not accepts_gzip(request):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        response.headers["Content-Encoding"] = "gzip"
        etag = response.get("ETag", "")
        if etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        return response

    def _cacheable_request(self, request, settings):
        return (
            request.method in ("GET", "HEAD")
            and "HTTP_AUTHORIZATION" not in request.META
            and not has_live_session(request, settings)
        )

    @staticmethod
    def _varies_on_cookie_at_most(response):
        """`Vary: Cookie` alone is fine: only requests without a session cookie reach the
        cache, and for them the page is the same (a view that asked whether the visitor
        may preview drafts touched the session, which adds that header). Any other
        `Vary` (Accept-Language on the language redirect) keeps the response out."""
        varied = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
        return varied <= {"cookie"}

    def _cacheable_response(self, response):
        directives = set(split_directive_names(response.get("Cache-Control", "")))
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and self._varies_on_cookie_at_most(response)
            and not directives & {"private", "no-store", "no-cache"}
            and len(response.content) <= self.MAX_BYTES
        )


CONTENT_VERSION_KEY = "pages:content-version"
NEXT_DUE_KEY = "pages:next-scheduled"


def content_version():
    """The number in every page's cache key; it changes when content changes, and
    when a scheduled article's moment comes (nobody saves anything then)."""
    from django.core.cache import cache

    # One round trip to a shared cache (Redis) for both numbers.
    known = cache.get_many([CONTENT_VERSION_KEY, NEXT_DUE_KEY])
    version = known.get(CONTENT_VERSION_KEY)
    if version is None:
        version = cache.get_or_set(CONTENT_VERSION_KEY, fresh_version(), None)
    # Worked out when content changes, never here (no query per request); when it
    # is unknown (an empty cache), pages simply expire after CACHE_PAGES_SECONDS.
    due = known.get(NEXT_DUE_KEY)
    if due and time.time() >= due:
        bump_content_version()
        return cache.get_or_set(CONTENT_VERSION_KEY, fresh_version(), None)
    return version


def fresh_version():
    """A version no earlier one has used: when a bounded cache evicts the number
    itself, the pages kept under the old one must not come back (they would if it
    started at 1 again)."""
    return time.time_ns() // 1000


def next_scheduled_moment():
    """When the next scheduled publication goes live (a Unix time), or 0 when none is;
    None when it cannot be told (the database not ready). Each app with content that
    goes live at a set moment registers how to find its next one
    (`symbiosis.registry.scheduled_publications`, e.g. news/schedule.py)."""
    from symbiosis.registry import scheduled_publications

    try:
        moments = [m for find in scheduled_publications.values() if (m := find()) is not None]
    except DatabaseError:  # e.g. while migrating, before the table exists
        return None
    return min(moments).timestamp() if moments else 0


def bump_content_version(*, schedule=True, **kwargs):
    """Forget every cached page (signal receiver: see symbiosis.apps); with `schedule`,
    also look up when the next scheduled article falls due."""
    from django.core.cache import cache

    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, fresh_version(), None)
    if not schedule:
        return
    due = next_scheduled_moment()
    if due is None:
        cache.delete(NEXT_DUE_KEY)
    else:
        cache.set(NEXT_DUE_KEY, due, None)


def accepts_gzip(request):
    """Does the request's Accept-Encoding take gzip (not refused with q=0)?"""
    for part in request.headers.get("Accept-Encoding", "").split(","):
        coding, _, params = part.partition(";")
        if coding.strip().lower() not in ("gzip", "*"):
            continue
        name, _, value = params.strip().partition("=")
        if name.strip().lower() != "q":
            return True
        try:
            return float(value) > 0
        except ValueError:
            return False
    return False


def page_cache_key(request):
    """The method, host, path and the query in a fixed order (?b=2&a=1 is ?a=1&b=2)."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    raw = f"{request.method}:{request.get_host()}:{request.path}?{query}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pages:{content_version()}:{digest}"


def read_params_key(request):
    """Where the query parameters the view at this path reads are remembered."""
    digest = hashlib.sha256(f"{request.get_host()}:{request.path}".encode()).hexdigest()
    return f"pages:params:{digest}"


def canonical_redirect(request, known):
    """301 to this page without the parameters its view does not read."""
    from django.http import HttpResponsePermanentRedirect

    kept = [(name, values) for name, values in request.GET.lists() if name in known]
    query = urlencode(kept, doseq=True)
    response = HttpResponsePermanentRedirect(f"{request.path}?{query}" if query else request.path)
    response["Cache-Control"] = "max-age=3600"
    return response


def has_live_session(request, settings):
    """A session cookie whose session exists (staff, a signed-in partner): such a
    request never meets the cache. A made-up or stale cookie costs one indexed query
    and gets the kept page, as a visitor without a cookie does."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    from importlib import import_module

    engine = import_module(settings.SESSION_ENGINE)
    store = engine.SessionStore()
    try:
        return store.exists(session_key) if store._validate_session_key(session_key) else False
    except DatabaseError:
        return False  # the database is down: the kept page is the best answer


class ReadTrackingQueryDict(QueryDict):
    """request.GET that remembers which parameters were read (`read`), or that all of
    them were (`read_all`: listed, iterated or re-encoded as a whole)."""

    def __init__(self, original):
        super().__init__(mutable=True, encoding=original.encoding)
        for name, values in original.lists():
            self.setlist(name, values)
        self._mutable = False
        self.read = set()
        self.read_all = False

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read.add(key)
        return super().getlist(key, default)

    def _all(self):
        self.read_all = True

    def keys(self):
        self._all()
        return super().keys()

    def items(self):
        self._all()
        return super().items()

    def lists(self):
        self._all()
        return super().lists()

    def values(self):
        self._all()
        return super().values()

    def dict(self):
        self._all()
        return super().dict()

    def urlencode(self, safe=None):
        self._all()
        return super().urlencode(safe)

    def __iter__(self):
        self._all()
        return super().__iter__()

    def copy(self):
        self._all()
        return QueryDict(self.urlencode(), mutable=True, encoding=self.encoding)


class AdminLanguageMiddleware:
    """The admin speaks Danish to staff unless they chose English (the language
    cookie, set by the switch in the admin's header); the browser's language is
    not asked. Public pages take their language from the URL as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        if request.path_info.startswith("/admin/"):
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            codes = {code for code, _name in settings.LANGUAGES}
            language = chosen if chosen in codes else settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class RequestIdMiddleware:
    """Give every request an id, for following it through the logs.

    The proxy's `X-Request-ID` is kept when it looks sane (at most 64 letters, digits
    and dashes), otherwise a new uuid4 is made. The id goes back to the client as
    `X-Request-ID`, into gunicorn's access line, and into every log line written
    while the request is answered (symbiosis.logs, through a context variable).
    """

    def __init__(self, get_response):
        from django.core.signals import request_finished

        from symbiosis.logs import forget_request

        self.get_response = get_response
        # Kept until the response is sent, not only until this returns: Django logs
        # "Not Found" and errors after the middleware is done with the request.
        request_finished.connect(forget_request, dispatch_uid="logs-forget-request")

    def __call__(self, request):
        from symbiosis.logs import current_request, request_id_from

        request_id = request_id_from(request.headers.get("X-Request-ID"))
        request.request_id = request.META["HTTP_X_REQUEST_ID"] = request_id
        current_request.set(
            {"request_id": request_id, "method": request.method, "path": request.path}
        )
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


logger = logging.getLogger("symbiosis.database")


class DatabaseUnavailableMiddleware:
    """While the database is down, visitors get a friendly 503 page in their language
    (templates/503.html, with Retry-After) instead of an error page, and the log one
    line instead of a traceback a request.

    Catches what a view or its template raises (process_exception); the page cache
    above keeps serving the pages it holds, and /healthz says 503 by itself. Django
    reconnects on the next request once the database is back (CONN_HEALTH_CHECKS).
    Errors raised outside views (a middleware saving the session) reach
    symbiosis.site.views.server_error, which answers the same way.
    """

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            logger.error("Database unavailable: %s", exception)
            return database_unavailable_response()
        return None


def is_database_unavailable(exception):
    from django.db import InterfaceError, OperationalError

    return isinstance(exception, OperationalError | InterfaceError)


def database_unavailable_response():
    """templates/503.html, rendered without the request: no context processor may
    ask the database for the menu."""
    from django.http import HttpResponse
    from django.template import loader

    html = loader.get_template("503.html").render()
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(DatabaseUnavailableMiddleware.RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
