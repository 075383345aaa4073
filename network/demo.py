"""Demo content for the national network, in our own words.

Facts from ../shared/DOMAIN.md ("The national network") and seed 003 (the launch of
Symbiose Netværk Danmark in the week of COP26, November 2021). Positions are the
approximate centres of the towns, not the sites. Founding years and websites are
given only where the sources state them; the rest are left empty, not guessed.
"""

from decimal import Decimal

from network.models import Symbiosis
from symbiosis.demo import upsert

FOUNDER = Symbiosis.Role.FOUNDER
MEMBER = Symbiosis.Role.MEMBER
FACILITATOR = Symbiosis.Role.FACILITATOR

# slug, name, town, (lat, lon), coordinator, founded, website, role, order, description (da, en)
SYMBIOSES = [
    (
        "kalundborg-symbiose",
        "Kalundborg Symbiose",
        "Kalundborg",
        ("55.6796", "11.0886"),
        "Kalundborg Symbioses sekretariat",
        1961,
        "https://www.symbiosis.dk/",
        FOUNDER,
        10,
        (
            "Verdens første industrielle symbiose, hvor byens virksomheder deler energi, vand og "
            "materialer. Bringer årtiers erfaring og afprøvede metoder ind i netværket.",
            "The world's first industrial symbiosis, where the town's companies share energy, "
            "water and materials. Brings decades of experience and tested methods to the network.",
        ),
    ),
    (
        "center-for-logistik-og-samarbejde",
        "Center for Logistik og Samarbejde",
        "Aalborg",
        ("57.0488", "9.9217"),
        "Port of Aalborg",
        None,
        "",
        FOUNDER,
        20,
        (
            "Datterselskab af Port of Aalborg, der driver symbiosearbejdet i Nordjylland og "
            "sammen med Aalborg Universitet har dokumenteret samarbejdet mellem nordjyske "
            "virksomheder.",
            "A subsidiary of Port of Aalborg that drives symbiosis work in North Jutland and, "
            "with Aalborg University, has documented cooperation between companies in the region.",
        ),
    ),
    (
        "transition",
        "Transition",
        "Aarhus",
        ("56.1629", "10.2039"),
        "Transition",
        None,
        "https://transition.nu/",
        FOUNDER,
        30,
        (
            "Rådgivningsvirksomhed med kontor i Aarhus og København, der hjælper symbiosesamarbejder "
            "i gang rundt om i landet.",
            "A consultancy with offices in Aarhus and Copenhagen that helps symbiosis partnerships "
            "get started around the country.",
        ),
    ),
    (
        "industriel-symbiose-nord",
        "Industriel Symbiose Nord",
        "Aalborg",
        ("57.0488", "9.9217"),
        "",
        None,
        "",
        MEMBER,
        40,
        (
            "Nordjysk symbiose, hvor virksomheder omkring Aalborg udveksler rest- og "
            "ressourcestrømme.",
            "",  # left for the secretariat to translate: the English page shows the fallback
        ),
    ),
    (
        "symbiosen-bjaeverskov",
        "Symbiosen Bjæverskov",
        "Bjæverskov",
        ("55.4570", "12.0340"),
        "",
        None,
        "",
        MEMBER,
        50,
        (
            "Lokal symbiose på Østsjælland, hvor virksomhederne i området deler ressourcer.",
            "A local symbiosis in eastern Zealand where companies in the area share resources.",
        ),
    ),
    (
        "symbiosis-center-denmark",
        "Symbiosis Center Denmark",
        "Kalundborg",
        ("55.6796", "11.0886"),
        "",
        None,
        "",
        FACILITATOR,
        60,
        (
            "Nationalt center, der faciliterer nye symbioser og deler viden om industriel "
            "symbiose i hele Danmark.",
            "A national centre that facilitates new symbioses and shares knowledge about "
            "industrial symbiosis throughout Denmark.",
        ),
    ),
]


def load():
    """Create or refresh the demo rows; return how many were created or changed."""
    changed = 0
    for (
        slug,
        name,
        town,
        (latitude, longitude),
        coordinator,
        founded,
        website,
        role,
        order,
        (description_da, description_en),
    ) in SYMBIOSES:
        _obj, c = upsert(
            Symbiosis,
            {"slug": slug},
            name=name,
            town=town,
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
            coordinator=coordinator,
            founded=founded,
            website=website,
            role=role,
            order=order,
            description_da=description_da,
            description_en=description_en,
            is_public=True,
        )
        changed += c
    return changed
