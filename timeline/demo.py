"""Demo milestones: the history of Kalundborg Symbiosis, in our own words.

Facts from ../shared/DOMAIN.md ("History") and the seeds (the 50-year conference,
the national network). The 2011 milestone has no English on purpose, so the
English timeline shows the Danish fallback and its note.
"""

from exchanges.models import Flow
from partners.models import Partner
from symbiosis.demo import upsert
from timeline.models import Milestone

# (year, month, day), title (da, en), text (da, en), partner slugs,
# flows as (supplier slug, receiver slug, resource slug)
MILESTONES = [
    (
        (1961, None, None),
        ("Raffinaderiet får vand fra Tissø", "The refinery gets water from Lake Tissø"),
        (
            "<p>Det nye olieraffinaderi skal bruge meget vand. I stedet for at pumpe grundvand "
            "op lægges en rørledning fra Tissø: overfladevand til industrien. Det er den første "
            "forbindelse i det, der senere kaldes symbiosen.</p>",
            "<p>The new oil refinery needs a lot of water. Rather than pump up groundwater, a "
            "pipeline is laid from Lake Tissø: surface water for industry. It is the first link "
            "in what will later be called the symbiosis.</p>",
        ),
        ["kalundborg-refinery", "kalundborg-forsyning"],
        [("kalundborg-forsyning", "kalundborg-refinery", "surface-water")],
    ),
    (
        (1972, None, None),
        ("Overskudsgas tørrer gipsplader", "Surplus gas dries plasterboard"),
        (
            "<p>Raffinaderiet har gas til overs, og gipspladefabrikken ved siden af har brug "
            "for varme til at tørre pladerne. Aftalen er den første udveksling mellem to "
            "virksomheder i Kalundborg.</p>",
            "<p>The refinery has gas to spare, and the plasterboard factory next door needs "
            "heat to dry its boards. The deal is the first exchange between two companies in "
            "Kalundborg.</p>",
        ),
        ["kalundborg-refinery", "saint-gobain-gyproc"],
        [("kalundborg-refinery", "saint-gobain-gyproc", "refinery-gas")],
    ),
    (
        (1988, None, None),
        ("Miljøklubben samler direktørerne", "The Environment Club brings the managers together"),
        (
            "<p>Lederne af byens store virksomheder begynder at mødes fast i en "
            "“Miljøklub” for at finde flere måder at bruge hinandens overskud på.</p>",
            "<p>The managers of the town's large companies start meeting regularly in an "
            "“Environment Club” to find more ways of using each other's surplus.</p>",
        ),
        [],
        [],
    ),
    (
        (1989, None, None),
        (
            "Samarbejdet får navnet Kalundborg Symbiose",
            "The partnership is named Kalundborg Symbiosis",
        ),
        (
            "<p>Udvekslingerne har efterhånden vokset sig til et helt netværk, og det får et "
            "navn: Kalundborg Symbiose.</p>",
            "<p>The exchanges have grown into a whole network, and it gets a name: Kalundborg "
            "Symbiosis (in Danish, Kalundborg Symbiose).</p>",
        ),
        [],
        [],
    ),
    (
        (2011, None, None),
        ("Nyt logo og ny hjemmeside", ""),
        (
            "<p>Symbiosen får et nyt logo og en ny hjemmeside, der fortæller historien for "
            "både naboer og besøgende fra hele verden.</p>",
            "",
        ),
        [],
        [],
    ),
    (
        (2017, None, None),
        ("Strategi: ti nye projekter inden 2025", "Strategy: ten new projects by 2025"),
        (
            "<p>Partnerne vedtager en strategi med et klart mål: ti nye "
            "symbioseprojekter inden 2025.</p>",
            "<p>The partners adopt a strategy with a clear goal: ten new symbiosis projects "
            "by 2025.</p>",
        ),
        [],
        [],
    ),
    (
        (2018, None, None),
        ("Gothenburg Sustainability Award", "Gothenburg Sustainability Award"),
        (
            "<p>Kalundborg Symbiose modtager Gothenburg Sustainability Award for sit arbejde "
            "med cirkulær produktion.</p>",
            "<p>Kalundborg Symbiosis receives the Gothenburg Sustainability Award for its work "
            "on circular production.</p>",
        ),
        [],
        [],
    ),
    (
        (2019, 12, 16),
        ("Symbiosen bliver en forening", "The symbiosis becomes an association"),
        (
            "<p>Samarbejdet organiseres som en almennyttig forening med generalforsamling, "
            "bestyrelse og sekretariat.</p>",
            "<p>The partnership is organised as a non-profit association with a general "
            "assembly, a board and a secretariat.</p>",
        ),
        [],
        [],
    ),
    (
        (2020, 4, 1),
        ("Eget sekretariat", "A secretariat of its own"),
        (
            "<p>Foreningen får sit eget sekretariat, der driver samarbejdet til daglig og "
            "hjælper nye projekter i gang.</p>",
            "<p>The association gets its own secretariat, which runs the partnership day to "
            "day and helps new projects get started.</p>",
        ),
        [],
        [],
    ),
    (
        (2021, 11, None),
        ("Symbiose Netværk Danmark lanceres", "Symbiose Netværk Danmark is launched"),
        (
            "<p>I samme uge som klimatopmødet COP26 lancerer Kalundborg Symbiose, Center for "
            "Logistik og Samarbejde og Transition et nationalt netværk for symbioser i "
            "Danmark.</p>",
            "<p>In the week of the COP26 climate summit, Kalundborg Symbiosis, Center for "
            "Logistik og Samarbejde and Transition launch a national network for symbioses "
            "in Denmark.</p>",
        ),
        [],
        [],
    ),
    (
        (2022, 10, 24),
        ("50-års konference i Helix Lab", "50th anniversary conference at Helix Lab"),
        (
            "<p>Fem årtier efter den første udveksling samles deltagere fra hele verden til "
            "“Global Leadership Conference within circular economy” i Helix Lab i "
            "Kalundborg.</p>",
            "<p>Five decades after the first exchange, participants from around the world "
            "meet for the “Global Leadership Conference within circular economy” at Helix "
            "Lab in Kalundborg.</p>",
        ),
        [],
        [],
    ),
    (
        (2024, None, None),
        ("Datadrevet diagram og matchmaking", "A data-driven diagram and matchmaking"),
        (
            "<p>Arbejdet begynder på et diagram, der tegnes ud fra data om strømmene, og på "
            "matchmaking mellem virksomheder med overskud og virksomheder med behov.</p>",
            "<p>Work begins on a diagram drawn from data about the flows, and on matchmaking "
            "between companies with a surplus and companies with a need.</p>",
        ),
        [],
        [],
    ),
    (
        (2025, 10, None),
        (
            "Ansøgning om status som national industripark",
            "Bid for national industrial park status",
        ),
        (
            "<p>Kalundborg søger om at blive udpeget som national industripark.</p>",
            "<p>Kalundborg applies to be designated a national industrial park.</p>",
        ),
        [],
        [],
    ),
]


def _set_links(manager, wanted):
    """Make a many-to-many relation hold exactly `wanted`; True if it changed."""
    if {obj.pk for obj in manager.all()} == {obj.pk for obj in wanted}:
        return False
    manager.set(wanted)
    return True


def load():
    """Create or refresh the demo rows; return how many were created or changed."""
    partners = {p.slug: p for p in Partner.objects.filter(slug__in=_partner_slugs())}
    changed = 0
    for (year, month, day), (title_da, title_en), (text_da, text_en), slugs, flows in MILESTONES:
        milestone, c = upsert(
            Milestone,
            {"year": year, "month": month, "day": day},
            title_da=title_da,
            title_en=title_en,
            text_da=text_da,
            text_en=text_en,
            is_public=True,
        )
        links = _set_links(milestone.partners, [partners[s] for s in slugs if s in partners])
        links |= _set_links(
            milestone.flows,
            [
                flow
                for supplier, receiver, resource in flows
                for flow in Flow.objects.filter(
                    supplier__slug=supplier, receiver__slug=receiver, resource__slug=resource
                )
            ],
        )
        changed += c or links
    return changed


def _partner_slugs():
    return {slug for *_, slugs, _flows in MILESTONES for slug in slugs}
