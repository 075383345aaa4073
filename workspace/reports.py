"""Reports: "our part in the symbiosis" for one organisation and year, and the
secretariat's table of the whole symbiosis for a year (workspace/admin_reports.py).

`build(year, partner=None)` reads the flows running that year (two queries, whatever
their number) into named rows; the page, the CSV, the XLSX and the PDF
(workspace/report_files.py) all show those same rows. Avoided CO₂e is the flow's
yearly figure's `co2_avoided_t` with its source when there is one; otherwise, when a
documented factor of workspace/esrs.py fits the resource and unit, it is computed
from the quantity and marked as computed; otherwise there is none.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from exchanges.models import YEAR_VALIDATORS, Category, Flow, FlowFigure
from exchanges.units import BASE_UNIT, Quantity, UnitMismatch, total
from symbiosis import dates
from workspace import esrs
from workspace.access import OrganisationMixin


def format_decimal(value):
    """A number in the active language's style, every decimal kept up to three:
    12.000,5 (da), 12,000.5 (en)."""
    value = Decimal(value).quantize(Decimal("0.001"))
    places = max(0, -value.normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class ReportRow:
    """One flow in the report, seen from the organisation's end (or, in the
    secretariat's table, from neither: `direction` is "")."""

    flow_id: int
    direction: str  # esrs.INFLOW, esrs.OUTFLOW or ""
    category: str
    resource: str
    supplier: str
    receiver: str
    counterpart: str
    quantity: Quantity | None
    figure_source: str
    co2_t: Decimal | None
    co2_method: str
    co2_computed: bool
    factor: esrs.Factor | None
    datapoints: tuple

    @property
    def quantity_text(self):
        return format_decimal(self.quantity.value) if self.quantity else ""

    @property
    def unit_text(self):
        return self.quantity.unit.label if self.quantity else ""

    @property
    def co2_text(self):
        return format_decimal(self.co2_t) if self.co2_t is not None else ""

    @property
    def datapoint_ids(self):
        return ", ".join(d.id for d in self.datapoints)


@dataclass(frozen=True)
class Total:
    category: str
    label: str
    quantities: tuple  # one Quantity per dimension, in its base unit
    flows: int
    without_figure: int

    @property
    def text(self):
        return " + ".join(f"{format_decimal(q.value)}\u00a0{q.unit.label}" for q in self.quantities)


@dataclass
class Report:
    year: int
    partner: object  # None for the whole symbiosis
    inflows: list = field(default_factory=list)
    outflows: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # the whole symbiosis: every flow
    made: object = None

    @property
    def all_rows(self):
        return self.inflows + self.outflows + self.rows

    @property
    def is_empty(self):
        return not self.all_rows

    @property
    def factors_used(self):
        seen = {}
        for row in self.all_rows:
            if row.factor is not None:
                seen[row.factor.key] = row.factor
        return list(seen.values())

    @property
    def computed_count(self):
        return sum(1 for row in self.all_rows if row.co2_computed)

    @property
    def co2_total(self):
        values = [row.co2_t for row in self.all_rows if row.co2_t is not None]
        return format_decimal(sum(values)) if values else ""

    @property
    def datapoints(self):
        """Every datapoint the report's figures can support, once, in order."""
        seen = {}
        for row in self.all_rows:
            for datapoint in row.datapoints:
                seen.setdefault(datapoint.id, datapoint)
        return sorted(seen.values(), key=lambda d: d.id)

    @property
    def totals(self):
        return totals_by_category(self.rows or self.all_rows)


def totals_by_category(rows):
    """Per category, the quantities added up unit-safely: one sum per dimension, in
    its base unit (t, m³, MWh); never tonnes plus MWh."""
    by_category = defaultdict(lambda: defaultdict(list))
    counts = defaultdict(lambda: [0, 0])
    for row in rows:
        counts[row.category][0] += 1
        if row.quantity is None:
            counts[row.category][1] += 1
            continue
        by_category[row.category][row.quantity.dimension].append(row.quantity)
    result = []
    for category in Category:
        if category not in counts:
            continue
        quantities = []
        for dimension, parts in by_category[category].items():
            try:
                quantities.append(total(parts, BASE_UNIT[dimension]))
            except UnitMismatch:  # pragma: no cover - grouped by dimension above
                continue
        flows, without = counts[category]
        result.append(Total(category, str(category.label), tuple(quantities), flows, without))
    return result


def flows_of(year, partner=None):
    """The flows running in `year` or with a realised figure for it, each with
    `year_figures` (that year's realised figure, 0 or 1)."""
    figures = FlowFigure.objects.realised().filter(year=year)
    flows = Flow.objects.filter(
        Q(pk__in=Flow.objects.in_year(year).values("pk")) | Q(pk__in=figures.values("flow"))
    )
    if partner is not None:
        flows = flows.filter(Q(supplier=partner) | Q(receiver=partner))
    return (
        flows.with_related()
        .prefetch_related(Prefetch("figures", queryset=figures, to_attr="year_figures"))
        .order_by("resource__category", "resource__name_da", "pk")
    )


def row_for(flow, direction):
    figure = flow.year_figures[0] if flow.year_figures else None
    quantity = figure.amount if figure is not None else None
    co2, method, computed, factor = None, "", False, None
    if figure is not None and figure.co2_avoided_t is not None:
        co2 = figure.co2_avoided_t
        method = figure.source
    elif quantity is not None:
        factor = esrs.factor_for(flow.resource.slug, quantity.unit)
        if factor is not None:
            co2 = esrs.computed_co2(factor, quantity)
            computed = True
            method = _("Computed: %(quantity)s × %(factor)s (%(source)s)") % {
                "quantity": f"{format_decimal(quantity.value)} {quantity.unit.label}",
                "factor": factor.shown,
                "source": factor.source,
            }
    if direction == esrs.INFLOW:
        counterpart = flow.supplier.name
    elif direction == esrs.OUTFLOW:
        counterpart = flow.receiver.name
    else:
        counterpart = ""
    datapoints = ()
    if direction:
        datapoints = esrs.datapoints_for(direction, flow.resource.category)
    else:
        datapoints = esrs.datapoints_for(esrs.INFLOW, flow.resource.category) + (
            esrs.datapoints_for(esrs.OUTFLOW, flow.resource.category)
        )
    return ReportRow(
        flow_id=flow.pk,
        direction=direction,
        category=flow.resource.category,
        resource=str(flow.resource.name),
        supplier=flow.supplier.name,
        receiver=flow.receiver.name,
        counterpart=counterpart,
        quantity=quantity,
        figure_source=figure.source if figure is not None else "",
        co2_t=co2,
        co2_method=method,
        co2_computed=computed,
        factor=factor,
        datapoints=datapoints,
    )


def build(year, partner=None):
    report = Report(year=year, partner=partner, made=timezone.localdate())
    for flow in flows_of(year, partner):
        if partner is None:
            report.rows.append(row_for(flow, ""))
        elif flow.receiver_id == partner.pk:
            report.inflows.append(row_for(flow, esrs.INFLOW))
        else:
            report.outflows.append(row_for(flow, esrs.OUTFLOW))
    return report


def years_for(partner=None):
    """The years with yearly figures (or answers to a data round) for the
    organisation's flows, latest first; for the whole symbiosis, of every flow."""
    figures = FlowFigure.objects.realised()
    if partner is not None:
        figures = figures.filter(Q(flow__supplier=partner) | Q(flow__receiver=partner))
    years = set(figures.order_by().values_list("year", flat=True).distinct())
    if partner is not None:
        years |= set(partner.round_answers.order_by().values_list("round__year", flat=True))
    return sorted(years, reverse=True)


def check_year(year):
    """A year a report may be asked for: 1900…this year; Http404 otherwise."""
    low, high = YEAR_VALIDATORS[0].limit_value, dates.this_year()
    if not low <= year <= high:
        raise Http404(_("There is no report for this year."))
    return year


class ReportView(OrganisationMixin, TemplateView):
    """The organisation's report for a year, with its three files. Three queries
    (membership, flows, their figures) and the year list, whatever the number of flows."""

    template_name = "workspace/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = check_year(kwargs["year"])
        context["report"] = build(year, self.partner)
        context["years"] = years_for(self.partner)
        context["esrs_source"] = esrs.SOURCE
        context["esrs_source_url"] = esrs.SOURCE_URL
        context["formats"] = FORMATS
        return context


FORMATS = (("pdf", "PDF"), ("xlsx", "Excel (XLSX)"), ("csv", "CSV"))
