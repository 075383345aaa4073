"""Generated files kept until content changes: the open-data downloads and the sitemap.

Both are built from every published row, and at large data they outgrow the page
cache (4 MB a page) or take seconds to build: without this, every request built them
again. `kept_response()` builds such a response once per content version (the number
the page cache keys on, `symbiosis.middleware.content_version`: any save or delete of
public content, or a scheduled publication going live, moves it) and per `parts`,
what the view's answer depends on (the file, the language, the site's address, a
page number). Nothing else of the request is in the key: a query string the view
does not read makes no new entry and gets the same file with the same ETag.

One cache entry per `parts`, replaced when the version moves (never one per version),
holding the body gzipped once: a browser that takes gzip (all of them) gets those
bytes with a weak ETag and `Vary: Accept-Encoding` (so the page cache above does not
keep a second copy); any other client gets them unpacked, with the strong ETag, a
hash of the plain body. While one request rebuilds a file after a change, others get
the previous one (for the few seconds that takes) rather than building it too. An
entry also expires after KEPT_SECONDS, so a new release of the code that writes a
file is served within that time even when no content changes.
"""

import gzip
import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.text import compress_string

from symbiosis.middleware import accepts_gzip, content_version

KEPT_SECONDS = 60 * 60
# A request that finds its file out of date rebuilds it; others meanwhile get the old one.
REBUILD_LOCK_SECONDS = 120
# What a kept response carries besides its body (the rest is set again when served).
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Link",
    "Last-Modified",
    "Cache-Control",
    "Access-Control-Allow-Origin",
    "Cross-Origin-Resource-Policy",
    "X-Robots-Tag",
)


@dataclass(frozen=True)
class Kept:
    version: int
    etag: str  # strong, quoted: a hash of the plain body
    headers: tuple
    gzipped: bytes


def cache_key(parts):
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    return f"kept:{digest}"


def kept_response(request, parts, build):
    """The response `build()` makes (a 200 with a body), kept per content version and
    `parts`. Anything else `build()` answers (a 404) is passed on and not kept."""
    key = cache_key(parts)
    version = content_version()
    kept = cache.get(key)
    if kept is None or kept.version != version:
        lock = f"{key}:rebuilding"
        locked = kept is not None and cache.add(lock, 1, REBUILD_LOCK_SECONDS)
        if kept is not None and not locked:
            return serve(request, kept)  # another request is rebuilding it
        try:
            response = build()
            if hasattr(response, "render"):
                response.render()
            if response.status_code != 200 or response.streaming:
                return response
            kept = keep(key, version, response)
        finally:
            if locked:
                cache.delete(lock)
    return serve(request, kept)


def keep(key, version, response):
    body = response.content
    kept = Kept(
        version=version,
        etag=f'"{hashlib.sha256(body).hexdigest()[:40]}"',
        headers=tuple((name, response[name]) for name in KEPT_HEADERS if response.has_header(name)),
        gzipped=compress_string(body),
    )
    cache.set(key, kept, KEPT_SECONDS)
    return kept


def serve(request, kept):
    response = HttpResponse()
    for name, value in kept.headers:
        response[name] = value
    patch_vary_headers(response, ("Accept-Encoding",))
    compressed = accepts_gzip(request)
    response["ETag"] = f"W/{kept.etag}" if compressed else kept.etag
    answer = get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
    if answer is not response:
        return answer  # 304: nothing unpacked, nothing sent
    if compressed:
        response.content = kept.gzipped
        response["Content-Encoding"] = "gzip"
    else:
        response.content = gzip.decompress(kept.gzipped)
    response["Content-Length"] = str(len(response.content))
    return response
