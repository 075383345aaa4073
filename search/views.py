"""The results page: /da/soeg/?q=… and /en/search/?q=…[&kind=…][&page=…].

Whatever is typed, the page answers: nothing typed, or nothing searchable, shows
the box and a hint without running a query; an unknown kind shows the overview; a
page number that is not a number shows the first page, one out of range is a 404.
Queries: one for the overview, two for a kind's page (count and page), whatever
the number of hits.
"""

from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.views.generic import TemplateView

from search import queries
from search.documents import SOURCES
from search.highlight import Matcher, hit
from symbiosis.bilingual import active_language

PER_PAGE = 20


def _page_number(value):
    """A page number from the query string: not a number gives the first page."""
    try:
        return int(value or 1)
    except ValueError:
        return 1


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = queries.parse(self.request.GET.get("q", ""))
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in SOURCES else ""
        context.update(query=query, kind=kind, kind_label=SOURCES[kind].label if kind else "")
        if query.is_empty:
            return context
        language = active_language()
        matcher = Matcher(query)
        if kind:
            context.update(self._one_kind(query, kind, language, matcher))
        else:
            context.update(self._overview(query, language, matcher))
        context["suggestions"] = not context["total"]
        return context

    def _overview(self, query, language, matcher):
        groups = {}
        for entry in queries.overview(query, language):
            group = groups.setdefault(
                entry.kind,
                {
                    "kind": entry.kind,
                    "label": SOURCES[entry.kind].label,
                    "total": entry.kind_total,
                    "hits": [],
                    "all_url": "?" + urlencode({"q": query.text, "kind": entry.kind}),
                },
            )
            group["hits"].append(hit(entry, matcher, language))
        ordered = sorted(groups.values(), key=lambda g: SOURCES[g["kind"]].order)
        return {"groups": ordered, "total": sum(g["total"] for g in ordered)}

    def _one_kind(self, query, kind, language, matcher):
        paginator = Paginator(queries.in_kind(query, kind, language), PER_PAGE)
        number = _page_number(self.request.GET.get("page"))
        try:
            page = paginator.page(number)
        except InvalidPage as error:
            raise Http404(str(error)) from None
        return {
            "total": paginator.count,
            "page_obj": page,
            "hits": [hit(e, matcher, language) for e in page.object_list],
            "page_query": urlencode({"q": query.text, "kind": kind}),
            "overview_query": urlencode({"q": query.text}),
        }
