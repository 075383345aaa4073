"""Demo projects: four the symbiosis has taken part in, in our own words.

The secretariat project comes from its description on fehmarnbeltprojects.com. Only the
published figures are used: VALUEWASTE's budget is not known here, so it is left
empty and the site says "not stated". UBIS's exact start and end days are not
known, so it is shown in years only; Baltic Industrial Symbiosis in months.

The app's models are reached as `models.X`: the plain names are the demo's records.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from partners.models import Partner
from projects import models
from projects.models import Country, Currency
from symbiosis.demo import upsert_record

DKK, EUR = Currency.DKK, Currency.EUR
Precision = models.Project.Precision


@dataclass(frozen=True)
class Funding:
    source_da: str
    source_en: str
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class Participant:
    """A partner (by slug) or another organisation (by name) in a project."""

    partner: str | None = None
    name: str = ""
    country: str = Country.DK
    role_da: str = ""
    role_en: str = ""


@dataclass(frozen=True)
class Project:
    slug: str
    order: int
    title_da: str
    title_en: str
    programme_da: str
    programme_en: str
    start: datetime.date
    end: datetime.date
    date_precision: str
    total_budget: Decimal | None
    currency: str
    summary_da: str
    summary_en: str
    acronym: str = ""
    fund: str = ""
    grant_reference: str = ""
    amended_end: datetime.date | None = None
    grant_holder: str | None = None  # partner slug
    grant_holder_name: str = ""
    partner_count: int | None = None
    country_count: int | None = None
    website: str = ""
    description_da: str = ""
    description_en: str = ""
    fundings: tuple[Funding, ...] = ()
    participants: tuple[Participant, ...] = ()


def erdf(amount, currency):
    """A grant from the European Regional Development Fund."""
    return Funding(
        source_da="Den Europæiske Fond for Regionaludvikling",
        source_en="European Regional Development Fund",
        amount=amount,
        currency=currency,
    )


SECRETARIAT = Participant(partner="kalundborg-symbiose")

PROJECTS = [
    Project(
        slug="regionalt-symbiosesekretariat",
        order=10,
        acronym="",
        title_da="Etablering af regionalt Symbiosesekretariat",
        title_en="A regional symbiosis secretariat",
        programme_da="EU's Regionalfond",
        programme_en="EU Regional Fund",
        fund="ERDF",
        start=datetime.date(2010, 12, 1),
        end=datetime.date(2014, 11, 30),
        date_precision=Precision.DAY,
        total_budget=Decimal("11999467"),
        currency=DKK,
        grant_holder="kalundborg-kommune",
        summary_da=(
            "Kalundborg, Holbæk og Odsherred kommuner oprettede sammen et sekretariat, der "
            "skulle finde nye restfraktioner og sidestrømme, udbrede symbiosetanken i regionen "
            "og hjælpe nye samarbejder mellem virksomheder i gang."
        ),
        summary_en=(
            "Kalundborg, Holbæk and Odsherred municipalities set up a joint secretariat to find "
            "new residues and side streams, spread the symbiosis approach across the region and "
            "help new partnerships between companies get started."
        ),
        description_da=(
            "<p>Symbiosen i Kalundborg bygger på, at én virksomheds restprodukt er en anden "
            "virksomheds råvare. Sekretariatet skulle bruge den tilgang som drivkraft for vækst "
            "og arbejdspladser i de tre kommuner og resten af regionen.</p>"
            "<p>Opgaverne var at:</p>"
            "<ul><li>finde nye restfraktioner og sidestrømme,</li>"
            "<li>gøre det attraktivt for virksomheder uden for Kalundborg at bruge "
            "symbiosens principper,</li>"
            "<li>gøre symbiosetanken synlig, også over for samarbejdspartnere i udlandet,</li>"
            "<li>være facilitator og iværksætter for nye symbiosesamarbejder.</li></ul>"
            "<p>Målet var, at regionen skulle blive Danmarks førende kompetencecenter for "
            "genanvendelse af restfraktioner.</p>"
        ),
        description_en=(
            "<p>The symbiosis in Kalundborg rests on the idea that one company's residue is "
            "another's raw material. The secretariat was to use that approach to bring growth "
            "and jobs to the three municipalities and the wider region.</p>"
            "<p>Its tasks were to:</p>"
            "<ul><li>find new residues and side streams,</li>"
            "<li>make the symbiosis principles attractive to companies outside Kalundborg,</li>"
            "<li>make the symbiosis approach visible, also to partners abroad,</li>"
            "<li>act as facilitator and starter of new symbiosis partnerships.</li></ul>"
            "<p>The aim was for the region to become Denmark's leading centre of expertise in "
            "reusing residues.</p>"
        ),
        fundings=(
            Funding(
                source_da="EU's Regionalfond",
                source_en="EU Regional Fund",
                amount=Decimal("5999467"),
                currency=DKK,
            ),
        ),
        participants=(
            Participant(
                partner="kalundborg-kommune",
                role_da="Tilskudsmodtager",
                role_en="Grant holder",
            ),
            Participant(name="Holbæk Kommune"),
            Participant(name="Odsherred Kommune"),
        ),
    ),
    Project(
        slug="baltic-industrial-symbiosis",
        order=20,
        title_da="Baltic Industrial Symbiosis",
        title_en="Baltic Industrial Symbiosis",
        programme_da="Interreg Baltic Sea Region",
        programme_en="Interreg Baltic Sea Region",
        fund="ERDF",
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2021, 6, 30),
        amended_end=datetime.date(2021, 12, 31),
        date_precision=Precision.MONTH,
        total_budget=Decimal("2500000"),
        currency=EUR,
        summary_da=(
            "Et Interreg-projekt i Østersøregionen om industriel symbiose. Projektet skulle "
            "slutte i juni 2021, men blev ifølge programmets hjemmeside forlænget til "
            "december 2021."
        ),
        summary_en=(
            "An Interreg project on industrial symbiosis in the Baltic Sea region. It was due "
            "to end in June 2021 and, according to the programme's website, was extended to "
            "December 2021."
        ),
        fundings=(erdf(Decimal("1300000"), EUR),),
        participants=(SECRETARIAT,),
    ),
    Project(
        slug="valuewaste",
        order=30,
        acronym="VALUEWASTE",
        title_da="VALUEWASTE",
        title_en="VALUEWASTE",
        programme_da="Horizon 2020",
        programme_en="Horizon 2020",
        grant_reference="818312",
        start=datetime.date(2018, 11, 1),
        end=datetime.date(2022, 10, 31),
        date_precision=Precision.DAY,
        total_budget=None,
        currency=EUR,
        partner_count=17,
        country_count=6,
        summary_da=(
            "Et Horizon 2020-projekt med 17 partnere fra 6 lande og pilotanlæg i Murcia og "
            "Kalundborg."
        ),
        summary_en=(
            "A Horizon 2020 project with 17 partners from 6 countries and pilots in Murcia and "
            "Kalundborg."
        ),
        participants=(SECRETARIAT,),
    ),
    Project(
        slug="ubis",
        order=40,
        acronym="UBIS",
        title_da="UBIS",
        title_en="UBIS",
        programme_da="Interreg South Baltic",
        programme_en="Interreg South Baltic",
        fund="ERDF",
        start=datetime.date(2017, 1, 1),
        end=datetime.date(2019, 12, 31),
        date_precision=Precision.YEAR,
        total_budget=Decimal("1968401.16"),
        currency=EUR,
        partner_count=10,
        summary_da=(
            "Et Interreg South Baltic-projekt med 10 partnere, der løb fra 2017 til 2019. "
            "De præcise start- og slutdatoer kendes ikke her."
        ),
        summary_en=(
            "An Interreg South Baltic project with 10 partners that ran from 2017 to 2019. "
            "The exact start and end days are not known here."
        ),
        fundings=(erdf(Decimal("1547123.91"), EUR),),
        participants=(SECRETARIAT,),
    ),
]


def load():
    """Create or refresh the demo projects; return how many rows were created or changed."""
    partners = {p.slug: p for p in Partner.objects.all()}
    changed = 0
    for project in PROJECTS:
        holder = project.grant_holder
        obj, c = upsert_record(
            models.Project,
            project,
            exclude={"fundings", "participants"},
            grant_holder=partners.get(holder) if holder else None,
            is_public=True,
        )
        changed += c
        for order, funding in enumerate(project.fundings, start=1):
            lookup = {"project": obj, "order": order}
            _funding, c = upsert_record(models.Funding, funding, lookup)
            changed += c
        for order, participant in enumerate(project.participants, start=1):
            partner = partners.get(participant.partner) if participant.partner else None
            if participant.partner and partner is None:
                continue  # the partners demo was not loaded
            lookup = {"project": obj, "order": order * 10}
            _participant, c = upsert_record(
                models.Participant, participant, lookup, partner=partner
            )
            changed += c
    return changed
