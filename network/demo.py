"""Demo content for the national network, in our own words.

Facts from the network's published description and the announcement of its launch
(Symbiose Netværk Danmark, in the week of COP26, November 2021). Positions are the
approximate centres of the towns, not the sites. Founding years and websites are
given only where the sources state them; the rest are left empty, not guessed.

The app's models are reached as `models.X`: the plain names are the demo's records.
"""

from dataclasses import dataclass
from decimal import Decimal

from network import models
from symbiosis.demo import upsert_record

FOUNDER = models.Symbiosis.Role.FOUNDER
MEMBER = models.Symbiosis.Role.MEMBER
FACILITATOR = models.Symbiosis.Role.FACILITATOR


@dataclass(frozen=True)
class Symbiosis:
    slug: str
    name: str
    town: str
    latitude: str  # the town's approximate centre
    longitude: str
    role: str
    order: int
    description_da: str
    description_en: str
    coordinator: str = ""
    founded: int | None = None
    website: str = ""


SYMBIOSES = [
    Symbiosis(
        slug="kalundborg-symbiose",
        name="Kalundborg Symbiose",
        town="Kalundborg",
        latitude="55.6796",
        longitude="11.0886",
        coordinator="Kalundborg Symbioses sekretariat",
        founded=1961,
        website="https://www.symbiosis.dk/",
        role=FOUNDER,
        order=10,
        description_da=(
            "Verdens første industrielle symbiose, hvor byens virksomheder deler energi, vand og "
            "materialer. Bringer årtiers erfaring og afprøvede metoder ind i netværket."
        ),
        description_en=(
            "The world's first industrial symbiosis, where the town's companies share energy, "
            "water and materials. Brings decades of experience and tested methods to the network."
        ),
    ),
    Symbiosis(
        slug="center-for-logistik-og-samarbejde",
        name="Center for Logistik og Samarbejde",
        town="Aalborg",
        latitude="57.0488",
        longitude="9.9217",
        coordinator="Port of Aalborg",
        role=FOUNDER,
        order=20,
        description_da=(
            "Datterselskab af Port of Aalborg, der driver symbiosearbejdet i Nordjylland og "
            "sammen med Aalborg Universitet har dokumenteret samarbejdet mellem nordjyske "
            "virksomheder."
        ),
        description_en=(
            "A subsidiary of Port of Aalborg that drives symbiosis work in North Jutland and, "
            "with Aalborg University, has documented cooperation between companies in the region."
        ),
    ),
    Symbiosis(
        slug="transition",
        name="Transition",
        town="Aarhus",
        latitude="56.1629",
        longitude="10.2039",
        coordinator="Transition",
        website="https://transition.nu/",
        role=FOUNDER,
        order=30,
        description_da=(
            "Rådgivningsvirksomhed med kontor i Aarhus og København, der hjælper symbiosesamarbejder "
            "i gang rundt om i landet."
        ),
        description_en=(
            "A consultancy with offices in Aarhus and Copenhagen that helps symbiosis partnerships "
            "get started around the country."
        ),
    ),
    Symbiosis(
        slug="industriel-symbiose-nord",
        name="Industriel Symbiose Nord",
        town="Aalborg",
        latitude="57.0488",
        longitude="9.9217",
        role=MEMBER,
        order=40,
        description_da=(
            "Nordjysk symbiose, hvor virksomheder omkring Aalborg udveksler rest- og "
            "ressourcestrømme."
        ),
        description_en="",  # left for the secretariat to translate: the English page shows the fallback
    ),
    Symbiosis(
        slug="symbiosen-bjaeverskov",
        name="Symbiosen Bjæverskov",
        town="Bjæverskov",
        latitude="55.4570",
        longitude="12.0340",
        role=MEMBER,
        order=50,
        description_da="Lokal symbiose på Østsjælland, hvor virksomhederne i området deler ressourcer.",
        description_en="A local symbiosis in eastern Zealand where companies in the area share resources.",
    ),
    Symbiosis(
        slug="symbiosis-center-denmark",
        name="Symbiosis Center Denmark",
        town="Kalundborg",
        latitude="55.6796",
        longitude="11.0886",
        role=FACILITATOR,
        order=60,
        description_da=(
            "Nationalt center, der faciliterer nye symbioser og deler viden om industriel "
            "symbiose i hele Danmark."
        ),
        description_en=(
            "A national centre that facilitates new symbioses and shares knowledge about "
            "industrial symbiosis throughout Denmark."
        ),
    ),
]


def load():
    """Create or refresh the demo rows; return how many were created or changed."""
    changed = 0
    for symbiosis in SYMBIOSES:
        _obj, c = upsert_record(
            models.Symbiosis,
            symbiosis,
            latitude=Decimal(symbiosis.latitude),
            longitude=Decimal(symbiosis.longitude),
            is_public=True,
        )
        changed += c
    return changed
