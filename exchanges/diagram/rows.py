"""Flows as named rows: what the diagram, the flow list and the partner page show of a flow.

One query fetches a set of flows with their partners and resources as plain
values: thousands of model instances (a flow, two partners and a resource
each) cost more than the rest of the page. Each partner and each resource is
made once, however many flows it takes part in.
"""

from dataclasses import dataclass

from django.urls import reverse

from exchanges.filters import apply_flow_filters
from exchanges.models import Category, Flow
from symbiosis.bilingual import Bilingual

# The front page draws at most this many partners (the best linked) and their flows.
HOME_PARTNER_LIMIT = 30

# What the one query fetches, in the order `rows_of` reads it.
COLUMNS = (
    "pk",
    "supplier_id",
    "supplier__name",
    "supplier__slug",
    "supplier__diagram_x",
    "supplier__diagram_y",
    "receiver_id",
    "receiver__name",
    "receiver__slug",
    "receiver__diagram_x",
    "receiver__diagram_y",
    "resource_id",
    "resource__name_da",
    "resource__name_en",
    "resource__category",
    "year_started",
    "year_ended",
    "status",
)


@dataclass(frozen=True, slots=True)
class PartnerRow:
    """A partner at one end of a flow."""

    pk: int
    name: str
    url: str
    pin: tuple[int, int] | None = None  # the secretariat's place in the diagram, 0–1000 each way


@dataclass(frozen=True, slots=True)
class ResourceRow:
    """What flows. `name` is the active language's, falling back to Danish."""

    pk: int
    name_da: str
    name_en: str
    category: Category

    name = Bilingual("name")


@dataclass(frozen=True, slots=True)
class FlowRow:
    """A published flow: what from whom to whom, and when."""

    pk: int
    url: str
    supplier: PartnerRow
    receiver: PartnerRow
    resource: ResourceRow
    year_started: int | None
    year_ended: int | None
    status: Flow.Status

    @property
    def category(self):
        return self.resource.category

    @property
    def ended_in(self):
        """The last year of a flow that has ended, when known."""
        return self.year_ended if self.status == Flow.Status.ENDED else None

    @classmethod
    def from_flow(cls, flow):
        """The row of a flow fetched as a model, its resource and partners with it."""
        resource = flow.resource
        return cls(
            pk=flow.pk,
            url=flow.get_absolute_url(),
            supplier=_partner_of(flow.supplier),
            receiver=_partner_of(flow.receiver),
            resource=ResourceRow(
                resource.pk, resource.name_da, resource.name_en, Category(resource.category)
            ),
            year_started=flow.year_started,
            year_ended=flow.year_ended,
            status=Flow.Status(flow.status),
        )


def _partner_of(partner):
    pin = (partner.diagram_x, partner.diagram_y)
    return PartnerRow(partner.pk, partner.name, partner.get_absolute_url(), _pin(*pin))


def _pin(x, y):
    return (x, y) if x is not None and y is not None else None


def url_maker(viewname, kwarg):
    """A function pk_or_slug → URL that reverses once, not once per row: reversing
    thousands of flows one by one took longer than the rest of the page."""
    marker = "0000marker0000" if kwarg == "slug" else 987654321
    head, tail = reverse(viewname, kwargs={kwarg: marker}).split(str(marker))
    return lambda value: f"{head}{value}{tail}"


def rows_of(flows):
    """The flows of the queryset `flows`, in its order, as `FlowRow`s, in one query."""
    partner_url = url_maker("partners:detail", "slug")
    flow_url = url_maker("exchanges:flow", "pk")
    partners = {}
    resources = {}
    statuses = {status.value: status for status in Flow.Status}
    rows = []
    for values in flows.values_list(*COLUMNS):
        pk, supplier, receiver, resource = values[0], values[1:6], values[6:11], values[11:15]
        ends = []
        for key, name, slug, x, y in (supplier, receiver):
            partner = partners.get(key)
            if partner is None:
                partner = partners[key] = PartnerRow(key, name, partner_url(slug), _pin(x, y))
            ends.append(partner)
        found = resources.get(resource[0])
        if found is None:
            key, name_da, name_en, category = resource
            found = resources[key] = ResourceRow(key, name_da, name_en, Category(category))
        started, ended, status = values[15:]
        rows.append(FlowRow(pk, flow_url(pk), *ends, found, started, ended, statuses[status]))
    return rows


def flow_rows(category, year, *, planned=False):
    """The published flows running in `year` (of `category`, if given), in no set
    order; with `planned`, the published planned flows too (today's diagram draws
    them apart). Also used by the front page's small diagram."""
    values = {"category": category, "year": year} if category else {"year": year}
    flows = apply_flow_filters(Flow.objects.published(), values)
    if planned:
        kind = {"category": category} if category else {}
        flows = flows | apply_flow_filters(Flow.objects.published(), kind).filter(
            status=Flow.Status.PLANNED
        )
    return rows_of(flows.order_by())


def best_linked(rows, limit=HOME_PARTNER_LIMIT):
    """The flows among the `limit` partners linked to the most others (ties: more
    flows, then the partner's id), for a small drawing of a large symbiosis; all
    of `rows` when they join no more partners than that. Returns (those rows, the
    number of partners in all of `rows`)."""
    neighbours = {}
    flows = {}
    for row in rows:
        supplier, receiver = row.supplier.pk, row.receiver.pk
        for one, other in ((supplier, receiver), (receiver, supplier)):
            neighbours.setdefault(one, set()).add(other)
            flows[one] = flows.get(one, 0) + 1
    if len(neighbours) <= limit:
        return rows, len(neighbours)
    ranked = sorted(neighbours, key=lambda key: (-len(neighbours[key]), -flows[key], key))
    chosen = set(ranked[:limit])
    return [row for row in rows if row.supplier.pk in chosen and row.receiver.pk in chosen], len(
        neighbours
    )
