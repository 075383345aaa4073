from django.views.generic import DetailView, ListView

from exchanges.diagram.rows import rows_of
from exchanges.filters import FlowFilterForm, apply_flow_filters
from exchanges.models import Flow
from exchanges.units import Unit, UnitMismatch


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
        # Pagination links keep the valid filters.
        context["filter_query"] = "&".join(
            f"{name}={value}" for name, value in self.filter_form.values.items()
        )
        return context


def bar_chart(figures, unit, *, width=600, height=220, pad=40):
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
        bars.append((figure.year, value))
    if not bars:
        return None
    top = max(value for _year, value in bars) or 1
    slot = (width - pad) / len(bars)
    bar_width = min(60, slot * 0.7)
    drawn = []
    for index, (year, value) in enumerate(bars):
        bar_height = float(value / top) * (height - 2 * pad)
        x = pad + index * slot + (slot - bar_width) / 2
        drawn.append(
            {
                "year": year,
                "value": value,
                "x": round(x, 1),
                "y": round(height - pad - bar_height, 1),
                "width": round(bar_width, 1),
                "height": round(bar_height, 1),
                "label_x": round(x + bar_width / 2, 1),
                "value_y": round(height - pad - bar_height - 6, 1),
            }
        )
    return {
        "bars": drawn,
        "unit": Unit(unit).label,
        "width": width,
        "height": height,
        "baseline": height - pad,
        "year_y": height - pad + 18,
    }


class FlowDetailView(DetailView):
    template_name = "exchanges/flow_detail.html"
    context_object_name = "flow"

    def get_queryset(self):
        return Flow.objects.published().with_related().prefetch_related("figures")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = list(self.object.figures.all())
        context["figures"] = figures
        context["chart"] = bar_chart(
            [f for f in figures if f.kind == f.Kind.REALISED], self.object.resource.default_unit
        )
        # The way back, for two-way pairs: flows from the receiver to the supplier.
        context["reverse_flows"] = (
            Flow.objects.published()
            .filter(supplier=self.object.receiver, receiver=self.object.supplier)
            .select_related("resource")
        )
        return context
