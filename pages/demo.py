"""The secretariat's own pages in the demo: about, governance, strategy and contact.

Written in our own words from the symbiosis's website and press texts.

The app's models are reached as `models.X`: the plain names are the demo's records.
"""

from dataclasses import dataclass

from pages import models
from symbiosis.demo import upsert_record

MAIN = models.Page.Navigation.MAIN
FOOTER = models.Page.Navigation.FOOTER
Feature = models.Page.Feature


@dataclass(frozen=True)
class Page:
    """A published page; `navigation` and `nav_order` place its link."""

    slug: str
    navigation: str
    nav_order: int
    feature: str
    title_da: str
    title_en: str
    lead_da: str
    lead_en: str
    body_da: str
    body_en: str


PAGES = [
    Page(
        slug="om-symbiosen",
        navigation=MAIN,
        nav_order=10,
        feature=Feature.NONE,
        title_da="Om symbiosen",
        title_en="About the symbiosis",
        lead_da=(
            "I Kalundborg deler byens største virksomheder og forsyningen overskud af energi, "
            "vand og materialer, så den enes rest bliver den andens råvare."
        ),
        lead_en=(
            "In Kalundborg the town's largest companies and its utility share surplus energy, "
            "water and materials, so that one's leftover becomes another's raw material."
        ),
        body_da=(
            "<p>Samarbejdet begyndte i 1961 med en rørledning fra Tissø til det nye raffinaderi. "
            "Siden er der kommet strømme af damp, fjernvarme, gips, biomasse og vand til, mellem "
            "offentlige og private virksomheder, der er fysisk forbundet med hinanden.</p>"
            "<h2>Overskud på flere måder</h2>"
            "<p>Symbiosen giver overskud på bundlinjen, men også for klimaet, lokalsamfundet og "
            "de studerende og forskere, der lærer af modellen. Vi deler gerne erfaringerne: "
            "nye partnere, der vil dele og eksperimentere, er altid velkomne.</p>"
        ),
        body_en=(
            "<p>The cooperation began in 1961 with a pipeline from Lake Tissø to the new "
            "refinery. Since then, streams of steam, district heating, gypsum, biomass and water "
            "have been added, between public and private companies that are physically "
            "connected.</p>"
            "<h2>Surplus in more than one sense</h2>"
            "<p>The symbiosis pays on the bottom line, and also for the climate, the local "
            "community and the students and researchers who learn from the model. We share what "
            "we know: new partners who want to share and experiment are always welcome.</p>"
        ),
    ),
    Page(
        slug="ledelse",
        navigation=FOOTER,
        nav_order=20,
        feature=Feature.BOARD,
        title_da="Ledelse",
        title_en="Governance",
        lead_da=(
            "Kalundborg Symbiose er en almennyttig forening, ledet af en generalforsamling, "
            "en bestyrelse og en sekretariatschef ansat af bestyrelsen."
        ),
        lead_en=(
            "Kalundborg Symbiosis is a non-profit association, governed by a general assembly, "
            "a board and a head of secretariat employed by the board."
        ),
        body_da=(
            "<h2>Foreningen</h2>"
            "<p>Symbiosen blev en forening den 16. december 2019 og fik sit eget sekretariat den "
            "1. april 2020. Medlemmerne er virksomheder, forsyningen og kommunen.</p>"
            "<h2>Generalforsamlingen</h2>"
            "<p>Generalforsamlingen er foreningens øverste myndighed og vælger bestyrelsen. "
            "Associerede medlemmer betaler et lavere kontingent og har ikke plads i "
            "bestyrelsen.</p>"
        ),
        body_en=(
            "<h2>The association</h2>"
            "<p>The symbiosis became an association on 16 December 2019 and got its own "
            "secretariat on 1 April 2020. Its members are companies, the utility and the "
            "municipality.</p>"
            "<h2>The general assembly</h2>"
            "<p>The general assembly is the association's highest authority and elects the "
            "board. Associate members pay a lower fee and have no seat on the board.</p>"
        ),
    ),
    Page(
        slug="strategi",
        navigation=FOOTER,
        nav_order=30,
        feature=Feature.NONE,
        title_da="Strategi",
        title_en="",  # English on its way: visitors see the Danish text, marked as Danish.
        lead_da=(
            "Kalundborg Symbiose vil være verdens førende industrielle symbiose med en cirkulær "
            "tilgang til produktion."
        ),
        lead_en="",
        body_da=(
            "<p>Strategien fra 2017 satte målet om ti nye symbioseprojekter inden 2025. Siden "
            "2024 arbejder sekretariatet på et datadrevet diagram og på at matche virksomheders "
            "overskud med andres behov.</p>"
        ),
        body_en="",
    ),
    Page(
        slug="kontakt",
        navigation=MAIN,
        nav_order=90,
        feature=Feature.CONTACT,
        title_da="Kontakt",
        title_en="Contact",
        lead_da="Sekretariatet svarer på spørgsmål om symbiosen, medlemskab, besøg og presse.",
        lead_en=(
            "The secretariat answers questions about the symbiosis, membership, visits and "
            "the press."
        ),
        body_da="",
        body_en="",
    ),
]


def load():
    """Create or refresh the demo pages, all published; return how many changed."""
    changed = 0
    for page in PAGES:
        _obj, c = upsert_record(models.Page, page, status=models.Page.Status.PUBLISHED)
        changed += c
    return changed
