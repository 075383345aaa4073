"""The diagram page: today's flows or a year's, of one category or all, drawn and listed."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from exchanges.diagram.markup import build_diagram
from exchanges.diagram.rows import flow_rows
from exchanges.filters import FIRST_YEAR, FlowFilterForm, this_year
from exchanges.models import Category

MILESTONES = [1961, 1975, 1995]


class DiagramView(TemplateView):
    template_name = "exchanges/diagram.html"

    def rows(self, category, year, *, planned=False):
        return flow_rows(category, year, planned=planned)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FlowFilterForm(self.request.GET)
        values = form.values
        category = values.get("category", "")
        # Without a year, or with this one, the diagram shows today's flows.
        year = values.get("year")
        if year == this_year():
            year = None
        # Today's diagram draws the planned flows too (faded, and said so in the legend).
        diagram = build_diagram(self.rows(category, year or this_year(), planned=not year))
        heading = _("Flows in %(year)s") % {"year": year} if year else _("Flows today")
        if category:
            heading = _("%(when)s: %(category)s") % {
                "when": heading,
                "category": Category(category).label,
            }
        path = self.request.path
        flows = {k: v for k, v in (("category", category), ("year", year or this_year())) if v}
        context.update(
            flow_list_url=f"{reverse('exchanges:flows')}?{urlencode(flows)}",
            heading=heading,
            problems=form.problems,
            year=year,
            shown_year=year or this_year(),
            category=category,
            diagram=diagram,
            steps=_year_steps(path, year, category),
            milestones=_milestones(path, year, category),
            first_year=FIRST_YEAR,
            last_year=this_year(),
        )
        return context


def _link(path, year, category):
    params = {k: v for k, v in (("category", category), ("year", year)) if v}
    return f"{path}?{urlencode(params)}" if params else path


def _year_steps(path, year, category):
    """Links one year back and one year on, keeping the category."""
    shown = year or this_year()
    steps = {}
    if shown > FIRST_YEAR:
        steps["previous"] = {"year": shown - 1, "href": _link(path, shown - 1, category)}
    if year is not None:
        following = year + 1
        steps["next"] = {
            "year": following,
            "href": _link(path, None if following == this_year() else following, category),
        }
    return steps


def _milestones(path, year, category):
    links = [
        {"label": str(y), "href": _link(path, y, category), "current": year == y}
        for y in MILESTONES
    ]
    links.append(
        {"label": _("Today"), "href": _link(path, None, category), "current": year is None}
    )
    return links
