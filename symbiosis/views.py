from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language, get_language_info
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django.views.static import serve

from exchanges.diagram import build_diagram, flow_rows
from exchanges.filters import this_year
from exchanges.models import ImpactStatement
from news.models import Article
from partners.models import Partner


class HomeView(TemplateView):
    template_name = "symbiosis/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partners"] = list(Partner.objects.published().members().order_by("name"))
        context["headline_figures"] = headline_figures()
        context["latest_articles"] = list(Article.objects.published()[:3])
        # Today's symbiosis, drawn small; the diagram page has the filters and the table.
        context["diagram"] = build_diagram(flow_rows("", this_year()))
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


def media(request, path):
    """Uploads, for the one-machine setup (SERVE_MEDIA); nginx or object storage otherwise."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


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
