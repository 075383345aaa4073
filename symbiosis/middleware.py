import hashlib
import time

from django.db import DatabaseError
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe


class CrossOriginResourcePolicyMiddleware:
    """Send `Cross-Origin-Resource-Policy: same-origin` (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class PageCacheMiddleware:
    """Whole-page cache for anonymous visitors, dropped the moment content changes.

    Sits after LocaleMiddleware (the language is in the URL, so the URL is the key)
    and before sessions. A request with a session cookie (staff, anyone logged in)
    is never served from the cache nor stored, so staff always see the truth.
    Only plain 200 responses without cookies, `Vary` or private cache headers are
    kept; the CSP and security headers are added again on the way out.
    Every save or delete of site content bumps a version number (symbiosis.signals)
    that is part of the key: with a shared cache (Redis) every app server sees the
    change at once; with per-process local memory, other processes keep their
    copy for at most CACHE_PAGES_SECONDS.
    """

    MAX_BYTES = 4 * 1024 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.core.cache import cache

        seconds = settings.CACHE_PAGES_SECONDS
        if not (seconds > 0 and self._cacheable_request(request, settings)):
            return self.get_response(request)
        key = page_cache_key(request)
        response = cache.get(key)
        if response is not None:
            # A cached page still answers If-None-Match / If-Modified-Since with 304.
            return get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
        response = self.get_response(request)
        if self._cacheable_response(response):
            cache.set(key, response, seconds)
        return response

    def _cacheable_request(self, request, settings):
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        )

    def _cacheable_response(self, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Vary")
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
            and len(response.content) <= self.MAX_BYTES
        )


CONTENT_VERSION_KEY = "pages:content-version"
NEXT_DUE_KEY = "pages:next-scheduled"


def content_version():
    """The number in every page's cache key; it changes when content changes, and
    when a scheduled article's moment comes (nobody saves anything then)."""
    from django.core.cache import cache

    version = cache.get_or_set(CONTENT_VERSION_KEY, 1, None)
    # Worked out when content changes, never here (no query per request); when it
    # is unknown (an empty cache), pages simply expire after CACHE_PAGES_SECONDS.
    due = cache.get(NEXT_DUE_KEY)
    if due and time.time() >= due:
        bump_content_version()
        return cache.get_or_set(CONTENT_VERSION_KEY, 1, None)
    return version


def next_scheduled_moment():
    """When the next scheduled article goes live (a Unix time), or 0 when none is."""
    from django.utils import timezone

    from news.models import Article

    try:
        moment = (
            Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )
    except DatabaseError:  # e.g. while migrating, before the table exists
        return None
    return moment.timestamp() if moment else 0


def bump_content_version(*, schedule=True, **kwargs):
    """Forget every cached page (signal receiver: see symbiosis.apps); with `schedule`,
    also look up when the next scheduled article falls due."""
    from django.core.cache import cache

    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 2, None)
    if not schedule:
        return
    due = next_scheduled_moment()
    if due is None:
        cache.delete(NEXT_DUE_KEY)
    else:
        cache.set(NEXT_DUE_KEY, due, None)


def page_cache_key(request):
    raw = f"{request.method}:{request.get_host()}:{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pages:{content_version()}:{digest}"


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
