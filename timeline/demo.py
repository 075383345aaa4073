"""Demo milestones: the history of Kalundborg Symbiosis, in our own words.

Facts from the symbiosis's published history, the invitation to its 50-year conference
and the launch of the national network. The 2011 milestone has no English on purpose,
so the English timeline shows the Danish fallback and its note.

The app's models are reached as `models.X`: the plain names are the demo's records.
"""

from dataclasses import dataclass

from exchanges.demo import FlowRef, linked_flows
from partners.models import Partner
from symbiosis.demo import set_links, upsert_record
from timeline import models


@dataclass(frozen=True)
class Milestone:
    """A dated event in the history; month and day only where the sources give them."""

    year: int
    title_da: str
    title_en: str
    text_da: str
    text_en: str
    month: int | None = None
    day: int | None = None
    partners: tuple[str, ...] = ()  # partner slugs
    flows: tuple[FlowRef, ...] = ()


MILESTONES = [
    Milestone(
        year=1961,
        title_da="Raffinaderiet får vand fra Tissø",
        title_en="The refinery gets water from Lake Tissø",
        text_da=(
            "<p>Det nye olieraffinaderi skal bruge meget vand. I stedet for at pumpe grundvand "
            "op lægges en rørledning fra Tissø: overfladevand til industrien. Det er den første "
            "forbindelse i det, der senere kaldes symbiosen.</p>"
        ),
        text_en=(
            "<p>The new oil refinery needs a lot of water. Rather than pump up groundwater, a "
            "pipeline is laid from Lake Tissø: surface water for industry. It is the first link "
            "in what will later be called the symbiosis.</p>"
        ),
        partners=("kalundborg-refinery", "kalundborg-forsyning"),
        flows=(
            FlowRef(
                supplier="kalundborg-forsyning",
                receiver="kalundborg-refinery",
                resource="surface-water",
            ),
        ),
    ),
    Milestone(
        year=1972,
        title_da="Overskudsgas tørrer gipsplader",
        title_en="Surplus gas dries plasterboard",
        text_da=(
            "<p>Raffinaderiet har gas til overs, og gipspladefabrikken ved siden af har brug "
            "for varme til at tørre pladerne. Aftalen er den første udveksling mellem to "
            "virksomheder i Kalundborg.</p>"
        ),
        text_en=(
            "<p>The refinery has gas to spare, and the plasterboard factory next door needs "
            "heat to dry its boards. The deal is the first exchange between two companies in "
            "Kalundborg.</p>"
        ),
        partners=("kalundborg-refinery", "saint-gobain-gyproc"),
        flows=(
            FlowRef(
                supplier="kalundborg-refinery",
                receiver="saint-gobain-gyproc",
                resource="refinery-gas",
            ),
        ),
    ),
    Milestone(
        year=1988,
        title_da="Miljøklubben samler direktørerne",
        title_en="The Environment Club brings the managers together",
        text_da=(
            "<p>Lederne af byens store virksomheder begynder at mødes fast i en "
            "“Miljøklub” for at finde flere måder at bruge hinandens overskud på.</p>"
        ),
        text_en=(
            "<p>The managers of the town's large companies start meeting regularly in an "
            "“Environment Club” to find more ways of using each other's surplus.</p>"
        ),
    ),
    Milestone(
        year=1989,
        title_da="Samarbejdet får navnet Kalundborg Symbiose",
        title_en="The partnership is named Kalundborg Symbiosis",
        text_da=(
            "<p>Udvekslingerne har efterhånden vokset sig til et helt netværk, og det får et "
            "navn: Kalundborg Symbiose.</p>"
        ),
        text_en=(
            "<p>The exchanges have grown into a whole network, and it gets a name: Kalundborg "
            "Symbiosis (in Danish, Kalundborg Symbiose).</p>"
        ),
    ),
    Milestone(
        year=2011,
        title_da="Nyt logo og ny hjemmeside",
        title_en="",
        text_da=(
            "<p>Symbiosen får et nyt logo og en ny hjemmeside, der fortæller historien for "
            "både naboer og besøgende fra hele verden.</p>"
        ),
        text_en="",
    ),
    Milestone(
        year=2017,
        title_da="Strategi: ti nye projekter inden 2025",
        title_en="Strategy: ten new projects by 2025",
        text_da=(
            "<p>Partnerne vedtager en strategi med et klart mål: ti nye "
            "symbioseprojekter inden 2025.</p>"
        ),
        text_en=(
            "<p>The partners adopt a strategy with a clear goal: ten new symbiosis projects "
            "by 2025.</p>"
        ),
    ),
    Milestone(
        year=2018,
        title_da="Gothenburg Sustainability Award",
        title_en="Gothenburg Sustainability Award",
        text_da=(
            "<p>Kalundborg Symbiose modtager Gothenburg Sustainability Award for sit arbejde "
            "med cirkulær produktion.</p>"
        ),
        text_en=(
            "<p>Kalundborg Symbiosis receives the Gothenburg Sustainability Award for its work "
            "on circular production.</p>"
        ),
    ),
    Milestone(
        year=2019,
        month=12,
        day=16,
        title_da="Symbiosen bliver en forening",
        title_en="The symbiosis becomes an association",
        text_da=(
            "<p>Samarbejdet organiseres som en almennyttig forening med generalforsamling, "
            "bestyrelse og sekretariat.</p>"
        ),
        text_en=(
            "<p>The partnership is organised as a non-profit association with a general "
            "assembly, a board and a secretariat.</p>"
        ),
    ),
    Milestone(
        year=2020,
        month=4,
        day=1,
        title_da="Eget sekretariat",
        title_en="A secretariat of its own",
        text_da=(
            "<p>Foreningen får sit eget sekretariat, der driver samarbejdet til daglig og "
            "hjælper nye projekter i gang.</p>"
        ),
        text_en=(
            "<p>The association gets its own secretariat, which runs the partnership day to "
            "day and helps new projects get started.</p>"
        ),
    ),
    Milestone(
        year=2021,
        month=11,
        title_da="Symbiose Netværk Danmark lanceres",
        title_en="Symbiose Netværk Danmark is launched",
        text_da=(
            "<p>I samme uge som klimatopmødet COP26 lancerer Kalundborg Symbiose, Center for "
            "Logistik og Samarbejde og Transition et nationalt netværk for symbioser i "
            "Danmark.</p>"
        ),
        text_en=(
            "<p>In the week of the COP26 climate summit, Kalundborg Symbiosis, Center for "
            "Logistik og Samarbejde and Transition launch a national network for symbioses "
            "in Denmark.</p>"
        ),
    ),
    Milestone(
        year=2022,
        month=10,
        day=24,
        title_da="50-års konference i Helix Lab",
        title_en="50th anniversary conference at Helix Lab",
        text_da=(
            "<p>Fem årtier efter den første udveksling samles deltagere fra hele verden til "
            "“Global Leadership Conference within circular economy” i Helix Lab i "
            "Kalundborg.</p>"
        ),
        text_en=(
            "<p>Five decades after the first exchange, participants from around the world "
            "meet for the “Global Leadership Conference within circular economy” at Helix "
            "Lab in Kalundborg.</p>"
        ),
    ),
    Milestone(
        year=2024,
        title_da="Datadrevet diagram og matchmaking",
        title_en="A data-driven diagram and matchmaking",
        text_da=(
            "<p>Arbejdet begynder på et diagram, der tegnes ud fra data om strømmene, og på "
            "matchmaking mellem virksomheder med overskud og virksomheder med behov.</p>"
        ),
        text_en=(
            "<p>Work begins on a diagram drawn from data about the flows, and on matchmaking "
            "between companies with a surplus and companies with a need.</p>"
        ),
    ),
    Milestone(
        year=2025,
        month=10,
        title_da="Ansøgning om status som national industripark",
        title_en="Bid for national industrial park status",
        text_da="<p>Kalundborg søger om at blive udpeget som national industripark.</p>",
        text_en="<p>Kalundborg applies to be designated a national industrial park.</p>",
    ),
]


def load():
    """Create or refresh the demo rows; return how many were created or changed."""
    slugs = {slug for milestone in MILESTONES for slug in milestone.partners}
    partners = {p.slug: p for p in Partner.objects.filter(slug__in=slugs)}
    changed = 0
    for milestone in MILESTONES:
        when = {"year": milestone.year, "month": milestone.month, "day": milestone.day}
        obj, c = upsert_record(
            models.Milestone, milestone, when, exclude={"partners", "flows"}, is_public=True
        )
        wanted = [partners[s] for s in milestone.partners if s in partners]
        links = set_links(obj.partners, wanted)
        links |= set_links(obj.flows, linked_flows(milestone.flows))
        changed += c or links
    return changed
