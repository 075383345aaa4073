import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, get_language_info
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from django.views.static import serve

from exchanges.diagram import best_linked, build_diagram, flow_rows
from exchanges.models import ImpactStatement
from news.models import Article
from partners.models import Partner
from symbiosis.addresses import absolute_url
from symbiosis.dates import this_year
from symbiosis.middleware import database_unavailable_response, is_database_unavailable


class HomeView(TemplateView):
    template_name = "symbiosis/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partners"] = list(Partner.objects.published().members().order_by("name"))
        context["headline_figures"] = headline_figures()
        context["latest_articles"] = list(Article.objects.published()[:3])
        # Today's symbiosis, drawn small (for a large one, its best-linked partners);
        # the diagram page has all of it, the filters and the table.
        rows = flow_rows("", this_year())
        shown, all_partners = best_linked(rows)
        diagram = build_diagram(shown, table_limit=0)
        diagram.update(
            is_part=len(shown) < len(rows), all_flows=len(rows), all_partners=all_partners
        )
        context["diagram"] = diagram
        return context


HEADLINE_METRICS = [
    ImpactStatement.Metric.CO2,
    ImpactStatement.Metric.WATER,
    ImpactStatement.Metric.ENERGY,
    ImpactStatement.Metric.MATERIALS,
]


def headline_figures():
    """The latest published figure for each headline metric, with its year and source."""
    latest = {}
    for statement in ImpactStatement.objects.filter(metric__in=HEADLINE_METRICS).order_by(
        "-year", "pk"
    ):
        latest.setdefault(statement.metric, statement)
    return [latest[m] for m in HEADLINE_METRICS if m in latest]


def page_not_found(request, exception):
    """A friendly 404 in the visitor's language; the language links lead to front pages."""
    alternates = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "path": f"/{code}/",
            "switch_path": f"/{code}/",
            "is_current": code == get_language(),
        }
        for code, _name in settings.LANGUAGES
    ]
    context = {"language_alternates": alternates, "is_error_page": True}
    return render(request, "404.html", context, status=404)


def server_error(request):
    """The 500 page, or the 503 page when the error in flight is the database being
    down and it was raised outside a view (DatabaseUnavailableMiddleware answers
    for views): a middleware saving a session, say."""
    if is_database_unavailable(sys.exception()):
        return database_unavailable_response()
    return defaults.server_error(request)


# Shown in the browser: the raster images the site itself puts in pages. Anything else
# under MEDIA_ROOT (a PDF, or a file someone dropped there by hand: HTML, SVG, a script)
# is a download, so it can never run as a page of this origin.
MEDIA_INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"}
# Opened directly, an upload gets no scripts, no plugins, no forms, no framing and an
# origin of its own (sandbox); in an <img> the page's own policy applies instead.
MEDIA_CSP = "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'none'"


def media(request, path):
    """Uploads, for the one-machine setup (SERVE_MEDIA); nginx or object storage otherwise.

    Hidden files, folders and anything outside MEDIA_ROOT (`..`, a link out) are
    not found, never a 400 that tells the path was understood.
    """
    root = Path(settings.MEDIA_ROOT).resolve()
    parts = path.replace("\\", "/").split("/")
    if "\x00" in path or any(part.startswith(".") for part in parts):
        raise Http404
    try:
        if not (root / path).resolve().is_relative_to(root):
            raise Http404
        response = serve(request, path, document_root=root)
    except (SuspiciousFileOperation, ValueError, OSError):
        raise Http404 from None
    if response.status_code == 200:
        # The stored bytes as they are: a .gz or .br is not unpacked by the browser.
        response.headers.pop("Content-Encoding", None)
        content_type = response.headers["Content-Type"].split(";")[0]
        if content_type not in MEDIA_INLINE_TYPES:
            if content_type != "application/pdf":
                response.headers["Content-Type"] = "application/octet-stream"
            response.headers["Content-Disposition"] = content_disposition_header(
                as_attachment=True, filename=PurePosixPath(path).name
            )
    response.headers["Content-Security-Policy"] = MEDIA_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# security.txt says how long it holds; worked out on each request, so it never runs out
# while the site answers, and RFC 9116 asks for less than a year.
SECURITY_TXT_VALID = timedelta(days=180)


@require_safe
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability."""
    contact = settings.SECURITY_CONTACT or settings.SECRETARIAT["email"]
    expires = (datetime.now(UTC) + SECURITY_TXT_VALID).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{contact}",
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: da, en",
        f"Canonical: {absolute_url(request, request.path)}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
