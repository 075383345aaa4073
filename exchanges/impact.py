"""What the symbiosis saves: published figures beside totals computed from the flows.

Two kinds of number, never merged into one:

- *published*: an `ImpactStatement`, a total someone published for a year, with
  its source and method (an LCA, a press release…);
- *computed*: the sum of the realised yearly figures (`FlowFigure`) of the
  published flows on this site, per year. It covers only the flows that have
  figures here, so it is a partial count.

Sums are unit-safe (`exchanges.units.total`): kWh, MWh, GWh and GJ of energy add
up in MWh; energy flows measured in tonnes (steam) or m³ (gas) are left out of
the energy total and counted as such, never converted by guesswork.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Sum
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from exchanges.charts import Bar, Frame, bar_chart
from exchanges.models import Category, Flow, FlowFigure, ImpactStatement
from exchanges.units import BASE_UNIT, Dimension, Quantity, Unit, dimension_of, total

# The metrics, by the key that also names their section on the page (#co2…).
CO2 = "co2"
WATER = "water"
ENERGY = "energy"
MATERIALS = "materials"
MONEY = "money"


# ---------------------------------------------------------------------------
# Computation


@dataclass
class ComputedTotal:
    """One metric's total for one year, computed from the flows' yearly figures."""

    year: int
    quantity: Quantity
    figures: int  # how many yearly figures were added up


def realised_figures():
    """The realised yearly figures of published flows, added up by the database per
    year, unit and category (one query, a few dozen rows however many figures).

    Grouping by unit keeps the sums unit-safe: kWh are added to kWh only, and
    converted in Python afterwards.
    """
    return (
        FlowFigure.objects.realised()
        .filter(flow__in=Flow.objects.published())
        .values("year", "unit", category=F("flow__resource__category"))
        .annotate(
            quantity_sum=Sum("quantity"),
            quantities=Count("quantity"),
            co2=Sum("co2_avoided_t"),
            co2_figures=Count("co2_avoided_t"),
            water=Sum("water_saved_m3"),
            water_figures=Count("water_saved_m3"),
        )
        .order_by()
    )


def computed_totals(groups=None):
    """Per metric and year, the sum of the flows' realised yearly figures.

    Returns `(totals, left_out)`: `totals[metric][year]` is a `ComputedTotal` in
    the metric's base unit (t, m³, MWh); `left_out[metric][year]` counts the
    figures of that metric's category whose unit cannot be added to it (steam in
    tonnes for energy, say). A year without figures has no entry: no figure is
    not the same as zero.
    """
    groups = realised_figures() if groups is None else groups
    parts = defaultdict(lambda: defaultdict(list))
    counts = defaultdict(lambda: defaultdict(int))
    left_out = defaultdict(lambda: defaultdict(int))
    for group in groups:
        year = group["year"]
        for metric, value, unit, figures in (
            (CO2, group["co2"], Unit.T, group["co2_figures"]),
            (WATER, group["water"], Unit.M3, group["water_figures"]),
        ):
            if figures:
                parts[metric][year].append(Quantity(value, unit))
                counts[metric][year] += figures
        if not group["quantities"] or not group["unit"]:
            continue
        for metric, category, dimension in (
            (ENERGY, Category.ENERGY, Dimension.ENERGY),
            (MATERIALS, Category.MATERIAL, Dimension.MASS),
        ):
            if group["category"] != category:
                continue
            if dimension_of(group["unit"]) == dimension:
                parts[metric][year].append(Quantity(group["quantity_sum"], group["unit"]))
                counts[metric][year] += group["quantities"]
            else:
                left_out[metric][year] += group["quantities"]
    base = {CO2: Unit.T, WATER: Unit.M3, ENERGY: Unit.MWH, MATERIALS: Unit.T}
    totals = {
        metric: {
            year: ComputedTotal(year, total(quantities, base[metric]), counts[metric][year])
            for year, quantities in sorted(by_year.items())
        }
        for metric, by_year in parts.items()
    }
    return totals, left_out


# ---------------------------------------------------------------------------
# Presentation: numbers for the language, units a reader expects, SVG charts


def format_number(value):
    """A number for the active language: 635.000 (da), 635,000 (en), 2,5 / 2.5.

    Large numbers without decimals; small ones with up to two or three,
    trailing zeros dropped.
    """
    value = Decimal(value)
    places = 0 if abs(value) >= 100 else 2 if abs(value) >= 1 else 3
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    decimals = max(0, -rounded.normalize().as_tuple().exponent)
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def readable(quantity):
    """The quantity in the unit a reader expects: 140,000 MWh reads as 140 GWh."""
    if quantity.dimension == Dimension.ENERGY:
        mwh = quantity.to(Unit.MWH)
        return mwh.to(Unit.GWH) if abs(mwh.value) >= 1000 else mwh
    return quantity


def format_quantity(quantity):
    """'635.000 t' with a no-break space, so the unit never ends up alone on a line."""
    return f"{format_number(quantity.value)}\u00a0{quantity.unit.label}"


def chart_unit(quantities):
    """One unit for every bar of a chart, chosen from the largest."""
    largest = max(quantities, key=lambda q: q.to(BASE_UNIT[q.dimension]).value)
    return readable(largest).unit


@dataclass
class Row:
    """One line of a metric's table: a computed or a published figure."""

    year: int
    kind: str
    quantity: Quantity
    statement: ImpactStatement | None = None
    figures: int = 0
    left_out: int = 0
    flows_url: str = ""

    @property
    def value(self):
        return format_quantity(self.quantity)


@dataclass
class Section:
    key: str
    title: str
    computed_label: str  # what the computed number is, e.g. "energy exchanged"
    published_label: str
    rows: list
    charts: list
    computes: bool  # whether this metric is computed from flows at all

    @property
    def labels_differ(self):
        """Energy exchanged is not energy saved: then every row says which it is."""
        return self.computes and self.computed_label.lower() != self.published_label.lower()

    @property
    def latest_published(self):
        """Every figure published for the latest year (money comes as two: companies, society)."""
        published = [r for r in self.rows if r.kind == "published"]
        return [r for r in published if r.year == published[-1].year] if published else []

    @property
    def latest_computed(self):
        return next((r for r in reversed(self.rows) if r.kind == "computed"), None)


# key, heading, what a computed total is (None: not computed from flows), and the
# category of flows its table links to.
METRICS = [
    (CO2, gettext_lazy("CO₂ avoided"), gettext_lazy("CO₂ avoided"), None),
    (WATER, gettext_lazy("Water saved"), gettext_lazy("water saved"), None),
    (ENERGY, gettext_lazy("Energy"), gettext_lazy("energy exchanged"), Category.ENERGY),
    (MATERIALS, gettext_lazy("Materials"), gettext_lazy("materials exchanged"), Category.MATERIAL),
    (MONEY, gettext_lazy("Money saved"), None, None),
]


def flows_url(year, category):
    query = {"year": year}
    if category:
        query["category"] = category
    return f"{reverse('exchanges:flows')}?{urlencode(query)}"


def build_sections(statements, totals, left_out):
    sections = []
    for key, title, computed_label, category in METRICS:
        rows = []
        for year, computed in totals.get(key, {}).items():
            rows.append(
                Row(
                    year=year,
                    kind="computed",
                    quantity=readable(computed.quantity),
                    figures=computed.figures,
                    left_out=left_out.get(key, {}).get(year, 0),
                    flows_url=flows_url(year, category),
                )
            )
        for statement in statements:
            if statement.metric == key:
                rows.append(
                    Row(
                        year=statement.year,
                        kind="published",
                        quantity=statement.amount,  # as published: 3,600 GJ stays GJ
                        statement=statement,
                    )
                )
        # By year; in a year the computed total first, then what was published.
        rows.sort(key=lambda r: (r.year, r.kind != "computed"))
        published_label = ImpactStatement.Metric(key).label
        sections.append(
            Section(
                key=key,
                title=str(title),
                computed_label=str(computed_label or ""),
                published_label=str(published_label),
                rows=rows,
                charts=charts_for(key, str(title), rows),
                computes=computed_label is not None,
            )
        )
    return sections


# The impact page's charts: a scale of round steps, bars side by side in a year.
CHART = Frame(
    width=720, height=320, left=96, right=16, top=32, bottom=40, widest_bar=48.0, fill=0.8, gap=2
)


def charts_for(key, title, rows):
    """One chart per dimension (money may come in EUR and in DKK: never on one axis)."""
    by_dimension = defaultdict(list)
    for row in rows:
        by_dimension[row.quantity.dimension].append(row)
    charts = []
    for dimension, dimension_rows in by_dimension.items():
        unit = chart_unit([r.quantity for r in dimension_rows])
        bars = []
        for row in dimension_rows:
            if row.kind == "computed":
                origin = _("computed from the flows on this site")
            else:
                origin = _("published by %(source)s") % {"source": row.statement.source}
            bars.append(
                Bar(
                    year=row.year,
                    value=row.quantity.to(unit).value,
                    kind=row.kind,
                    label=format_number(row.quantity.to(unit).value),
                    title=f"{row.year}: {row.value}, {origin}",
                    origin=origin,
                )
            )
        chart_id = f"chart-{key}" if len(by_dimension) == 1 else f"chart-{key}-{dimension}"
        heading = _("%(what)s per year, in %(unit)s") % {"what": title, "unit": unit.label}
        charts.append(
            bar_chart(bars, CHART, tick_label=format_number, id=chart_id, title=heading, unit=unit)
        )
    return charts


class ImpactView(TemplateView):
    """Two queries whatever the number of flows and figures."""

    template_name = "exchanges/impact.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statements = list(ImpactStatement.objects.all())
        totals, left_out = computed_totals()
        context["sections"] = build_sections(statements, totals, left_out)
        context["flows_url"] = reverse("exchanges:flows")
        return context
