"""Content-Security-Policy violation reports: collected here, counted, shown to staff.

Browsers post a report when the policy blocks something (`report-uri` and `report-to`
in SECURE_CSP, the `Reporting-Endpoints` header): an injected script, a stylesheet
from elsewhere, or a page of ours that breaks its own policy. Both formats are taken:
`application/csp-report` (report-uri, one report) and `application/reports+json`
(the Reporting API, a list).

What is kept is aggregate (security.models.CspReport): the page without its query
string, the directive, the blocked resource's origin, a count and when it was first
and last seen. Nothing about the person: no address, no browser, no full URL.

The endpoint takes no CSRF token (browsers send none): the one exemption of the site
(docs/security.md). It is harmless: it changes nothing for any user, only counts, and
it is bounded: CSP_REPORTS_PER_MINUTE per client address (429 beyond, dropped),
CSP_REPORT_MAX_BYTES a body (413), CSP_REPORT_MAX_ROWS kinds of report in all
(further new kinds are dropped), and rows not seen for CSP_REPORT_KEEP_DAYS are
deleted whenever a new kind arrives.
"""

import json
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from symbiosis.security.client_ip import client_ip
from symbiosis.security.models import CspReport

REPORT_TYPES = ("application/csp-report", "application/reports+json", "application/json")
# Words browsers send instead of an address (inline script, eval, a data: image…).
KEYWORDS = {"inline", "eval", "data", "blob", "self", "wasm-eval", "trusted-types-policy"}


def reported_violations(payload):
    """(page, directive, blocked) of each violation in a parsed body, in either format."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        report = payload["csp-report"]
        yield _violation(
            report.get("document-uri"),
            report.get("effective-directive") or report.get("violated-directive"),
            report.get("blocked-uri"),
        )
        return
    if isinstance(payload, list):
        for entry in payload:
            if isinstance(entry, dict) and entry.get("type") == "csp-violation":
                body = entry.get("body")
                if isinstance(body, dict):
                    yield _violation(
                        body.get("documentURL") or entry.get("url"),
                        body.get("effectiveDirective") or body.get("violatedDirective"),
                        body.get("blockedURL"),
                    )


def _violation(page, directive, blocked):
    if not (isinstance(page, str) and isinstance(directive, str) and directive.strip()):
        return None
    parts = urlsplit(page)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    # The page without query string or fragment: those can hold search words or tokens.
    document = f"{parts.scheme}://{parts.netloc}{parts.path}"[:500]
    return document, directive.split()[0][:100], _origin(blocked)


def _origin(blocked):
    """The blocked resource's origin, or the browser's keyword: never a path or query."""
    if not isinstance(blocked, str) or not blocked.strip():
        return "-"
    if blocked in KEYWORDS:
        return blocked
    parts = urlsplit(blocked)
    if parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"[:200]
    return (parts.scheme or blocked)[:40]


def _over_the_limit(request):
    minute = int(timezone.now().timestamp() // 60)
    key = f"csp-report:{client_ip(request)}:{minute}"
    if cache.add(key, 1, 90):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, 90)
            count = 1
    return count > settings.CSP_REPORTS_PER_MINUTE


def record(document, directive, blocked):
    """Count one violation: one more on its row, or a new row while there is room."""
    now = timezone.now()
    found = CspReport.objects.filter(
        document_uri=document, violated_directive=directive, blocked_uri=blocked
    )
    if found.update(count=F("count") + 1, last_seen=now):
        return
    # A new kind: the moment to forget old ones (no timer needed for this table).
    CspReport.objects.filter(
        last_seen__lt=now - timedelta(days=settings.CSP_REPORT_KEEP_DAYS)
    ).delete()
    if CspReport.objects.count() >= settings.CSP_REPORT_MAX_ROWS:
        return
    try:
        with transaction.atomic():
            CspReport.objects.create(
                document_uri=document, violated_directive=directive, blocked_uri=blocked
            )
    except IntegrityError:  # another request created it a moment ago
        found.update(count=F("count") + 1, last_seen=now)


@csrf_exempt  # browsers post reports without a token: the site's one exemption (see above)
@require_POST
def csp_report(request):
    if _over_the_limit(request):
        return HttpResponse(status=429)
    if request.content_type not in REPORT_TYPES:
        return HttpResponse(status=415)
    limit = settings.CSP_REPORT_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if declared > limit:
        return HttpResponse(status=413)
    body = request.read(limit + 1)
    if len(body) > limit:
        return HttpResponse(status=413)
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep
        return HttpResponse(status=400)
    violations = [v for v in reported_violations(payload) if v is not None]
    if not violations:
        return HttpResponse(status=400)
    for violation in violations[:10]:  # a Reporting API batch: a few at most
        record(*violation)
    return HttpResponse(status=204)
