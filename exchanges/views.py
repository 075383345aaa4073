from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from exchanges.charts import Bar, Frame, bar_chart
from exchanges.diagram.rows import rows_of
from exchanges.filters import FlowFilterForm, apply_flow_filters
from exchanges.models import Flow
from exchanges.units import Unit, UnitMismatch
from symbiosis.seo import DESCRIPTION_LENGTH, shorten


class FlowListView(ListView):
    template_name = "exchanges/flow_list.html"
    context_object_name = "flows"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = FlowFilterForm(self.request.GET)
        flows = Flow.objects.published().order_by("resource__category", "year_started", "pk")
        return apply_flow_filters(flows, self.filter_form.values)

    def paginate_queryset(self, queryset, page_size):
        # The page's flows as rows, fetched in one query with their partners and resources.
        paginator, page, flows, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = rows_of(flows)
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["is_filtered"] = bool(self.filter_form.values)
        # Pagination links keep the valid filters: the link to a page is this and its number.
        filters = "".join(f"{name}={value}&" for name, value in self.filter_form.values.items())
        context["page_link"] = f"?{filters}page="
        return context


# The flow page's chart: the largest figure reaches the top, each bar has its value.
CHART = Frame(
    width=600,
    height=220,
    left=40,
    right=0,
    top=40,
    bottom=40,
    widest_bar=60,
    fill=0.7,
    year_below=18,
    scale=False,
    fit_labels=False,
)


def quantity_chart(figures, unit):
    """Bars for each year's quantity, converted to `unit`; figures in another dimension
    are left out of the chart (the table beside it still lists them)."""
    bars = []
    for figure in figures:
        if figure.amount is None:
            continue
        try:
            value = figure.amount.to(unit).value
        except UnitMismatch:
            continue
        bars.append(Bar(year=figure.year, value=value, label=floatformat(value, "0g")))
    return bar_chart(bars, CHART, unit=Unit(unit)) if bars else None


class FlowDetailView(DetailView):
    template_name = "exchanges/flow_detail.html"
    context_object_name = "flow"

    def get_queryset(self):
        return Flow.objects.published().with_related().prefetch_related("figures")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        flow = self.object
        figures = list(flow.figures.all())
        # The page's description: its story, or what flows from whom to whom.
        context["description"] = (
            shorten(flow.story, DESCRIPTION_LENGTH)
            if flow.story
            else _("%(resource)s from %(supplier)s to %(receiver)s in Kalundborg Symbiosis.")
            % {
                "resource": flow.resource.name,
                "supplier": flow.supplier.name,
                "receiver": flow.receiver.name,
            }
        )
        context["figures"] = figures
        context["chart"] = quantity_chart(
            [f for f in figures if f.kind == f.Kind.REALISED], self.object.resource.default_unit
        )
        # The way back, for two-way pairs: flows from the receiver to the supplier.
        context["reverse_flows"] = (
            Flow.objects.published()
            .filter(supplier=self.object.receiver, receiver=self.object.supplier)
            .select_related("resource")
        )
        return context
