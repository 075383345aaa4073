"""Demo partners: the real members of Kalundborg Symbiosis (2025), in our own words.

Facts from the symbiosis's own pages on its members and governance (symbiosis.dk/governance),
sn.dk and circuleire.ie (2025). A year joined is given only where a dated flow supports it;
the rest are left blank rather than invented.

The app's models are reached as `models.X`: the plain names are the demo's records.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from partners import models
from symbiosis.demo import attach_image, logo_png, upsert, upsert_record

FULL = models.Partner.Membership.FULL
ASSOCIATE = models.Partner.Membership.ASSOCIATE
COMPANY = models.Partner.Kind.COMPANY
UTILITY = models.Partner.Kind.UTILITY
MUNICIPALITY = models.Partner.Kind.MUNICIPALITY


@dataclass(frozen=True)
class Partner:
    """A member, in Kalundborg; its logo tile is its name in white on `colour`."""

    slug: str
    name: str
    membership: str
    colour: str
    sector_da: str
    sector_en: str
    summary_da: str
    summary_en: str
    kind: str = COMPANY
    year_joined: int | None = None
    # An approximate site around Kalundborg (for the open map data), not a surveyed point.
    latitude: str | None = None
    longitude: str | None = None


@dataclass(frozen=True)
class Person:
    """A fictional person: invented name, 555-style number, example.org address."""

    organisation: str  # partner slug
    name: str
    role_da: str
    role_en: str
    email: str
    phone: str
    order: int
    is_press_contact: bool = False


@dataclass(frozen=True)
class FormerName:
    partner: str  # partner slug
    name: str
    year_from: int | None
    year_to: int | None


@dataclass(frozen=True)
class BoardSeat:
    """A seat on the board. A person listed in PEOPLE is linked; any other fictional
    representative's name is kept on the seat only."""

    partner: str  # partner slug
    office: str
    person: str
    started: datetime.date
    ended: datetime.date | None = None


PARTNERS = [
    Partner(
        slug="novo-nordisk",
        name="Novo Nordisk",
        membership=FULL,
        year_joined=1976,
        colour="#00539b",
        latitude="55.6620",
        longitude="11.1140",
        sector_da="Medicinalindustri",
        sector_en="Pharmaceuticals",
        summary_da=(
            "Producerer insulin og andre lægemidler i Kalundborg; aftager damp og vand og leverer "
            "gær- og procesrester til biogas og gødning."
        ),
        summary_en=(
            "Makes insulin and other medicines in Kalundborg; takes steam and water and passes "
            "yeast and process residues on to biogas and fertiliser."
        ),
    ),
    Partner(
        slug="novonesis",
        name="Novonesis",
        membership=FULL,
        colour="#0b6b4a",
        latitude="55.6645",
        longitude="11.1085",
        sector_da="Bioteknologi og enzymer",
        sector_en="Biotechnology and enzymes",
        summary_da=(
            "Fremstiller enzymer og mikroorganismer (tidligere Novozymes); biomasse fra "
            "produktionen bliver til biogas og gødning."
        ),
        summary_en=(
            "Makes enzymes and microorganisms (formerly Novozymes); biomass from production "
            "becomes biogas and fertiliser."
        ),
    ),
    Partner(
        slug="orsted",
        name="Ørsted",
        membership=FULL,
        year_joined=1981,
        colour="#1d4e89",
        latitude="55.6640",
        longitude="11.0790",
        sector_da="Energi",
        sector_en="Energy",
        summary_da=(
            "Driver Asnæsværket (tidligere DONG Energy), hvis damp og varme forsyner byen og "
            "fabrikkerne."
        ),
        summary_en=(
            "Runs the Asnæs power station (formerly DONG Energy), whose steam and heat supply the "
            "town and the factories."
        ),
    ),
    Partner(
        slug="kalundborg-refinery",
        name="Kalundborg Refinery",
        membership=FULL,
        year_joined=1961,
        colour="#5b3a8c",
        latitude="55.6710",
        longitude="11.0905",
        sector_da="Olieraffinaderi",
        sector_en="Oil refinery",
        summary_da=(
            "Raffinaderiet (tidligere Statoil og Equinor) var med fra begyndelsen i 1961 og "
            "udveksler vand, damp og gas med naboerne."
        ),
        summary_en=(
            "The refinery (formerly Statoil and Equinor) has taken part since 1961 and exchanges "
            "water, steam and gas with its neighbours."
        ),
    ),
    Partner(
        slug="argo",
        name="Argo",
        kind=UTILITY,
        membership=FULL,
        colour="#2f6f2f",
        latitude="55.6560",
        longitude="11.1200",
        sector_da="Affaldshåndtering",
        sector_en="Waste management",
        summary_da=(
            "Affaldsselskab, der sørger for at restprodukter bliver genanvendt eller udnyttet "
            "til energi."
        ),
        summary_en="Waste company that makes sure residues are recycled or turned into energy.",
    ),
    Partner(
        slug="avista-green",
        name="Avista Green",
        membership=FULL,
        colour="#3b7d23",
        sector_da="Genraffinering",
        sector_en="Re-refining",
        summary_da="Genraffinerer brugt olie til nye produkter.",
        summary_en="Re-refines used oil into new products.",
    ),
    Partner(
        slug="kalundborg-bioenergi",
        name="Kalundborg Bioenergi",
        membership=FULL,
        year_joined=2018,
        colour="#6b5a0f",
        latitude="55.6600",
        longitude="11.1060",
        sector_da="Biogas",
        sector_en="Biogas",
        summary_da=(
            "Biogasanlæg, der siden foråret 2018 omsætter restbiomasse fra industrien til biogas."
        ),
        summary_en="",  # no English: the English page shows the Danish text, marked as such
    ),
    Partner(
        slug="kalundborg-forsyning",
        name="Kalundborg Forsyning",
        kind=UTILITY,
        membership=FULL,
        colour="#1d5fa8",
        latitude="55.6800",
        longitude="11.0950",
        sector_da="Forsyning: vand, spildevand og fjernvarme",
        sector_en="Utility: water, waste water and district heating",
        summary_da=(
            "Byens forsyning af vand, fjernvarme og spildevandsrensning; udnytter varmen i "
            "spildevandet med en stor varmepumpe."
        ),
        summary_en=(
            "The town's supplier of water and district heating, and its waste-water treatment; "
            "recovers heat from waste water with a large heat pump."
        ),
    ),
    Partner(
        slug="kalundborg-kommune",
        name="Kalundborg Kommune",
        kind=MUNICIPALITY,
        membership=FULL,
        year_joined=1981,
        colour="#7a1f2b",
        latitude="55.6795",
        longitude="11.0886",
        sector_da="Kommune",
        sector_en="Municipality",
        summary_da="Kommunen har været med i Symbiosen i årtier og er vært for sekretariatet.",
        summary_en=(
            "The municipality has taken part in the symbiosis for decades and hosts the "
            "secretariat."
        ),
    ),
    Partner(
        slug="meliora-bio",
        name="Meliora Bio",
        membership=FULL,
        colour="#0f5d5d",
        sector_da="Bioteknologi",
        sector_en="Biotechnology",
        summary_da="Udvikler biobaserede ingredienser fra sidestrømme.",
        summary_en="Develops bio-based ingredients from side streams.",
    ),
    Partner(
        slug="boehringer-ingelheim",
        name="Boehringer Ingelheim",
        membership=FULL,
        colour="#08312a",
        sector_da="Medicinalindustri",
        sector_en="Pharmaceuticals",
        summary_da="Medicinalvirksomhed med produktion i Kalundborg.",
        summary_en="Pharmaceutical company with production in Kalundborg.",
    ),
    Partner(
        slug="unibio",
        name="Unibio",
        membership=ASSOCIATE,
        colour="#325c1d",
        sector_da="Fødevareteknologi",
        sector_en="Food technology",
        summary_da="Laver protein ud fra metan ved fermentering.",
        summary_en="Makes protein from methane by fermentation.",
    ),
    Partner(
        slug="comet",
        name="Comet",
        membership=ASSOCIATE,
        colour="#8a3a0a",
        sector_da="Bioraffinering",
        sector_en="Biorefining",
        summary_da="Omdanner restprodukter fra halm til fibre og ingredienser.",
        summary_en="Turns residues from straw into fibres and ingredients.",
    ),
    Partner(
        slug="intertek",
        name="Intertek",
        membership=ASSOCIATE,
        colour="#004b6b",
        sector_da="Test og inspektion",
        sector_en="Testing and inspection",
        summary_da="Laboratorie- og inspektionsydelser til industrien.",
        summary_en="Laboratory and inspection services for industry.",
    ),
    Partner(
        slug="apm-terminals",
        name="APM Terminals",
        membership=ASSOCIATE,
        colour="#2a3f6b",
        latitude="55.6740",
        longitude="11.0800",
        sector_da="Havn og logistik",
        sector_en="Port and logistics",
        summary_da="Driver havneterminal i Kalundborg.",
        summary_en="Runs a port terminal in Kalundborg.",
    ),
    Partner(
        slug="schultz-shipping-group",
        name="Schultz Shipping Group",
        membership=ASSOCIATE,
        colour="#1c4f73",
        sector_da="Shipping og logistik",
        sector_en="Shipping and logistics",
        summary_da="Shipping- og logistikvirksomhed med base i Kalundborg.",
        summary_en="Shipping and logistics company based in Kalundborg.",
    ),
    Partner(
        slug="saint-gobain-gyproc",
        name="Saint-Gobain Gyproc",
        membership=ASSOCIATE,
        year_joined=1972,
        colour="#4d4d4d",
        latitude="55.6690",
        longitude="11.0835",
        sector_da="Byggematerialer",
        sector_en="Building materials",
        summary_da="Laver gipsplader, bl.a. af gips fra røggasrensningen på Asnæsværket.",
        summary_en=(
            "Makes plasterboard, partly from gypsum recovered from the power station's flue gas."
        ),
    ),
]

FORMER_NAMES = [
    FormerName(partner="orsted", name="DONG Energy", year_from=None, year_to=2017),
    FormerName(partner="novonesis", name="Novozymes", year_from=2000, year_to=2024),
    FormerName(partner="kalundborg-refinery", name="Statoil", year_from=None, year_to=2018),
    FormerName(partner="kalundborg-refinery", name="Equinor", year_from=2018, year_to=2023),
]

# Not a member: the association's own office, which the people below and the head of
# secretariat's seat belong to.
SECRETARIAT = "kalundborg-symbiose"

PEOPLE = [
    Person(
        organisation=SECRETARIAT,
        name="Mette Holm Sørensen",
        role_da="Sekretariatschef",
        role_en="Head of secretariat",
        email="mette.holm@example.org",
        phone="+45 55 55 01 01",
        order=10,
        is_press_contact=True,
    ),
    Person(
        organisation=SECRETARIAT,
        name="Jonas Kragh",
        role_da="Senior symbioseudvikler",
        role_en="Senior symbiosis developer",
        email="jonas.kragh@example.org",
        phone="+45 55 55 01 02",
        order=20,
    ),
    Person(
        organisation=SECRETARIAT,
        name="Sara Nygaard",
        role_da="Projektleder og kommunikatør",
        role_en="Project manager and communications",
        email="sara.nygaard@example.org",
        phone="+45 55 55 01 03",
        order=30,
        is_press_contact=True,
    ),
    Person(
        organisation=SECRETARIAT,
        name="Anders Bech",
        role_da="Senior projektleder",
        role_en="Senior project manager",
        email="anders.bech@example.org",
        phone="+45 55 55 01 04",
        order=40,
    ),
    Person(
        organisation="orsted",
        name="Kirsten Lund",
        role_da="Driftschef, Asnæsværket",
        role_en="Operations manager, Asnæs power station",
        email="kirsten.lund@example.org",
        phone="+45 55 55 02 01",
        order=10,
    ),
    Person(
        organisation="novo-nordisk",
        name="Peter Vang",
        role_da="Miljøkoordinator",
        role_en="Environmental coordinator",
        email="peter.vang@example.org",
        phone="+45 55 55 03 01",
        order=10,
    ),
]

# The association was founded on 16 December 2019; its own secretariat opened on
# 1 April 2020. Board members are the real member organisations; the people holding the
# seats are fictional. A seat starts at the founding, or on 1 January of the year the
# partner joined when that is later.
FOUNDED = datetime.date(2019, 12, 16)
NEW_CHAIR = datetime.date(2022, 5, 1)
FIRST_BOARD_ENDED = NEW_CHAIR - datetime.timedelta(1)
CHAIR = models.BoardSeat.Office.CHAIR
VICE_CHAIR = models.BoardSeat.Office.VICE_CHAIR
MEMBER = models.BoardSeat.Office.MEMBER

BOARD = [
    # The first board: the refinery's representative chaired it until spring 2022,
    # when Novo Nordisk's member took over the chair.
    BoardSeat(
        partner="kalundborg-refinery",
        office=CHAIR,
        person="Henrik Damgaard",
        started=FOUNDED,
        ended=FIRST_BOARD_ENDED,
    ),
    BoardSeat(
        partner="novo-nordisk",
        office=MEMBER,
        person="Lars Winther Mogensen",
        started=FOUNDED,
        ended=FIRST_BOARD_ENDED,
    ),
    BoardSeat(
        partner="novo-nordisk", office=CHAIR, person="Lars Winther Mogensen", started=NEW_CHAIR
    ),
    BoardSeat(
        partner="kalundborg-refinery", office=MEMBER, person="Camilla Riis", started=NEW_CHAIR
    ),
    BoardSeat(partner="novonesis", office=VICE_CHAIR, person="Birgitte Aagaard", started=FOUNDED),
    BoardSeat(partner="orsted", office=MEMBER, person="Kirsten Lund", started=FOUNDED),
    BoardSeat(partner="argo", office=MEMBER, person="Thomas Kjær Olsen", started=FOUNDED),
    BoardSeat(partner="avista-green", office=MEMBER, person="Louise Brandt", started=FOUNDED),
    BoardSeat(
        partner="kalundborg-bioenergi", office=MEMBER, person="Martin Skovgaard", started=FOUNDED
    ),
    BoardSeat(
        partner="kalundborg-forsyning", office=MEMBER, person="Hanne Østergaard", started=FOUNDED
    ),
    BoardSeat(partner="kalundborg-kommune", office=MEMBER, person="Niels Thorup", started=FOUNDED),
    BoardSeat(partner="meliora-bio", office=MEMBER, person="Rasmus Fogh", started=FOUNDED),
    BoardSeat(
        partner="boehringer-ingelheim", office=MEMBER, person="Katrine Lindholm", started=FOUNDED
    ),
    BoardSeat(
        partner=SECRETARIAT,
        office=models.BoardSeat.Office.HEAD_OF_SECRETARIAT,
        person="Mette Holm Sørensen",
        started=datetime.date(2020, 4, 1),
    ),
]


def _seat_start(seat, partner):
    """The founding, or 1 January of the year the partner joined when that is later."""
    joined = partner.year_joined
    if joined and seat.started == FOUNDED and datetime.date(joined, 1, 1) > FOUNDED:
        return datetime.date(joined, 1, 1)
    return seat.started


def load_partners():
    """Create or update the demo partners with their logo tiles, the secretariat and its
    people, former names and the board. Returns rows changed."""
    changed = 0
    for partner in PARTNERS:
        obj, c = upsert_record(
            models.Partner,
            partner,
            exclude={"colour"},
            is_public=True,
            postcode="4400",
            town="Kalundborg",
            latitude=Decimal(partner.latitude) if partner.latitude else None,
            longitude=Decimal(partner.longitude) if partner.longitude else None,
        )
        changed += c
        logo = logo_png(partner.name, partner.colour)
        changed += attach_image(obj, "logo", f"{partner.slug}.png", logo)
    _secretariat, c = upsert(
        models.Partner,
        {"slug": SECRETARIAT},
        name="Kalundborg Symbiose",
        kind=models.Partner.Kind.OTHER,
        membership=models.Partner.Membership.NONE,
        sector_da="Sekretariat",
        sector_en="Secretariat",
        summary_da="Foreningens sekretariat, der samler partnerne og udvikler nye symbioser.",
        summary_en="The association's secretariat, which brings the partners together and "
        "develops new symbioses.",
        postcode="4400",
        town="Kalundborg",
    )
    changed += c
    partners = {p.slug: p for p in models.Partner.objects.all()}
    for person in PEOPLE:
        lookup = {"organisation": partners[person.organisation], "name": person.name}
        _obj, c = upsert_record(models.Person, person, lookup, is_public=True)
        changed += c
    for former in FORMER_NAMES:
        lookup = {"partner": partners[former.partner], "name": former.name}
        _obj, c = upsert_record(models.FormerName, former, lookup)
        changed += c
    people = {(p.organisation_id, p.name): p for p in models.Person.objects.all()}
    for seat in BOARD:
        partner = partners[seat.partner]
        person = people.get((partner.pk, seat.person))
        _obj, c = upsert(
            models.BoardSeat,
            {"partner": partner, "office": seat.office, "started": _seat_start(seat, partner)},
            person=person,
            person_name="" if person else seat.person,
            ended=seat.ended,
        )
        changed += c
    return changed
