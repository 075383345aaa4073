"""Demo partners: the real members of Kalundborg Symbiosis (2025), in our own words.

Facts from ../shared/DOMAIN.md (symbiosis.dk/governance; sn.dk; circuleire.ie, 2025).
A year joined is given only where a dated flow supports it; the rest are left blank
rather than invented.
"""

import datetime
from decimal import Decimal

from partners.models import BoardSeat, FormerName, Partner, Person
from symbiosis.demo import attach_image, logo_png, upsert

FULL = Partner.Membership.FULL
ASSOCIATE = Partner.Membership.ASSOCIATE
COMPANY = Partner.Kind.COMPANY

# slug, name, kind, membership, year joined, colour, sector (da, en), summary (da, en)
PARTNERS = [
    (
        "novo-nordisk",
        "Novo Nordisk",
        COMPANY,
        FULL,
        1976,
        "#00539b",
        ("Medicinalindustri", "Pharmaceuticals"),
        (
            "Producerer insulin og andre lægemidler i Kalundborg; aftager damp og vand og leverer "
            "gær- og procesrester til biogas og gødning.",
            "Makes insulin and other medicines in Kalundborg; takes steam and water and passes "
            "yeast and process residues on to biogas and fertiliser.",
        ),
    ),
    (
        "novonesis",
        "Novonesis",
        COMPANY,
        FULL,
        None,
        "#0b6b4a",
        ("Bioteknologi og enzymer", "Biotechnology and enzymes"),
        (
            "Fremstiller enzymer og mikroorganismer (tidligere Novozymes); biomasse fra "
            "produktionen bliver til biogas og gødning.",
            "Makes enzymes and microorganisms (formerly Novozymes); biomass from production "
            "becomes biogas and fertiliser.",
        ),
    ),
    (
        "orsted",
        "Ørsted",
        Partner.Kind.COMPANY,
        FULL,
        1981,
        "#1d4e89",
        ("Energi", "Energy"),
        (
            "Driver Asnæsværket (tidligere DONG Energy), hvis damp og varme forsyner byen og "
            "fabrikkerne.",
            "Runs the Asnæs power station (formerly DONG Energy), whose steam and heat supply the "
            "town and the factories.",
        ),
    ),
    (
        "kalundborg-refinery",
        "Kalundborg Refinery",
        COMPANY,
        FULL,
        1961,
        "#5b3a8c",
        ("Olieraffinaderi", "Oil refinery"),
        (
            "Raffinaderiet (tidligere Statoil og Equinor) var med fra begyndelsen i 1961 og "
            "udveksler vand, damp og gas med naboerne.",
            "The refinery (formerly Statoil and Equinor) has taken part since 1961 and exchanges "
            "water, steam and gas with its neighbours.",
        ),
    ),
    (
        "argo",
        "Argo",
        Partner.Kind.UTILITY,
        FULL,
        None,
        "#2f6f2f",
        ("Affaldshåndtering", "Waste management"),
        (
            "Affaldsselskab, der sørger for at restprodukter bliver genanvendt eller udnyttet "
            "til energi.",
            "Waste company that makes sure residues are recycled or turned into energy.",
        ),
    ),
    (
        "avista-green",
        "Avista Green",
        COMPANY,
        FULL,
        None,
        "#3b7d23",
        ("Genraffinering", "Re-refining"),
        ("Genraffinerer brugt olie til nye produkter.", "Re-refines used oil into new products."),
    ),
    (
        "kalundborg-bioenergi",
        "Kalundborg Bioenergi",
        COMPANY,
        FULL,
        2018,
        "#6b5a0f",
        ("Biogas", "Biogas"),
        (
            "Biogasanlæg, der siden foråret 2018 omsætter restbiomasse fra industrien til biogas.",
            "",
        ),
    ),
    (
        "kalundborg-forsyning",
        "Kalundborg Forsyning",
        Partner.Kind.UTILITY,
        FULL,
        None,
        "#1d5fa8",
        (
            "Forsyning: vand, spildevand og fjernvarme",
            "Utility: water, waste water and district heating",
        ),
        (
            "Byens forsyning af vand, fjernvarme og spildevandsrensning; udnytter varmen i "
            "spildevandet med en stor varmepumpe.",
            "The town's supplier of water and district heating, and its waste-water treatment; "
            "recovers heat from waste water with a large heat pump.",
        ),
    ),
    (
        "kalundborg-kommune",
        "Kalundborg Kommune",
        Partner.Kind.MUNICIPALITY,
        FULL,
        1981,
        "#7a1f2b",
        ("Kommune", "Municipality"),
        (
            "Kommunen har været med i Symbiosen i årtier og er vært for sekretariatet.",
            "The municipality has taken part in the symbiosis for decades and hosts the "
            "secretariat.",
        ),
    ),
    (
        "meliora-bio",
        "Meliora Bio",
        COMPANY,
        FULL,
        None,
        "#0f5d5d",
        ("Bioteknologi", "Biotechnology"),
        (
            "Udvikler biobaserede ingredienser fra sidestrømme.",
            "Develops bio-based ingredients from side streams.",
        ),
    ),
    (
        "boehringer-ingelheim",
        "Boehringer Ingelheim",
        COMPANY,
        FULL,
        None,
        "#08312a",
        ("Medicinalindustri", "Pharmaceuticals"),
        (
            "Medicinalvirksomhed med produktion i Kalundborg.",
            "Pharmaceutical company with production in Kalundborg.",
        ),
    ),
    (
        "unibio",
        "Unibio",
        COMPANY,
        ASSOCIATE,
        None,
        "#325c1d",
        ("Fødevareteknologi", "Food technology"),
        (
            "Laver protein ud fra metan ved fermentering.",
            "Makes protein from methane by fermentation.",
        ),
    ),
    (
        "comet",
        "Comet",
        COMPANY,
        ASSOCIATE,
        None,
        "#8a3a0a",
        ("Bioraffinering", "Biorefining"),
        (
            "Omdanner restprodukter fra halm til fibre og ingredienser.",
            "Turns residues from straw into fibres and ingredients.",
        ),
    ),
    (
        "intertek",
        "Intertek",
        COMPANY,
        ASSOCIATE,
        None,
        "#004b6b",
        ("Test og inspektion", "Testing and inspection"),
        (
            "Laboratorie- og inspektionsydelser til industrien.",
            "Laboratory and inspection services for industry.",
        ),
    ),
    (
        "apm-terminals",
        "APM Terminals",
        COMPANY,
        ASSOCIATE,
        None,
        "#2a3f6b",
        ("Havn og logistik", "Port and logistics"),
        ("Driver havneterminal i Kalundborg.", "Runs a port terminal in Kalundborg."),
    ),
    (
        "schultz-shipping-group",
        "Schultz Shipping Group",
        COMPANY,
        ASSOCIATE,
        None,
        "#1c4f73",
        ("Shipping og logistik", "Shipping and logistics"),
        (
            "Shipping- og logistikvirksomhed med base i Kalundborg.",
            "Shipping and logistics company based in Kalundborg.",
        ),
    ),
    (
        "saint-gobain-gyproc",
        "Saint-Gobain Gyproc",
        COMPANY,
        ASSOCIATE,
        1972,
        "#4d4d4d",
        ("Byggematerialer", "Building materials"),
        (
            "Laver gipsplader, bl.a. af gips fra røggasrensningen på Asnæsværket.",
            "Makes plasterboard, partly from gypsum recovered from the power station's flue gas.",
        ),
    ),
]


# Approximate sites around Kalundborg (for the open map data), not surveyed points.
SITES = {
    "novo-nordisk": ("55.6620", "11.1140"),
    "novonesis": ("55.6645", "11.1085"),
    "orsted": ("55.6640", "11.0790"),
    "kalundborg-refinery": ("55.6710", "11.0905"),
    "saint-gobain-gyproc": ("55.6690", "11.0835"),
    "kalundborg-bioenergi": ("55.6600", "11.1060"),
    "kalundborg-forsyning": ("55.6800", "11.0950"),
    "kalundborg-kommune": ("55.6795", "11.0886"),
    "argo": ("55.6560", "11.1200"),
    "apm-terminals": ("55.6740", "11.0800"),
}

FORMER_NAMES = [
    ("orsted", "DONG Energy", None, 2017),
    ("novonesis", "Novozymes", 2000, 2024),
    ("kalundborg-refinery", "Statoil", None, 2018),
    ("kalundborg-refinery", "Equinor", 2018, 2023),
]

SECRETARIAT = ("kalundborg-symbiose", "Kalundborg Symbiose")

# Fictional people: invented names, 555-style numbers, example.org addresses.
PEOPLE = [
    (
        "kalundborg-symbiose",
        "Mette Holm Sørensen",
        ("Sekretariatschef", "Head of secretariat"),
        "mette.holm@example.org",
        "+45 55 55 01 01",
        10,
        True,
    ),
    (
        "kalundborg-symbiose",
        "Jonas Kragh",
        ("Senior symbioseudvikler", "Senior symbiosis developer"),
        "jonas.kragh@example.org",
        "+45 55 55 01 02",
        20,
        False,
    ),
    (
        "kalundborg-symbiose",
        "Sara Nygaard",
        ("Projektleder og kommunikatør", "Project manager and communications"),
        "sara.nygaard@example.org",
        "+45 55 55 01 03",
        30,
        True,
    ),
    (
        "kalundborg-symbiose",
        "Anders Bech",
        ("Senior projektleder", "Senior project manager"),
        "anders.bech@example.org",
        "+45 55 55 01 04",
        40,
        False,
    ),
    (
        "orsted",
        "Kirsten Lund",
        ("Driftschef, Asnæsværket", "Operations manager, Asnæs power station"),
        "kirsten.lund@example.org",
        "+45 55 55 02 01",
        10,
        False,
    ),
    (
        "novo-nordisk",
        "Peter Vang",
        ("Miljøkoordinator", "Environmental coordinator"),
        "peter.vang@example.org",
        "+45 55 55 03 01",
        10,
        False,
    ),
]


def load_people():
    changed = 0
    _secretariat, c = upsert(
        Partner,
        {"slug": SECRETARIAT[0]},
        name=SECRETARIAT[1],
        kind=Partner.Kind.OTHER,
        membership=Partner.Membership.NONE,
        sector_da="Sekretariat",
        sector_en="Secretariat",
        summary_da="Foreningens sekretariat, der samler partnerne og udvikler nye symbioser.",
        summary_en="The association's secretariat, which brings the partners together and "
        "develops new symbioses.",
        postcode="4400",
        town="Kalundborg",
    )
    changed += c
    partners = {p.slug: p for p in Partner.objects.all()}
    for slug, name, (role_da, role_en), email, phone, order, press in PEOPLE:
        _person, c = upsert(
            Person,
            {"organisation": partners[slug], "name": name},
            role_da=role_da,
            role_en=role_en,
            email=email,
            phone=phone,
            order=order,
            is_press_contact=press,
            is_public=True,
        )
        changed += c
    for slug, name, year_from, year_to in FORMER_NAMES:
        _obj, c = upsert(
            FormerName,
            {"partner": partners[slug], "name": name},
            year_from=year_from,
            year_to=year_to,
        )
        changed += c
    return changed


def load_partners():
    """Create or update the demo partners and their logo tiles. Returns rows changed."""
    changed_count = 0
    for slug, name, kind, membership, year, colour, sector, summary in PARTNERS:
        partner, changed = upsert(
            Partner,
            {"slug": slug},
            name=name,
            kind=kind,
            membership=membership,
            year_joined=year,
            sector_da=sector[0],
            sector_en=sector[1],
            summary_da=summary[0],
            summary_en=summary[1],
            is_public=True,
            postcode="4400",
            town="Kalundborg",
            latitude=Decimal(SITES[slug][0]) if slug in SITES else None,
            longitude=Decimal(SITES[slug][1]) if slug in SITES else None,
        )
        changed_count += changed
        changed_count += attach_image(partner, "logo", f"{slug}.png", logo_png(name, colour))
    return changed_count + load_people() + load_board()


# The association was founded on 16 December 2019 (DOMAIN.md, "History"); its own
# secretariat opened on 1 April 2020. Board members are the real member organisations;
# the people holding the seats are fictional. A seat starts at the founding, or on
# 1 January of the year the partner joined when that is later.
FOUNDED = datetime.date(2019, 12, 16)
NEW_CHAIR = datetime.date(2022, 5, 1)
CHAIR = BoardSeat.Office.CHAIR
VICE_CHAIR = BoardSeat.Office.VICE_CHAIR
MEMBER = BoardSeat.Office.MEMBER

# partner slug, office, person, from, until. A person listed in PEOPLE is linked; any
# other fictional representative's name is kept on the seat only.
BOARD = [
    # The first board: the refinery's representative chaired it until spring 2022,
    # when Novo Nordisk's member took over the chair.
    ("kalundborg-refinery", CHAIR, "Henrik Damgaard", FOUNDED, NEW_CHAIR - datetime.timedelta(1)),
    ("novo-nordisk", MEMBER, "Lars Winther Mogensen", FOUNDED, NEW_CHAIR - datetime.timedelta(1)),
    ("novo-nordisk", CHAIR, "Lars Winther Mogensen", NEW_CHAIR, None),
    ("kalundborg-refinery", MEMBER, "Camilla Riis", NEW_CHAIR, None),
    ("novonesis", VICE_CHAIR, "Birgitte Aagaard", FOUNDED, None),
    ("orsted", MEMBER, "Kirsten Lund", FOUNDED, None),
    ("argo", MEMBER, "Thomas Kjær Olsen", FOUNDED, None),
    ("avista-green", MEMBER, "Louise Brandt", FOUNDED, None),
    ("kalundborg-bioenergi", MEMBER, "Martin Skovgaard", FOUNDED, None),
    ("kalundborg-forsyning", MEMBER, "Hanne Østergaard", FOUNDED, None),
    ("kalundborg-kommune", MEMBER, "Niels Thorup", FOUNDED, None),
    ("meliora-bio", MEMBER, "Rasmus Fogh", FOUNDED, None),
    ("boehringer-ingelheim", MEMBER, "Katrine Lindholm", FOUNDED, None),
    (
        SECRETARIAT[0],
        BoardSeat.Office.HEAD_OF_SECRETARIAT,
        "Mette Holm Sørensen",
        datetime.date(2020, 4, 1),
        None,
    ),
]


def load_board():
    """The board and the head of secretariat, now and since the founding. Returns rows changed."""
    changed = 0
    partners = {p.slug: p for p in Partner.objects.all()}
    people = {(p.organisation_id, p.name): p for p in Person.objects.all()}
    for slug, office, name, started, ended in BOARD:
        partner = partners[slug]
        joined = partner.year_joined
        if joined and started == FOUNDED and datetime.date(joined, 1, 1) > FOUNDED:
            started = datetime.date(joined, 1, 1)
        person = people.get((partner.pk, name))
        _seat, c = upsert(
            BoardSeat,
            {"partner": partner, "office": office, "started": started},
            person=person,
            person_name="" if person else name,
            ended=ended,
        )
        changed += c
    return changed
