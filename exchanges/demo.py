"""Demo resources, flows, yearly figures and published impact figures.

Facts and figures from published sources, each figure with its source:
NAP = National Academies Press record 4982, pp. 117–123; EMF = Ellen MacArthur
Foundation case study and the paper "Modelling CO2 savings and economic benefits
for the Kalundborg Symbiosis" (2018). Stories are in our own words. Where a
source gives one figure for several flows, it is kept on one flow and the
source text says so, rather than split by guesswork.

The app's models are reached as `models.X`: the plain names are the demo's records.
"""

from dataclasses import dataclass
from decimal import Decimal

from exchanges import models
from exchanges.models import Category
from exchanges.units import Unit
from partners.models import Partner
from symbiosis.demo import upsert, upsert_record

NAP = "National Academies Press, record 4982, pp. 117–123"
NAP_URL = "https://nap.nationalacademies.org/read/4982/chapter/12"
EMF = "Ellen MacArthur Foundation, case study of Kalundborg Symbiosis (LCA, 2018)"
EMF_URL = "https://www.ellenmacarthurfoundation.org/circular-examples/kalundborg-symbiosis"

ACTIVE = models.Flow.Status.ACTIVE
PLANNED = models.Flow.Status.PLANNED
Metric = models.ImpactStatement.Metric


@dataclass(frozen=True)
class Resource:
    slug: str
    name_da: str
    name_en: str
    category: str
    default_unit: str


@dataclass(frozen=True)
class Receiver:
    """An organisation that receives a flow but is not a member: on the diagram, not in the
    member lists. Its English name is kept where a member has its sector."""

    slug: str
    name_da: str
    name_en: str
    summary_da: str
    summary_en: str


@dataclass(frozen=True)
class FlowFigure:
    """A realised yearly figure, as its source gives it."""

    year: int
    quantity: Decimal
    unit: str
    source: str
    source_url: str = ""
    co2_avoided_t: Decimal | None = None
    water_saved_m3: Decimal | None = None


@dataclass(frozen=True)
class Flow:
    supplier: str  # partner slug
    receiver: str  # partner slug
    resource: str  # resource slug
    year_started: int
    story_da: str
    story_en: str
    status: str = ACTIVE
    year_ended: int | None = None
    figures: tuple[FlowFigure, ...] = ()


@dataclass(frozen=True)
class FlowRef:
    """A flow named by its ends and resource, for the other demos that link to flows."""

    supplier: str
    receiver: str
    resource: str


@dataclass(frozen=True)
class ImpactStatement:
    """A published figure for the whole symbiosis."""

    year: int
    metric: str
    value: Decimal
    unit: str
    note_da: str
    note_en: str
    source: str
    source_url: str = ""


RESOURCES = [
    Resource(
        slug="steam", name_da="Damp", name_en="Steam", category=Category.ENERGY, default_unit=Unit.T
    ),
    Resource(
        slug="district-heating",
        name_da="Fjernvarme",
        name_en="District heating",
        category=Category.ENERGY,
        default_unit=Unit.MWH,
    ),
    Resource(
        slug="electricity",
        name_da="El",
        name_en="Electricity",
        category=Category.ENERGY,
        default_unit=Unit.GWH,
    ),
    Resource(
        slug="refinery-gas",
        name_da="Raffinaderigas",
        name_en="Refinery gas",
        category=Category.ENERGY,
        default_unit=Unit.M3,
    ),
    Resource(
        slug="biogas",
        name_da="Biogas",
        name_en="Biogas",
        category=Category.ENERGY,
        default_unit=Unit.M3,
    ),
    Resource(
        slug="surface-water",
        name_da="Overfladevand",
        name_en="Surface water",
        category=Category.WATER,
        default_unit=Unit.M3,
    ),
    Resource(
        slug="cooling-water",
        name_da="Kølevand",
        name_en="Cooling water",
        category=Category.WATER,
        default_unit=Unit.M3,
    ),
    Resource(
        slug="treated-effluent",
        name_da="Renset spildevand",
        name_en="Treated effluent",
        category=Category.WATER,
        default_unit=Unit.M3,
    ),
    Resource(
        slug="gypsum",
        name_da="Gips",
        name_en="Gypsum",
        category=Category.MATERIAL,
        default_unit=Unit.T,
    ),
    Resource(
        slug="fly-ash",
        name_da="Flyveaske",
        name_en="Fly ash",
        category=Category.MATERIAL,
        default_unit=Unit.T,
    ),
    Resource(
        slug="sludge-fertiliser",
        name_da="Bioslam (NovoGro)",
        name_en="Biological sludge (NovoGro)",
        category=Category.MATERIAL,
        default_unit=Unit.T,
    ),
    Resource(
        slug="yeast-slurry",
        name_da="Gærslam",
        name_en="Yeast slurry",
        category=Category.MATERIAL,
        default_unit=Unit.T,
    ),
    Resource(
        slug="biomass",
        name_da="Biomasse",
        name_en="Biomass",
        category=Category.MATERIAL,
        default_unit=Unit.T,
    ),
]

RECEIVERS = [
    Receiver(
        slug="local-farms",
        name_da="Landbrug i området",
        name_en="Local farms",
        summary_da="Landmænd omkring Kalundborg, der bruger restprodukter som gødning og foder.",
        summary_en="Farmers around Kalundborg who use residues as fertiliser and feed.",
    ),
    Receiver(
        slug="cement-industry",
        name_da="Cementindustrien",
        name_en="Cement industry",
        summary_da="Cementproduktion, der bruger flyveaske som råstof.",
        summary_en="Cement production that uses fly ash as a raw material.",
    ),
]

FLOWS = [
    Flow(
        supplier="kalundborg-forsyning",
        receiver="kalundborg-refinery",
        resource="surface-water",
        year_started=1961,
        story_da="Rørledningen fra Tissø gav raffinaderiet overfladevand i stedet for grundvand; den første forbindelse i Symbiosen.",
        story_en="The pipeline from Lake Tissø gave the refinery surface water instead of groundwater: the symbiosis's first link.",
    ),
    Flow(
        supplier="kalundborg-refinery",
        receiver="saint-gobain-gyproc",
        resource="refinery-gas",
        year_started=1972,
        story_da="Overskydende gas fra raffinaderiet blev brugt til at tørre gipsplader hos nabofabrikken.",
        story_en="Surplus gas from the refinery dried plasterboard at the factory next door.",
    ),
    Flow(
        supplier="novo-nordisk",
        receiver="local-farms",
        resource="sludge-fertiliser",
        year_started=1976,
        story_da="Biologisk slam fra fermenteringen bliver til gødning (NovoGro) på markerne omkring byen.",
        story_en="Biological sludge from fermentation becomes fertiliser (NovoGro) on the fields around the town.",
    ),
    Flow(
        supplier="orsted",
        receiver="cement-industry",
        resource="fly-ash",
        year_started=1979,
        story_da="Flyveaske fra kraftværket bruges i cementproduktion.",
        story_en="Fly ash from the power station goes into cement production.",
    ),
    Flow(
        supplier="orsted",
        receiver="kalundborg-forsyning",
        resource="district-heating",
        year_started=1981,
        story_da="Varme fra Asnæsværket varmer byens huse op gennem fjernvarmenettet.",
        story_en="Heat from the Asnæs power station warms the town's homes through the district heating grid.",
    ),
    Flow(
        supplier="orsted",
        receiver="kalundborg-refinery",
        resource="steam",
        year_started=1982,
        story_da="Damp fra kraftværket driver processer på raffinaderiet.",
        story_en="Steam from the power station runs processes at the refinery.",
    ),
    Flow(
        supplier="orsted",
        receiver="novo-nordisk",
        resource="steam",
        year_started=1982,
        story_da="Damp fra kraftværket bruges i produktionen af insulin og enzymer.",
        story_en="Steam from the power station is used to make insulin and enzymes.",
        figures=(
            FlowFigure(
                year=1995,
                quantity=Decimal("215000"),
                unit=Unit.T,
                source=NAP
                + ": steam from Asnæs to the refinery and Novo together, per year in the 1990s",
                source_url=NAP_URL,
            ),
        ),
    ),
    Flow(
        supplier="kalundborg-refinery",
        receiver="orsted",
        resource="cooling-water",
        year_started=1987,
        story_da="Kølevand fra raffinaderiet går tilbage til kraftværket og sparer vand fra søen.",
        story_en="Cooling water from the refinery goes back to the power station, saving lake water.",
    ),
    Flow(
        supplier="novo-nordisk",
        receiver="local-farms",
        resource="yeast-slurry",
        year_started=1989,
        story_da="Gær fra insulinproduktionen bliver til foder og biogas.",
        story_en="Yeast from insulin production becomes feed and biogas.",
    ),
    Flow(
        supplier="kalundborg-refinery",
        receiver="orsted",
        resource="treated-effluent",
        year_started=1991,
        story_da="Renset spildevand fra raffinaderiet genbruges på kraftværket.",
        story_en="Treated effluent from the refinery is reused at the power station.",
    ),
    Flow(
        supplier="orsted",
        receiver="saint-gobain-gyproc",
        resource="gypsum",
        year_started=1993,
        story_da="Røggasrensningen på kraftværket giver gips, som bliver til gipsplader.",
        story_en="Cleaning the power station's flue gas yields gypsum, which becomes plasterboard.",
        figures=(
            FlowFigure(
                year=2010,
                quantity=Decimal("150000"),
                unit=Unit.T,
                source="symbiosis.dk, 2010: gypsum delivered to Gyproc",
            ),
        ),
    ),
    Flow(
        supplier="orsted",
        receiver="kalundborg-forsyning",
        resource="electricity",
        year_started=1995,
        story_da="Elektricitet fra kraftværket.",
        story_en="Electricity from the power station.",
        figures=(
            FlowFigure(
                year=1995,
                quantity=Decimal("140"),
                unit=Unit.GWH,
                source=NAP + ": electricity, per year in the 1990s",
                source_url=NAP_URL,
            ),
        ),
    ),
    Flow(
        supplier="novonesis",
        receiver="kalundborg-bioenergi",
        resource="biomass",
        year_started=2018,
        story_da="Restbiomasse fra enzym- og insulinproduktionen omsættes til biogas.",
        story_en="Residual biomass from enzyme and insulin production is turned into biogas.",
        figures=(
            FlowFigure(
                year=2019,
                quantity=Decimal("300000"),
                unit=Unit.T,
                source="symbiosis.dk 2022 ('grøn energi'): biomass from Novozymes and Novo Nordisk together, per year",
            ),
        ),
    ),
    Flow(
        supplier="novo-nordisk",
        receiver="kalundborg-bioenergi",
        resource="biomass",
        year_started=2018,
        story_da="Restbiomasse fra insulinproduktionen omsættes til biogas.",
        story_en="Residual biomass from insulin production is turned into biogas.",
    ),
    Flow(
        supplier="kalundborg-bioenergi",
        receiver="saint-gobain-gyproc",
        resource="biogas",
        year_started=2018,
        story_da="Opgraderet biogas erstatter naturgas i gipsproduktionen.",
        story_en="Upgraded biogas replaces natural gas in plasterboard production.",
        figures=(
            FlowFigure(
                year=2019,
                quantity=Decimal("8000000"),
                unit=Unit.M3,
                co2_avoided_t=Decimal("17000"),
                source="symbiosis.dk 2022 ('grøn energi'): the plant's whole biogas output and CO₂ avoided, per year",
            ),
        ),
    ),
    Flow(
        supplier="kalundborg-bioenergi",
        receiver="kalundborg-refinery",
        resource="biogas",
        year_started=2018,
        story_da="Opgraderet biogas bruges på raffinaderiet.",
        story_en="Upgraded biogas is used at the refinery.",
    ),
    Flow(
        supplier="kalundborg-refinery",
        receiver="kalundborg-forsyning",
        resource="district-heating",
        year_started=2027,
        status=PLANNED,
        story_da="Planlagt: overskudsvarme fra raffinaderiet til fjernvarmenettet.",
        story_en="Planned: surplus heat from the refinery for the district heating grid.",
    ),
]

PER_YEAR_DA, PER_YEAR_EN = "om året", "per year"

IMPACT = [
    ImpactStatement(
        year=2008,
        metric=Metric.WATER,
        value=Decimal("3000000"),
        unit=Unit.M3,
        note_da=PER_YEAR_DA,
        note_en=PER_YEAR_EN,
        source="voresomstilling.dk (2008)",
    ),
    ImpactStatement(
        year=2008,
        metric=Metric.CO2,
        value=Decimal("275000"),
        unit=Unit.T,
        note_da=PER_YEAR_DA,
        note_en=PER_YEAR_EN,
        source="voresomstilling.dk (2008)",
    ),
    ImpactStatement(
        year=2018,
        metric=Metric.CO2,
        value=Decimal("635000"),
        unit=Unit.T,
        note_da=PER_YEAR_DA,
        note_en=PER_YEAR_EN,
        source=EMF,
        source_url=EMF_URL,
    ),
    ImpactStatement(
        year=2018,
        metric=Metric.WATER,
        value=Decimal("3600000"),
        unit=Unit.M3,
        note_da=PER_YEAR_DA,
        note_en=PER_YEAR_EN,
        source=EMF,
        source_url=EMF_URL,
    ),
    ImpactStatement(
        year=2018,
        metric=Metric.ENERGY,
        value=Decimal("100"),
        unit=Unit.GWH,
        note_da=PER_YEAR_DA,
        note_en=PER_YEAR_EN,
        source=EMF,
        source_url=EMF_URL,
    ),
    ImpactStatement(
        year=2018,
        metric=Metric.MATERIALS,
        value=Decimal("87000"),
        unit=Unit.T,
        note_da=PER_YEAR_DA,
        note_en=PER_YEAR_EN,
        source=EMF,
        source_url=EMF_URL,
    ),
    ImpactStatement(
        year=2018,
        metric=Metric.MONEY,
        value=Decimal("24000000"),
        unit=Unit.EUR,
        note_da="for virksomhederne, om året",
        note_en="for the companies, per year",
        source=EMF,
        source_url=EMF_URL,
    ),
    ImpactStatement(
        year=2018,
        metric=Metric.MONEY,
        value=Decimal("14000000"),
        unit=Unit.EUR,
        note_da="samfundsøkonomisk, om året",
        note_en="socio-economic, per year",
        source=EMF,
        source_url=EMF_URL,
    ),
    ImpactStatement(
        year=2020,
        metric=Metric.CO2,
        value=Decimal("586000"),
        unit=Unit.T,
        note_da="om året; senere opgørelse",
        note_en="per year; later account",
        source="symbiosis.dk",
    ),
    ImpactStatement(
        year=2020,
        metric=Metric.WATER,
        value=Decimal("4000000"),
        unit=Unit.M3,
        note_da="grundvand om året; senere opgørelse",
        note_en="groundwater per year; later account",
        source="symbiosis.dk",
    ),
    ImpactStatement(
        year=2020,
        metric=Metric.MATERIALS,
        value=Decimal("62000"),
        unit=Unit.T,
        note_da="genanvendte restmaterialer; senere opgørelse",
        note_en="residual materials recycled; later account",
        source="symbiosis.dk",
    ),
]


def linked_flows(refs):
    """The flows that `refs` (FlowRef records) name, for another demo's links."""
    return [
        flow
        for ref in refs
        for flow in models.Flow.objects.filter(
            supplier__slug=ref.supplier, receiver__slug=ref.receiver, resource__slug=ref.resource
        )
    ]


def load_exchanges():
    """Create or update the demo receivers, resources, flows with their figures and the
    published impact figures. Returns rows changed."""
    changed = 0
    for receiver in RECEIVERS:
        _obj, c = upsert(
            Partner,
            {"slug": receiver.slug},
            name=receiver.name_da,
            kind=Partner.Kind.OTHER,
            membership=Partner.Membership.NONE,
            summary_da=receiver.summary_da,
            summary_en=receiver.summary_en,
            sector_da="",
            sector_en=receiver.name_en,
        )
        changed += c
    resources = {}
    for resource in RESOURCES:
        resources[resource.slug], c = upsert_record(models.Resource, resource)
        changed += c
    partners = {p.slug: p for p in Partner.objects.all()}
    for flow in FLOWS:
        ends = {
            "supplier": partners[flow.supplier],
            "receiver": partners[flow.receiver],
            "resource": resources[flow.resource],
        }
        obj, c = upsert_record(models.Flow, flow, ends, exclude={"figures"}, is_public=True)
        changed += c
        for figure in flow.figures:
            lookup = {"flow": obj, "year": figure.year, "kind": models.FlowFigure.Kind.REALISED}
            _fig, c = upsert_record(models.FlowFigure, figure, lookup)
            changed += c
    for statement in IMPACT:
        lookup = {"year": statement.year, "metric": statement.metric, "note_en": statement.note_en}
        _obj, c = upsert_record(models.ImpactStatement, statement, lookup)
        changed += c
    return changed
