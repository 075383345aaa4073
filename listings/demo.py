"""Demo listings of the side-stream exchange: offers and wants, and the secretariat's matches.

Real side streams of Kalundborg and its neighbours (fly ash from the wood-chip boiler at
Asnæs, biogas and CO₂ from the biogas plant, treated waste water, surplus heat…) posted
by the partners, and others posted by organisations that are not partners: invented
ones in Holbæk, Odsherred and the rest of the country, kept as partners that are not
shown on the website (as the posting form keeps them), with fictional contact people.
Partners' listings name no contact: the secretariat reaches the partner's people.

Each listing is found again by its `key` ("demo-offer-fly-ash"), each match by its
offer and want: loading twice changes nothing. Dates are counted from today (when a
listing came in, was published, is available until), so the list always has fresh
listings and a few that expire within the reminder's 14 days.

The established match goes through `listings.workflow` step by step and leaves its
planned flow (biogas, Kalundborg Bioenergi → Unibio) on the diagram; its two sides have
no contact address, so no introduction mail goes out. The other matches are written as
rows directly, as enquiries/demo.py does: no mail goes to the made-up contacts, and
loading the demo needs no SITE_URL. A match already there is left as it is.

The app's models are reached as `models.X`: the plain names are the demo's records.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from exchanges.models import Category, Resource
from exchanges.units import Unit
from listings import models, workflow
from partners.models import Partner
from symbiosis import dates
from symbiosis.demo import record_fields, upsert, upsert_record

OFFER = models.Kind.OFFER
WANT = models.Kind.WANT
SURPLUS = models.OfferType.SURPLUS
BY_PRODUCT = models.OfferType.BY_PRODUCT
HEAT = models.OfferType.HEAT
WATER = models.OfferType.WATER
CAPACITY = models.OfferType.CAPACITY
ENERGY = Category.ENERGY
WATER_CATEGORY = Category.WATER
MATERIAL = Category.MATERIAL
PUBLIC = models.Visibility.PUBLIC
ANONYMOUS = models.Visibility.ANONYMOUS
SECRETARIAT = models.Visibility.SECRETARIAT
DRAFT = models.Status.DRAFT
REVIEW = models.Status.REVIEW
PUBLISHED = models.Status.PUBLISHED
MATCHED = models.Status.MATCHED
CLOSED = models.Status.CLOSED
EXPIRED = models.Status.EXPIRED
Stage = models.Stage
Why = models.RejectionReason
ONCE = models.Per.ONCE
WEEK = models.Per.WEEK
MONTH = models.Per.MONTH
YEAR = models.Per.YEAR


@dataclass(frozen=True)
class Organisation:
    """An organisation that is not a partner (invented): kept as an unpublished partner,
    "not a member", so that it has a name, a town, a position and an industry."""

    slug: str
    name: str
    nace: str
    street: str
    postcode: str
    town: str
    latitude: str
    longitude: str
    sector_da: str
    sector_en: str
    summary_da: str
    summary_en: str = ""
    kind: str = Partner.Kind.COMPANY


@dataclass(frozen=True)
class Listing:
    """One offer or want. Days are counted from the day the demo is loaded: `posted` and
    `published` days ago, `starts` and `ends` days from today (negative: in the past),
    `ended` days ago for a closed or expired listing. Without `latitude`, the listing
    stands where its organisation does."""

    key: str
    kind: str
    organisation: str  # partner slug
    category: str
    title_da: str = ""
    title_en: str = ""
    description_da: str = ""
    description_en: str = ""
    offer_type: str = ""
    resource: str = ""  # exchanges resource slug
    ewc_code: str = ""
    nace_code: str = ""  # empty: the organisation's
    quantity: Decimal | None = None
    unit: str = ""
    per: str = ""
    quality: str = ""
    temperature: Decimal | None = None
    pressure: Decimal | None = None
    place: str = "Kalundborg"
    latitude: str | None = None
    longitude: str | None = None
    starts: int | None = None
    ends: int | None = None
    visibility: str = PUBLIC
    status: str = PUBLISHED
    language: str = "da"
    contact_name: str = ""
    contact_email: str = ""
    posted: int = 30
    published: int | None = None
    ended: int | None = None


@dataclass(frozen=True)
class Reason:
    """Why a match was suggested, in both languages (as the matcher gives it)."""

    da: str
    en: str

    def text(self, language):
        return self.en if language == "en" else self.da


@dataclass(frozen=True)
class Step:
    """A match's move to `stage`, `days_ago` days ago."""

    stage: str
    days_ago: int
    comment: str = ""
    rejection_reason: str = ""


@dataclass(frozen=True)
class Match:
    offer: str  # listing key
    want: str  # listing key
    score: Decimal
    reasons: tuple[Reason, ...]
    suggested: int  # days ago
    steps: tuple[Step, ...] = ()
    # Through listings.workflow (the established match: its planned flow and the
    # listings marked matched come from there).
    through_workflow: bool = False


def _organisation(slug, name, nace, street, postcode, town, position, sector, summary, **more):
    latitude, longitude = position
    return Organisation(
        slug=slug,
        name=name,
        nace=nace,
        street=street,
        postcode=postcode,
        town=town,
        latitude=latitude,
        longitude=longitude,
        sector_da=sector[0],
        sector_en=sector[1],
        summary_da=summary[0],
        summary_en=summary[1],
        **more,
    )


ORGANISATIONS = [
    # Holbæk
    _organisation(
        "holbaek-betonvarer",
        "Holbæk Betonvarer A/S",
        "23.61",
        "Stenhuggervej 14",
        "4300",
        "Holbæk",
        ("55.70400", "11.68500"),
        ("Betonvarer", "Concrete products"),
        (
            "Støber fliser, kantsten og brønde til veje og haver.",
            "Casts paving, kerbs and manholes for roads and gardens.",
        ),
    ),
    _organisation(
        "holbaek-fjordmejeri",
        "Holbæk Fjordmejeri",
        "10.51",
        "Mejerivej 3",
        "4300",
        "Holbæk",
        ("55.72000", "11.74000"),
        ("Mejeri", "Dairy"),
        (
            "Andelsmejeri, der laver skyr, kvark og frisk ost.",
            "Co-operative dairy making skyr, quark and fresh cheese.",
        ),
    ),
    _organisation(
        "holbaek-nedbrydning",
        "Holbæk Nedbrydning og Genbrug ApS",
        "38.32",
        "Knusevej 7",
        "4300",
        "Holbæk",
        ("55.70000", "11.76000"),
        ("Nedbrydning og genbrug", "Demolition and recycling"),
        (
            "Nedriver bygninger og knuser beton og tegl til genbrug.",
            "Demolishes buildings and crushes concrete and brick for reuse.",
        ),
    ),
    _organisation(
        "vestsjaellands-vejanlaeg",
        "Vestsjællands Vejanlæg ApS",
        "42.11",
        "Asfaltvej 2",
        "4300",
        "Holbæk",
        ("55.69500", "11.72500"),
        ("Vejbygning", "Road building"),
        (
            "Anlægger og vedligeholder veje, stier og pladser i Vestsjælland.",
            "Builds and maintains roads, paths and yards in West Zealand.",
        ),
    ),
    _organisation(
        "tolloese-vaeksthuse",
        "Tølløse Væksthuse I/S",
        "01.13",
        "Drivhusvej 21",
        "4340",
        "Tølløse",
        ("55.61500", "11.76500"),
        ("Væksthusgartneri", "Greenhouse grower"),
        (
            "Dyrker tomater og agurker under glas hele året.",
            "Grows tomatoes and cucumbers under glass all year round.",
        ),
    ),
    _organisation(
        "svinninge-kvaeg",
        "Svinninge Kvæg og Planteavl I/S",
        "01.50",
        "Bakkegården, Svinningevej 40",
        "4520",
        "Svinninge",
        ("55.72500", "11.45000"),
        ("Landbrug", "Farming"),
        (
            "Familielandbrug med malkekvæg og 300 ha planteavl.",
            "Family farm with dairy cattle and 300 ha of crops.",
        ),
    ),
    _organisation(
        "aamose-biogas",
        "Åmose Biogas I/S",
        "35.21",
        "Mosevej 5",
        "4450",
        "Jyderup",
        ("55.63500", "11.43000"),
        ("Biogas", "Biogas"),
        (
            "Landmændenes biogasanlæg ved Åmosen; afgasset gylle og restprodukter går "
            "tilbage til markerne.",
            "The farmers' biogas plant by the Åmose bog; digestate goes back to the fields.",
        ),
    ),
    # Kalundborg, not partners
    _organisation(
        "kalundborg-fjord-akvakultur",
        "Kalundborg Fjord Akvakultur ApS",
        "03.22",
        "Fjordvej 60",
        "4400",
        "Kalundborg",
        ("55.67000", "11.06000"),
        ("Fiskeopdræt", "Fish farming"),
        (
            "Opdrætter regnbueørred i et recirkuleret anlæg på land.",
            "Raises rainbow trout in a recirculating system on land.",
        ),
    ),
    # Odsherred
    _organisation(
        "odsherred-groentsagslaug",
        "Odsherred Grøntsagslaug",
        "01.13",
        "Lammefjordsvej 12",
        "4540",
        "Fårevejle",
        ("55.80000", "11.46000"),
        ("Grøntsagsavl", "Vegetable growing"),
        (
            "Sammenslutning af grøntsagsavlere på Lammefjorden, der pakker og sælger sammen.",
            "Growers on the reclaimed Lammefjord who pack and sell their vegetables together.",
        ),
        kind=Partner.Kind.OTHER,
    ),
    _organisation(
        "odsherred-bryglaug",
        "Odsherred Bryglaug",
        "11.05",
        "Havnegade 9",
        "4500",
        "Nykøbing Sjælland",
        ("55.92500", "11.67500"),
        ("Bryggeri", "Brewery"),
        (
            "Lille bryggeri i Nykøbing Sjælland med eget tapperi.",
            "Small brewery in Nykøbing Sjælland with its own bottling line.",
        ),
    ),
    _organisation(
        "sjaellands-odde-traevaerk",
        "Sjællands Odde Træværk",
        "16.10",
        "Savværksvej 4",
        "4583",
        "Sjællands Odde",
        ("55.97000", "11.37000"),
        ("Savværk", "Sawmill"),
        (
            "Saver og høvler dansk gran og fyr til byggeri og emballage.",
            "Saws and planes Danish spruce and pine for building and packaging.",
        ),
    ),
    _organisation(
        "odsherred-naturpleje",
        "Odsherred Skov- og Naturpleje",
        "02.40",
        "Skovridervej 2",
        "4573",
        "Højby",
        ("55.91000", "11.60000"),
        ("Skov- og naturpleje", "Forestry and landscape care"),
        (
            "Plejer skove, hegn og naturarealer for private og kommunen.",
            "Looks after woods, hedgerows and nature areas for owners and the municipality.",
        ),
    ),
    # The national network
    _organisation(
        "nordjysk-bioforbehandling",
        "Nordjysk Bioforbehandling ApS",
        "38.21",
        "Biovej 8",
        "9220",
        "Aalborg Øst",
        ("57.03000", "10.01000"),
        ("Forbehandling af madaffald", "Food waste pre-treatment"),
        (
            "Laver biopulp af kildesorteret madaffald fra husholdninger og storkøkkener.",
            "Turns source-separated food waste from homes and kitchens into bio-pulp.",
        ),
    ),
    _organisation(
        "horsens-plastformning",
        "Horsens Plastformning A/S",
        "22.29",
        "Formervej 11",
        "8700",
        "Horsens",
        ("55.85000", "9.82000"),
        ("Plastindustri", "Plastics"),
        (
            "Vakuumformer bakker og emballage af PET, PE og PP.",
            "Thermoforms trays and packaging in PET, PE and PP.",
        ),
    ),
    _organisation(
        "als-plastgenvinding",
        "Als Plastgenvinding ApS",
        "38.32",
        "Genbrugsvej 3",
        "6400",
        "Sønderborg",
        ("54.92000", "9.78000"),
        ("Plastgenvinding", "Plastics recycling"),
        (
            "Oparbejder rent plastaffald fra industrien til regranulat.",
            "Reprocesses clean plastic waste from industry into regranulate.",
        ),
    ),
    _organisation(
        "gradyb-fiskeindustri",
        "Grådyb Fiskeindustri A/S",
        "10.20",
        "Auktionsgade 30",
        "6700",
        "Esbjerg",
        ("55.46500", "8.43500"),
        ("Fiskeindustri", "Fish processing"),
        (
            "Filetterer og fryser fisk fra Nordsøen på havnen i Esbjerg.",
            "Fillets and freezes North Sea fish at the port of Esbjerg.",
        ),
    ),
    _organisation(
        "skive-brintpark",
        "Skive Brintpark ApS",
        "20.11",
        "Elektrolysevej 1",
        "7800",
        "Skive",
        ("56.59000", "9.01000"),
        ("Power-to-X", "Power-to-X"),
        (
            "Laver brint ved elektrolyse af vindstrøm og vil omdanne den til e-metanol.",
            "Makes hydrogen by electrolysis from wind power and means to turn it into e-methanol.",
        ),
    ),
    _organisation(
        "storstroem-teglvaerk",
        "Storstrøm Teglværk ApS",
        "23.32",
        "Lergravsvej 15",
        "4760",
        "Vordingborg",
        ("55.03000", "11.87000"),
        ("Teglværk", "Brickworks"),
        (
            "Brænder mursten og tagsten af ler fra egen grav.",
            "Fires bricks and roof tiles from clay dug on site.",
        ),
    ),
    _organisation(
        "susaa-emballage",
        "Suså Emballage ApS",
        "17.21",
        "Papvej 6",
        "4700",
        "Næstved",
        ("55.24000", "11.79000"),
        ("Papemballage", "Cardboard packaging"),
        (
            "Skærer og limer kasser af bølgepap til fødevareindustrien.",
            "Cuts and glues corrugated boxes for the food industry.",
        ),
    ),
]


LISTINGS = [
    # --- Kalundborg: the partners' offers -----------------------------------------------
    Listing(
        key="demo-offer-fly-ash",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="orsted",
        nace_code="35.11",
        category=MATERIAL,
        resource="fly-ash",
        ewc_code="100103",
        title_da="Flyveaske fra flisfyringen på Asnæsværket",
        title_en="Fly ash from the wood-chip boiler at Asnæs",
        description_da=(
            "Siden kraftværket gik fra kul til træflis, giver kedlen en flyveaske af en anden "
            "sammensætning end før. Vi søger aftagere, der kan bruge den i beton, cement eller "
            "som jordforbedring. Asken opsamles tør i elektrofiltret og kan hentes i silobil."
        ),
        description_en=(
            "Since the power station went from coal to wood chips, its boiler gives off a fly "
            "ash unlike the old one. We are looking for takers who can use it in concrete, "
            "cement or to improve soil. The ash is collected dry in the electrostatic filter "
            "and can be picked up by silo truck."
        ),
        quantity=Decimal("12000"),
        unit=Unit.T,
        per=YEAR,
        quality=(
            "Tør og pulverformig; rig på calcium og kalium; uforbrændt kulstof under 3 %. "
            "Analyse af tungmetaller kan sendes."
        ),
        starts=-90,
        posted=80,
        published=78,
    ),
    Listing(
        key="demo-offer-fgd-gypsum-surplus",
        kind=OFFER,
        offer_type=SURPLUS,
        organisation="orsted",
        nace_code="35.11",
        category=MATERIAL,
        resource="gypsum",
        ewc_code="100105",
        title_da="Overskud af røggasgips i sommerens revisionsperiode",
        title_en="Surplus flue-gas gypsum during the summer overhaul",
        description_da=(
            "Når gipsfabrikkens lager er fuldt i sommerpausen, står der gips fra "
            "røggasrensningen til overs. Kun for sekretariatet: mængden afhænger af aftalen "
            "med den faste aftager."
        ),
        description_en=(
            "When the plasterboard factory's store is full during the summer break, gypsum "
            "from the flue-gas cleaning is left over. For the secretariat only: the amount "
            "depends on the agreement with the regular taker."
        ),
        quantity=Decimal("4000"),
        unit=Unit.T,
        per=ONCE,
        quality="Fugtighed ca. 10 %; renhed over 95 % CaSO₄·2H₂O.",
        starts=120,
        ends=180,
        visibility=SECRETARIAT,
        posted=20,
        published=19,
    ),
    Listing(
        key="demo-offer-steam-capacity",
        kind=OFFER,
        offer_type=CAPACITY,
        organisation="orsted",
        nace_code="35.30",
        category=ENERGY,
        resource="steam",
        title_da="Ledig dampkapacitet fra Asnæsværket",
        title_en="Spare steam capacity at Asnæs",
        description_da=(
            "Dampnettet mellem kraftværket og fabrikkerne har plads til flere aftagere. Vi kan "
            "levere procesdamp året rundt til en ny virksomhed i industriområdet."
        ),
        description_en=(
            "The steam network between the power station and the factories has room for more "
            "takers. We can supply process steam all year to a new company in the industrial "
            "area."
        ),
        quantity=Decimal("40000"),
        unit=Unit.T,
        per=YEAR,
        quality="Mættet procesdamp; kondensatet skal helst retur.",
        temperature=Decimal("250"),
        pressure=Decimal("16"),
        starts=-30,
        posted=50,
        published=48,
    ),
    Listing(
        key="demo-offer-surplus-heat-novo",
        kind=OFFER,
        offer_type=HEAT,
        organisation="novo-nordisk",
        nace_code="21.20",
        category=ENERGY,
        resource="district-heating",
        title_da="Overskudsvarme fra køleanlæg og kompressorer, ca. 35 °C",
        title_en="Surplus heat from chillers and compressors, about 35 °C",
        description_da=(
            "Vores køleanlæg sender i dag varmen ud gennem køletårnene. Med en varmepumpe kan "
            "den løftes til fjernvarme. Mest varme om sommeren, men der er varme hele året."
        ),
        description_en=(
            "Today our chillers send their heat out through the cooling towers. A heat pump "
            "can lift it to district heating. Most heat in summer, but there is heat all year."
        ),
        quantity=Decimal("40000"),
        unit=Unit.MWH,
        per=YEAR,
        quality="Kølevand ud ved 30–35 °C, retur ved 20 °C.",
        temperature=Decimal("35"),
        posted=45,
        published=43,
    ),
    Listing(
        key="demo-offer-yeast-slurry",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="novo-nordisk",
        nace_code="21.20",
        category=MATERIAL,
        resource="yeast-slurry",
        title_da="Ekstra gærslam fra en ny fermenteringslinje",
        title_en="More yeast slurry from a new fermentation line",
        description_da=(
            "En ny produktionslinje giver mere inaktiveret gærslam, end de nuværende aftagere "
            "kan tage. Egnet til foder eller biogas."
        ),
        description_en=(
            "A new production line gives more inactivated yeast slurry than today's takers "
            "can use. Fit for feed or biogas."
        ),
        quantity=Decimal("1500"),
        unit=Unit.T,
        per=MONTH,
        quality="Varmebehandlet og inaktiveret; ca. 10 % tørstof; pumpbar.",
        starts=60,
        posted=12,
        published=10,
    ),
    Listing(
        key="demo-offer-biogas",
        kind=OFFER,
        offer_type=SURPLUS,
        organisation="kalundborg-bioenergi",
        nace_code="35.21",
        category=ENERGY,
        resource="biogas",
        title_da="Biogas før opgradering",
        description_da=(
            "Anlægget kan levere en del af gassen direkte, før den opgraderes til "
            "naturgaskvalitet. Det sparer opgraderingen og passer til en aftager lige ved "
            "siden af."
        ),
        quantity=Decimal("2000000"),
        unit=Unit.M3,
        per=YEAR,
        quality="Ca. 60 % metan og 40 % CO₂; afsvovlet.",
        status=MATCHED,
        posted=130,
        published=128,
    ),
    Listing(
        key="demo-offer-co2",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="kalundborg-bioenergi",
        nace_code="35.21",
        category=MATERIAL,
        title_da="Biogen CO₂ fra opgraderingen af biogas",
        title_en="Biogenic CO₂ from biogas upgrading",
        description_da=(
            "Når biogassen opgraderes, skilles CO₂ fra og ledes i dag ud i luften. Den kan "
            "renses og gøres flydende til væksthuse, fødevarer eller Power-to-X."
        ),
        description_en=(
            "When the biogas is upgraded, its CO₂ is separated and today let out into the air. "
            "It can be cleaned and liquefied for greenhouses, food or Power-to-X."
        ),
        quantity=Decimal("6000"),
        unit=Unit.T,
        per=YEAR,
        quality="Ca. 98 % CO₂, fugtig, ved atmosfærisk tryk; spor af svovlbrinte.",
        posted=60,
        published=57,
    ),
    Listing(
        key="demo-offer-treated-effluent",
        kind=OFFER,
        offer_type=WATER,
        organisation="kalundborg-forsyning",
        nace_code="37.00",
        category=WATER_CATEGORY,
        resource="treated-effluent",
        title_da="Renset spildevand til industriens vandbehov",
        title_en="Treated waste water for industrial use",
        description_da=(
            "Renseanlægget udleder renset spildevand til fjorden. En del kan i stedet bruges "
            "som køle- eller procesvand og spare grundvand."
        ),
        description_en=(
            "The treatment plant lets treated waste water out into the fjord. Part of it "
            "could serve as cooling or process water instead and save groundwater."
        ),
        quantity=Decimal("1000000"),
        unit=Unit.M3,
        per=YEAR,
        quality="Biologisk renset med kvælstof- og fosforfjernelse; kan efterpoleres med UV.",
        temperature=Decimal("14"),
        posted=40,
        published=38,
    ),
    Listing(
        key="demo-offer-sewage-sludge",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="kalundborg-forsyning",
        nace_code="37.00",
        category=MATERIAL,
        ewc_code="190805",
        title_da="Afvandet slam fra renseanlægget",
        description_da=(
            "Slammet går i dag til jordbrug. Vi vil gerne høre fra virksomheder, der kan "
            "udnytte det bedre, f.eks. til fosforgenvinding eller i byggematerialer."
        ),
        quantity=Decimal("8000"),
        unit=Unit.T,
        per=YEAR,
        quality="Ca. 22 % tørstof; overholder slambekendtgørelsens grænseværdier.",
        posted=100,
        published=96,
    ),
    Listing(
        key="demo-offer-cooling-water",
        kind=OFFER,
        offer_type=WATER,
        organisation="kalundborg-refinery",
        nace_code="19.20",
        category=WATER_CATEGORY,
        resource="cooling-water",
        title_da="Opvarmet kølevand, 25–28 °C",
        title_en="Warm cooling water, 25–28 °C",
        description_da=(
            "Raffinaderiets kølevand løber i dag retur til kraftværket og fjorden. En del "
            "kunne varme et anlæg, der har brug for lunkent vand, f.eks. fiskeopdræt."
        ),
        description_en=(
            "The refinery's cooling water goes back to the power station and the fjord. Part "
            "of it could warm a site that needs lukewarm water, such as a fish farm."
        ),
        quantity=Decimal("2000000"),
        unit=Unit.M3,
        per=YEAR,
        quality="Overfladevand fra Tissø; ingen kontakt med procesvæsker.",
        temperature=Decimal("26"),
        posted=25,
        published=23,
    ),
    Listing(
        key="demo-offer-cooling-capacity",
        kind=OFFER,
        offer_type=CAPACITY,
        organisation="boehringer-ingelheim",
        nace_code="21.10",
        category=ENERGY,
        title_en="Spare chilled-water capacity",
        description_en=(
            "Our chilled-water plant has spare capacity outside the summer peak. A neighbour "
            "with a cooling need could be connected. For the secretariat only until the site "
            "plan is public."
        ),
        quantity=Decimal("5000"),
        unit=Unit.MWH,
        per=YEAR,
        quality="Supply at 6 °C, return at 12 °C.",
        temperature=Decimal("6"),
        latitude="55.66500",
        longitude="11.11800",
        visibility=SECRETARIAT,
        language="en",
        posted=15,
        published=14,
    ),
    Listing(
        key="demo-offer-wooden-pallets",
        kind=OFFER,
        offer_type=SURPLUS,
        organisation="apm-terminals",
        nace_code="52.24",
        category=MATERIAL,
        ewc_code="150103",
        title_da="Paller og stuvetræ fra havnen",
        title_en="Pallets and dunnage from the port",
        description_da=(
            "Ved losning bliver der paller og stuvetræ tilbage. Meget kan repareres og "
            "genbruges; resten egner sig til flis."
        ),
        description_en=(
            "Unloading leaves pallets and dunnage behind. Much can be repaired and reused; "
            "the rest makes good wood chips."
        ),
        quantity=Decimal("300"),
        unit=Unit.T,
        per=YEAR,
        quality="Ubehandlet træ; en del varmebehandlet (ISPM 15); uden søm sorteres ikke.",
        posted=70,
        published=66,
    ),
    Listing(
        key="demo-offer-lignin",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="comet",
        nace_code="20.14",
        category=MATERIAL,
        title_en="Lignin-rich residue from straw biorefining",
        description_en=(
            "Refining straw into sugars and fibres leaves a solid residue rich in lignin. It "
            "burns well, and we would rather see it become a binder, a filler or a chemical."
        ),
        quantity=Decimal("5000"),
        unit=Unit.T,
        per=YEAR,
        quality="Filter cake, about 45 % dry matter; ash below 8 %.",
        latitude="55.66350",
        longitude="11.10200",
        language="en",
        posted=35,
        published=33,
    ),
    Listing(
        key="demo-offer-surplus-soil",
        kind=OFFER,
        offer_type=SURPLUS,
        organisation="kalundborg-kommune",
        nace_code="84.11",
        category=MATERIAL,
        ewc_code="170504",
        title_da="Ren overskudsjord fra byggemodning",
        title_en="Clean surplus soil from a building site",
        description_da="Jord fra byggemodningen af et nyt boligområde i Kalundborg.",
        description_en="Soil from preparing a new housing area in Kalundborg.",
        quantity=Decimal("20000"),
        unit=Unit.T,
        per=ONCE,
        quality="Klasse 0-jord, analyseret; muld og råjord hver for sig.",
        starts=-150,
        ends=-20,
        status=CLOSED,
        posted=160,
        published=158,
        ended=25,
    ),
    # --- Kalundborg: the partners' wants ------------------------------------------------
    Listing(
        key="demo-want-recycled-gypsum",
        kind=WANT,
        organisation="saint-gobain-gyproc",
        nace_code="23.62",
        category=MATERIAL,
        resource="gypsum",
        ewc_code="170802",
        title_da="Gipsaffald fra byggepladser og nedrivning",
        title_en="Gypsum waste from building and demolition sites",
        description_da=(
            "Fabrikken kan genbruge knuste gipsplader i nye plader. Vi søger kommuner og "
            "entreprenører, der sorterer gipsen fra, så den kan komme retur."
        ),
        description_en=(
            "The factory can put crushed plasterboard back into new boards. We are looking for "
            "municipalities and contractors that sort out their gypsum so that it can return."
        ),
        quantity=Decimal("20000"),
        unit=Unit.T,
        per=YEAR,
        quality="Tørt og sorteret; uden isolering, træ og fliser; papir må gerne sidde på.",
        posted=110,
        published=105,
    ),
    Listing(
        key="demo-want-district-heat",
        kind=WANT,
        organisation="kalundborg-forsyning",
        nace_code="35.30",
        category=ENERGY,
        resource="district-heating",
        title_da="Overskudsvarme til fjernvarmenettet",
        title_en="Surplus heat for the district heating grid",
        description_da=(
            "Fjernvarmen skal være fri af fossile brændsler. Vi tager overskudsvarme fra 25 °C "
            "og op: lavere temperaturer løfter vores varmepumper."
        ),
        description_en=(
            "District heating is to be free of fossil fuels. We take surplus heat from 25 °C "
            "up: our heat pumps lift lower temperatures."
        ),
        quantity=Decimal("60000"),
        unit=Unit.MWH,
        per=YEAR,
        quality="Helst jævnt over året; vi betaler efter Forsyningstilsynets regler.",
        temperature=Decimal("25"),
        posted=55,
        published=52,
    ),
    Listing(
        key="demo-want-methane",
        kind=WANT,
        organisation="unibio",
        nace_code="10.91",
        category=ENERGY,
        resource="biogas",
        title_da="Metan til fermentering af protein",
        title_en="Methane for protein fermentation",
        description_da=(
            "Vores bakterier lever af metan og bliver til protein til foder. Biogas fra en "
            "nabo kan erstatte naturgas fra nettet."
        ),
        description_en=(
            "Our bacteria feed on methane and become protein for feed. Biogas from a "
            "neighbour can replace natural gas from the grid."
        ),
        quantity=Decimal("2000000"),
        unit=Unit.M3,
        per=YEAR,
        quality="Afsvovlet; CO₂-indholdet er ingen hindring.",
        latitude="55.65850",
        longitude="11.11500",
        status=MATCHED,
        posted=125,
        published=122,
    ),
    Listing(
        key="demo-want-process-water",
        kind=WANT,
        organisation="novonesis",
        nace_code="20.59",
        category=WATER_CATEGORY,
        resource="treated-effluent",
        title_da="Vand til køletårne i stedet for grundvand",
        title_en="Water for cooling towers instead of groundwater",
        description_da=(
            "Vi vil spare på grundvandet og søger renset vand, der kan bruges i køletårnene."
        ),
        description_en=(
            "We want to save groundwater and are looking for treated water fit for our "
            "cooling towers."
        ),
        quantity=Decimal("500000"),
        unit=Unit.M3,
        per=YEAR,
        quality="Lavt indhold af fosfor og klorid; stabil levering.",
        posted=30,
        published=28,
    ),
    Listing(
        key="demo-want-c5-sugars",
        kind=WANT,
        organisation="meliora-bio",
        nace_code="72.11",
        category=MATERIAL,
        title_da="Sukkerrige sidestrømme (C5/C6) til fermentering",
        description_da="Kladde: mængder og krav til renhed følger.",
        latitude="55.66100",
        longitude="11.10100",
        status=DRAFT,
        posted=6,
    ),
    # --- Holbæk -------------------------------------------------------------------------
    Listing(
        key="demo-want-fly-ash",
        kind=WANT,
        organisation="holbaek-betonvarer",
        category=MATERIAL,
        ewc_code="100103",
        title_da="Flyveaske som delvis erstatning for cement",
        title_en="Fly ash to replace part of the cement",
        description_da=(
            "Vi vil sænke CO₂-aftrykket af vores fliser og kantsten ved at erstatte op til "
            "en femtedel af cementen med flyveaske."
        ),
        description_en=(
            "We want to lower the carbon footprint of our paving and kerbs by replacing up to "
            "a fifth of the cement with fly ash."
        ),
        quantity=Decimal("3000"),
        unit=Unit.T,
        per=YEAR,
        quality="Skal dokumenteres efter DS/EN 450 eller prøves i vores laboratorium.",
        place="Holbæk",
        contact_name="Lene Friis",
        contact_email="lene.friis@example.org",
        posted=75,
        published=73,
    ),
    Listing(
        key="demo-offer-whey",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="holbaek-fjordmejeri",
        category=MATERIAL,
        ewc_code="020501",
        title_da="Syrlig valle fra skyr og kvark",
        title_en="Acid whey from skyr and quark",
        description_da=(
            "Vallen fra skyrproduktionen er for sur til at tørre. Vi søger en aftager til "
            "biogas eller foder."
        ),
        description_en=(
            "The whey from making skyr is too acid to dry. We are looking for a taker for "
            "biogas or feed."
        ),
        quantity=Decimal("20000"),
        unit=Unit.T,
        per=YEAR,
        quality="5–6 % tørstof, pH 4,5; leveres i tankbil, kølet.",
        place="Holbæk",
        visibility=ANONYMOUS,
        contact_name="Morten Dahl",
        contact_email="morten.dahl@example.org",
        posted=40,
        published=37,
    ),
    Listing(
        key="demo-offer-crushed-concrete",
        kind=OFFER,
        offer_type=SURPLUS,
        organisation="holbaek-nedbrydning",
        category=MATERIAL,
        ewc_code="170101",
        title_da="Knust beton fra nedrivning af en skole",
        title_en="Crushed concrete from demolishing a school",
        description_da="Betonen er knust på stedet og ligger klar til afhentning i Holbæk.",
        description_en="The concrete is crushed on site and ready to be picked up in Holbæk.",
        quantity=Decimal("8000"),
        unit=Unit.T,
        per=ONCE,
        quality="0–32 mm; screenet for PCB før nedrivningen; armering sorteret fra.",
        place="Holbæk",
        starts=-20,
        ends=9,
        visibility=ANONYMOUS,
        contact_name="Kasper Vinther",
        contact_email="kasper.vinther@example.org",
        posted=22,
        published=20,
    ),
    Listing(
        key="demo-want-road-aggregate",
        kind=WANT,
        organisation="vestsjaellands-vejanlaeg",
        category=MATERIAL,
        ewc_code="170101",
        title_da="Bundsikringsmateriale til en ny cykelsti",
        title_en="Sub-base material for a new cycle path",
        description_da=(
            "Til en cykelsti på 6 km søger vi genbrugsmaterialer i stedet for nyt grus: "
            "knust beton, tegl eller forbrændingsslagge."
        ),
        description_en=(
            "For a 6 km cycle path we are looking for recycled material instead of new "
            "gravel: crushed concrete, brick or incinerator bottom ash."
        ),
        quantity=Decimal("10000"),
        unit=Unit.T,
        per=ONCE,
        quality="Sorteret 0–32 mm; skal kunne komprimeres efter vejreglerne.",
        place="Holbæk",
        starts=30,
        ends=150,
        contact_name="Ida Brøndum",
        contact_email="ida.brondum@example.org",
        posted=50,
        published=47,
    ),
    Listing(
        key="demo-want-greenhouse-heat",
        kind=WANT,
        organisation="tolloese-vaeksthuse",
        category=ENERGY,
        title_da="Varme til væksthuse, 40–60 °C",
        title_en="Heat for greenhouses, 40–60 °C",
        description_da=(
            "Vores gasfyr skal udskiftes. Vi søger overskudsvarme til at holde væksthusene "
            "varme om vinteren."
        ),
        description_en=(
            "Our gas boilers are due for replacement. We are looking for surplus heat to keep "
            "the greenhouses warm in winter."
        ),
        quantity=Decimal("8000"),
        unit=Unit.MWH,
        per=YEAR,
        quality="Mest fra oktober til april; fremløb mindst 40 °C.",
        temperature=Decimal("50"),
        place="Holbæk",
        contact_name="Jens Overgaard",
        contact_email="jens.overgaard@example.org",
        posted=65,
        published=62,
    ),
    Listing(
        key="demo-want-greenhouse-co2",
        kind=WANT,
        organisation="tolloese-vaeksthuse",
        category=MATERIAL,
        title_da="CO₂ til planterne i væksthusene",
        title_en="CO₂ for the plants in our greenhouses",
        description_da=(
            "Når gasfyret forsvinder, mister vi også den CO₂, vi gøder planterne med. Biogen "
            "CO₂ fra en nabo i regionen ville være ideelt."
        ),
        description_en=(
            "Without the gas boiler we also lose the CO₂ we feed the plants with. Biogenic "
            "CO₂ from a neighbour in the region would be ideal."
        ),
        quantity=Decimal("400"),
        unit=Unit.T,
        per=YEAR,
        quality="Fødevaregodkendt; flydende i tank eller på flasker.",
        place="Holbæk",
        contact_name="Jens Overgaard",
        contact_email="jens.overgaard@example.org",
        posted=65,
        published=62,
    ),
    Listing(
        key="demo-want-feed",
        kind=WANT,
        organisation="svinninge-kvaeg",
        category=MATERIAL,
        title_da="Foder: mask, gær eller andre proteinrige restprodukter",
        description_da=(
            "Vi søger frisk mask eller gær fra bryggerier og fødevareindustri til vores "
            "malkekøer. Vi henter selv inden for 40 km."
        ),
        quantity=Decimal("10"),
        unit=Unit.T,
        per=WEEK,
        quality="Frisk, højst to dage gammel; ingen emballage.",
        place="Holbæk",
        contact_name="Poul Sejersen",
        contact_email="poul.sejersen@example.org",
        posted=18,
        published=16,
    ),
    Listing(
        key="demo-want-biogas-feedstock",
        kind=WANT,
        organisation="aamose-biogas",
        category=MATERIAL,
        title_da="Organiske restprodukter til biogas",
        title_en="Organic residues for biogas",
        description_da=(
            "Anlægget har plads til mere biomasse ved siden af gyllen: valle, grøntsagsrester, "
            "foderrester og andre organiske restprodukter fra fødevareindustrien."
        ),
        description_en=(
            "The plant has room for more biomass beside the slurry: whey, vegetable waste, "
            "spoilt feed and other organic residues from the food industry."
        ),
        quantity=Decimal("30000"),
        unit=Unit.T,
        per=YEAR,
        quality="Mindst 8 % tørstof helst; uden emballage; animalske biprodukter kun kat. 3.",
        place="Holbæk",
        contact_name="Birthe Mose",
        contact_email="birthe.mose@example.org",
        posted=85,
        published=82,
    ),
    Listing(
        key="demo-offer-digestate",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="aamose-biogas",
        category=MATERIAL,
        ewc_code="190606",
        title_da="Afgasset biomasse som gødning",
        title_en="Digestate as fertiliser",
        description_da=(
            "Den afgassede biomasse er en flydende gødning med kvælstof, fosfor og kalium. "
            "Vi leverer med egne tankvogne i foråret."
        ),
        description_en=(
            "The digestate is a liquid fertiliser with nitrogen, phosphorus and potassium. We "
            "deliver with our own tankers in spring."
        ),
        quantity=Decimal("45000"),
        unit=Unit.T,
        per=YEAR,
        quality="Ca. 5 % tørstof og 5 kg N pr. ton; hygiejniseret.",
        place="Holbæk",
        contact_name="Birthe Mose",
        contact_email="birthe.mose@example.org",
        posted=30,
        published=27,
    ),
    # --- Kalundborg, not partners -------------------------------------------------------
    Listing(
        key="demo-want-fish-farm-water",
        kind=WANT,
        organisation="kalundborg-fjord-akvakultur",
        category=WATER_CATEGORY,
        resource="cooling-water",
        title_da="Lunkent vand til et ørredopdræt om vinteren",
        title_en="Lukewarm water for a trout farm in winter",
        description_da=(
            "Vores recirkulerede anlæg skal holde 15–18 °C. Om vinteren vil vi gerne varme "
            "med kølevand fra industrien i stedet for el."
        ),
        description_en=(
            "Our recirculating system must be kept at 15–18 °C. In winter we would rather "
            "warm it with cooling water from industry than with electricity."
        ),
        quantity=Decimal("500000"),
        unit=Unit.M3,
        per=YEAR,
        quality="Rent vand uden kemikalier; 20–28 °C; varmeveksler er mulig.",
        temperature=Decimal("22"),
        visibility=ANONYMOUS,
        contact_name="Signe Mølgaard",
        contact_email="signe.molgaard@example.org",
        posted=8,
        published=5,
    ),
    # --- Odsherred ----------------------------------------------------------------------
    Listing(
        key="demo-offer-spent-grain",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="odsherred-bryglaug",
        category=MATERIAL,
        ewc_code="020704",
        title_da="Mask fra bryggeriet hver uge",
        title_en="Brewers' spent grain every week",
        description_da="Frisk mask efter hvert bryg, tirsdag og fredag. Gerne til foder.",
        description_en="Fresh spent grain after each brew, Tuesdays and Fridays. Ideal as feed.",
        quantity=Decimal("15"),
        unit=Unit.T,
        per=WEEK,
        quality="20–25 % tørstof; byg og hvede; uden humle.",
        place="Odsherred",
        contact_name="Rikke Strand",
        contact_email="rikke.strand@example.org",
        posted=20,
        published=18,
    ),
    Listing(
        key="demo-offer-glass",
        kind=OFFER,
        offer_type=SURPLUS,
        organisation="odsherred-bryglaug",
        category=MATERIAL,
        ewc_code="150107",
        title_da="Fejltrykte og kasserede glasflasker",
        description_da=(
            "Flasker med fejltryk eller skår fra tapperiet. Brune og grønne hver for sig."
        ),
        quantity=Decimal("25"),
        unit=Unit.T,
        per=YEAR,
        quality="Rent glas, sorteret efter farve; etiketter sidder på.",
        place="Odsherred",
        contact_name="Rikke Strand",
        contact_email="rikke.strand@example.org",
        posted=45,
        published=42,
    ),
    Listing(
        key="demo-offer-vegetable-residues",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="odsherred-groentsagslaug",
        category=MATERIAL,
        ewc_code="020304",
        title_da="Frasorterede gulerødder og kartofler",
        title_en="Rejected carrots and potatoes",
        description_da=(
            "Ved vask og pakning sorterer vi grøntsager fra, der ikke kan sælges. Fra "
            "september til marts."
        ),
        description_en=(
            "Washing and packing leaves vegetables that cannot be sold. From September to March."
        ),
        quantity=Decimal("3000"),
        unit=Unit.T,
        per=YEAR,
        quality="Hele og knækkede rødder med lidt jord; ca. 12 % tørstof.",
        place="Odsherred",
        contact_name="Anne Lammers",
        contact_email="anne.lammers@example.org",
        posted=28,
        published=25,
    ),
    Listing(
        key="demo-want-fertiliser",
        kind=WANT,
        organisation="odsherred-groentsagslaug",
        category=MATERIAL,
        title_da="Organisk gødning til grøntsagsmarker",
        description_da=(
            "Vi søger afgasset biomasse eller anden organisk gødning, der må bruges til "
            "grøntsager, til udbringning i foråret."
        ),
        quantity=Decimal("6000"),
        unit=Unit.T,
        per=YEAR,
        quality="Hygiejniseret; analyse af næringsstoffer ved levering.",
        place="Odsherred",
        contact_name="Anne Lammers",
        contact_email="anne.lammers@example.org",
        posted=28,
        published=25,
    ),
    Listing(
        key="demo-offer-sawdust",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="sjaellands-odde-traevaerk",
        category=MATERIAL,
        ewc_code="030105",
        title_da="Savsmuld og høvlspåner af ubehandlet gran",
        title_en="Sawdust and shavings of untreated spruce",
        description_da=(
            "Savsmuld og spåner fra savværket, opsamlet i silo. Egnet til strøelse, piller "
            "eller som poredanner i tegl."
        ),
        description_en=(
            "Sawdust and shavings from the sawmill, collected in a silo. Fit for bedding, "
            "pellets or as a pore former in bricks."
        ),
        quantity=Decimal("1200"),
        unit=Unit.T,
        per=YEAR,
        quality="Tørt (ca. 15 % vand); ubehandlet træ; intet limtræ.",
        place="Odsherred",
        starts=-60,
        ends=6,
        visibility=ANONYMOUS,
        contact_name="Niels Odgaard",
        contact_email="niels.odgaard@example.org",
        posted=62,
        published=60,
    ),
    Listing(
        key="demo-offer-wood-chips",
        kind=OFFER,
        offer_type=SURPLUS,
        organisation="odsherred-naturpleje",
        category=MATERIAL,
        ewc_code="200201",
        title_da="Flis fra naturpleje og læhegn",
        title_en="Wood chips from hedgerow and landscape care",
        description_da="Flis fra vinterens pleje af læhegn og fredede arealer.",
        description_en="Chips from the winter's care of hedgerows and protected areas.",
        quantity=Decimal("2500"),
        unit=Unit.T,
        per=YEAR,
        quality="Ca. 45 % vand; blandet løvtræ med blade og kviste.",
        place="Odsherred",
        starts=40,
        status=REVIEW,
        contact_name="Torben Lykke",
        contact_email="torben.lykke@example.org",
        posted=2,
    ),
    # --- The national network -----------------------------------------------------------
    Listing(
        key="demo-offer-bottom-ash",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="argo",
        nace_code="38.21",
        category=MATERIAL,
        ewc_code="190112",
        title_da="Oparbejdet slagge fra affaldsforbrænding",
        title_en="Processed bottom ash from waste incineration",
        description_da=(
            "Slagge fra forbrændingsanlægget i Roskilde, lagret og frasorteret metal. Kan "
            "bruges som vejfyld, hvor reglerne for restprodukter tillader det."
        ),
        description_en=(
            "Bottom ash from the incineration plant at Roskilde, aged and with the metals "
            "taken out. It can fill roads where the rules on residual products allow it."
        ),
        quantity=Decimal("25000"),
        unit=Unit.T,
        per=YEAR,
        quality="Lagret i tre måneder; 0–45 mm; udvaskningstest efter restproduktbekendtgørelsen.",
        place="Roskilde",
        latitude="55.63170",
        longitude="12.05830",
        posted=58,
        published=55,
    ),
    Listing(
        key="demo-offer-fish-by-products",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="gradyb-fiskeindustri",
        category=MATERIAL,
        ewc_code="020202",
        title_da="Fiskeafskær og rygben (kategori 3)",
        title_en="Fish offcuts and frames (category 3)",
        description_da=(
            "Afskær fra filetteringen; i dag til fiskemel. Vi søger aftagere, der kan give "
            "dem en højere værdi, f.eks. til olie, ensilage eller biogas."
        ),
        description_en=(
            "Offcuts from filleting, today sent to fishmeal. We are looking for takers who can "
            "give them a higher value: oil, silage or biogas."
        ),
        quantity=Decimal("150"),
        unit=Unit.T,
        per=WEEK,
        quality="Animalske biprodukter kategori 3; kølet; hentes dagligt.",
        place="Esbjerg",
        ends=12,
        visibility=ANONYMOUS,
        contact_name="Lars Kjeldsen",
        contact_email="lars.kjeldsen@example.org",
        posted=32,
        published=30,
    ),
    Listing(
        key="demo-offer-plastic-offcuts",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="horsens-plastformning",
        category=MATERIAL,
        ewc_code="070213",
        title_da="Rene afskær af PE og PP fra vakuumformning",
        title_en="Clean PE and PP offcuts from thermoforming",
        description_da="Stanseskelet og kantafskær, sorteret efter plasttype i big bags.",
        description_en="Punching skeletons and edge trim, sorted by polymer in big bags.",
        quantity=Decimal("40"),
        unit=Unit.T,
        per=MONTH,
        quality="Uprintet og rent; PE og PP hver for sig; ballet eller i big bags.",
        place="Horsens",
        ends=4,
        visibility=ANONYMOUS,
        contact_name="Maja Thorsen",
        contact_email="maja.thorsen@example.org",
        posted=48,
        published=45,
    ),
    Listing(
        key="demo-want-plastic-regrind",
        kind=WANT,
        organisation="als-plastgenvinding",
        category=MATERIAL,
        ewc_code="070213",
        title_en="Clean industrial plastic waste for regranulate",
        description_en=(
            "Our extrusion line turns clean, sorted industrial plastic into regranulate. We "
            "collect from all of Jutland and Funen."
        ),
        quantity=Decimal("300"),
        unit=Unit.T,
        per=MONTH,
        quality="PE or PP, sorted by type; no laminates or food residues.",
        place="Sønderborg",
        language="en",
        contact_name="Henrik Asmussen",
        contact_email="henrik.asmussen@example.org",
        posted=38,
        published=35,
    ),
    Listing(
        key="demo-offer-electrolysis-heat",
        kind=OFFER,
        offer_type=HEAT,
        organisation="skive-brintpark",
        category=ENERGY,
        title_da="Overskudsvarme fra elektrolyse, ca. 65 °C",
        title_en="Surplus heat from electrolysis, about 65 °C",
        description_da=(
            "Vores elektrolyseanlæg starter til næste år og giver varme, når vindmøllerne "
            "kører. Vi søger en aftager i nærheden: fjernvarme, tørring eller væksthuse."
        ),
        description_en=(
            "Our electrolysers start next year and give off heat whenever the wind blows. We "
            "are looking for a taker nearby: district heating, drying or greenhouses."
        ),
        quantity=Decimal("30000"),
        unit=Unit.MWH,
        per=YEAR,
        quality="Varierer med elprisen; fremløb 60–70 °C.",
        temperature=Decimal("65"),
        place="Skive",
        starts=200,
        contact_name="Karen Bødker",
        contact_email="karen.bodker@example.org",
        posted=90,
        published=88,
    ),
    Listing(
        key="demo-want-co2-ptx",
        kind=WANT,
        organisation="skive-brintpark",
        category=MATERIAL,
        title_en="Biogenic CO₂ for e-methanol",
        description_en=(
            "From next year we will combine our hydrogen with biogenic CO₂ into e-methanol "
            "for shipping. We are looking for steady sources."
        ),
        quantity=Decimal("20000"),
        unit=Unit.T,
        per=YEAR,
        quality="Biogenic; at least 95 % CO₂; delivery by truck or pipeline.",
        place="Skive",
        language="en",
        status=REVIEW,
        contact_name="Karen Bødker",
        contact_email="karen.bodker@example.org",
        posted=3,
    ),
    Listing(
        key="demo-offer-bio-pulp",
        kind=OFFER,
        offer_type=BY_PRODUCT,
        organisation="nordjysk-bioforbehandling",
        category=MATERIAL,
        ewc_code="200108",
        title_da="Biopulp af kildesorteret madaffald",
        title_en="Bio-pulp from source-separated food waste",
        description_da="Pumpbar biopulp til biogasanlæg, leveret i tankbil.",
        description_en="Pumpable bio-pulp for biogas plants, delivered by tanker.",
        quantity=Decimal("400"),
        unit=Unit.T,
        per=MONTH,
        quality="12–15 % tørstof; under 0,5 % plast; hygiejniseret.",
        place="Aalborg",
        visibility=ANONYMOUS,
        status=REVIEW,
        contact_name="Mikkel Brandt",
        contact_email="mikkel.brandt@example.org",
        posted=1,
    ),
    Listing(
        key="demo-want-pore-former",
        kind=WANT,
        organisation="storstroem-teglvaerk",
        category=MATERIAL,
        title_da="Poredannere til mursten: savsmuld, papirslam eller andet organisk",
        title_en="Pore formers for bricks: sawdust, paper sludge or other organics",
        description_da=(
            "Organisk materiale i leret brænder ud i ovnen og gør stenene lettere og mere "
            "isolerende. Vi søger en stabil leverance."
        ),
        description_en=(
            "Organic matter in the clay burns out in the kiln and makes the bricks lighter and "
            "better insulating. We are looking for a steady supply."
        ),
        quantity=Decimal("2000"),
        unit=Unit.T,
        per=YEAR,
        quality="Findelt; lavt indhold af svovl og klor; tørstof over 30 %.",
        place="Vordingborg",
        contact_name="Ulla Fenger",
        contact_email="ulla.fenger@example.org",
        posted=95,
        published=92,
    ),
    Listing(
        key="demo-offer-cardboard",
        kind=OFFER,
        offer_type=SURPLUS,
        organisation="susaa-emballage",
        category=MATERIAL,
        ewc_code="150101",
        title_da="Afskær af bølgepap",
        description_da="Afskær fra stansning af kasser, presset i baller.",
        quantity=Decimal("80"),
        unit=Unit.T,
        per=MONTH,
        quality="Rent, ubestrøget bølgepap; baller à 400 kg.",
        place="Næstved",
        starts=-120,
        ends=-12,
        status=EXPIRED,
        contact_name="Bente Hald",
        contact_email="bente.hald@example.org",
        posted=125,
        published=122,
        ended=11,
    ),
]


MATCHES = [
    Match(
        offer="demo-offer-biogas",
        want="demo-want-methane",
        score=Decimal("0.930"),
        reasons=(
            Reason("Samme ressource: biogas", "Same resource: biogas"),
            Reason("Under 1 km fra hinanden", "Less than 1 km apart"),
            Reason("Tilbuddet dækker hele behovet", "The offer covers the whole need"),
        ),
        suggested=120,
        steps=(
            Step(Stage.CONTACTED, 112, "Præsenteret for hinanden på partnermødet."),
            Step(
                Stage.DIALOGUE,
                95,
                "Teknisk møde: Unibio kan tage gassen før opgraderingen; tryk og svovlindhold "
                "gennemgået.",
            ),
            Step(Stage.AGREED, 60, "Hensigtserklæring om 2 mio. m³ om året underskrevet."),
            Step(
                Stage.ESTABLISHED,
                30,
                "Rørføringen er godkendt; forbindelsen sættes i drift næste år.",
            ),
        ),
        through_workflow=True,
    ),
    Match(
        offer="demo-offer-fly-ash",
        want="demo-want-fly-ash",
        score=Decimal("0.840"),
        reasons=(
            Reason("Samme affaldskode: 10 01 03", "Same waste code: 10 01 03"),
            Reason("Ca. 38 km fra hinanden", "About 38 km apart"),
            Reason("Tilbuddet er fire gange behovet", "The offer is four times the need"),
        ),
        suggested=70,
        steps=(
            Step(Stage.CONTACTED, 66, "Introduktion sendt til begge."),
            Step(Stage.DIALOGUE, 50, "Prøvelæs på 30 t leveret til laboratorietest."),
            Step(
                Stage.AGREED,
                14,
                "Testen holdt: aftale om 2.500 t det første år; levering fra næste kvartal.",
            ),
        ),
    ),
    Match(
        offer="demo-offer-surplus-heat-novo",
        want="demo-want-district-heat",
        score=Decimal("0.880"),
        reasons=(
            Reason("Overskudsvarme til fjernvarme", "Surplus heat for district heating"),
            Reason("Ca. 2 km fra hinanden", "About 2 km apart"),
            Reason(
                "35 °C ligger over de 25 °C, varmepumperne kræver",
                "35 °C is above the 25 °C the heat pumps need",
            ),
        ),
        suggested=40,
        steps=(
            Step(Stage.CONTACTED, 36, "Mødt hos Kalundborg Forsyning."),
            Step(
                Stage.DIALOGUE,
                20,
                "Forsyningen regner på en varmepumpe ved køletårnene; pris efter "
                "Forsyningstilsynets regler drøftes.",
            ),
        ),
    ),
    Match(
        offer="demo-offer-whey",
        want="demo-want-biogas-feedstock",
        score=Decimal("0.760"),
        reasons=(
            Reason("Organisk restprodukt til biogas", "Organic residue for biogas"),
            Reason("Ca. 22 km fra hinanden", "About 22 km apart"),
            Reason("Tørstoffet er lavere end ønsket", "Dry matter is lower than wanted"),
        ),
        suggested=30,
        steps=(
            Step(Stage.CONTACTED, 27, "Begge har svaret ja til at blive præsenteret."),
            Step(
                Stage.DIALOGUE,
                12,
                "Biogasanlægget vil blande vallen med dybstrøelse; prøveperiode på tre måneder "
                "foreslået.",
            ),
        ),
    ),
    Match(
        offer="demo-offer-co2",
        want="demo-want-greenhouse-co2",
        score=Decimal("0.710"),
        reasons=(
            Reason("Samme stof: CO₂", "Same substance: CO₂"),
            Reason("Ca. 42 km fra hinanden", "About 42 km apart"),
            Reason(
                "Væksthuset skal have fødevaregodkendt CO₂; gassen skal renses",
                "The greenhouse needs food-grade CO₂: the gas must be cleaned",
            ),
        ),
        suggested=9,
        steps=(Step(Stage.CONTACTED, 5, "Introduktion sendt; møde aftalt i næste uge."),),
    ),
    Match(
        offer="demo-offer-spent-grain",
        want="demo-want-feed",
        score=Decimal("0.820"),
        reasons=(
            Reason("Mask er efterspurgt som foder", "Spent grain is wanted as feed"),
            Reason("Ca. 26 km fra hinanden", "About 26 km apart"),
            Reason(
                "Ugentlige mængder passer: 15 t tilbudt, 10 t søgt",
                "Weekly amounts fit: 15 t offered, 10 t wanted",
            ),
        ),
        suggested=10,
        steps=(Step(Stage.CONTACTED, 6, "Introduktion sendt til begge."),),
    ),
    Match(
        offer="demo-offer-treated-effluent",
        want="demo-want-process-water",
        score=Decimal("0.790"),
        reasons=(
            Reason("Samme ressource: renset spildevand", "Same resource: treated effluent"),
            Reason("Ca. 2 km fra hinanden", "About 2 km apart"),
            Reason("Tilbuddet dækker behovet", "The offer covers the need"),
        ),
        suggested=14,
        steps=(
            Step(
                Stage.CONTACTED,
                9,
                "Sendt videre til begge; Novonesis vil først se analyser af klorid.",
            ),
        ),
    ),
    Match(
        offer="demo-offer-cooling-water",
        want="demo-want-fish-farm-water",
        score=Decimal("0.680"),
        reasons=(
            Reason("Samme ressource: kølevand", "Same resource: cooling water"),
            Reason("Ca. 2 km fra hinanden", "About 2 km apart"),
            Reason("26 °C ligger i det søgte interval", "26 °C is within the range wanted"),
        ),
        suggested=3,
    ),
    Match(
        offer="demo-offer-vegetable-residues",
        want="demo-want-biogas-feedstock",
        score=Decimal("0.730"),
        reasons=(
            Reason("Organisk restprodukt til biogas", "Organic residue for biogas"),
            Reason("Ca. 18 km fra hinanden", "About 18 km apart"),
            Reason("Kun fra september til marts", "Only from September to March"),
        ),
        suggested=2,
    ),
    Match(
        offer="demo-offer-digestate",
        want="demo-want-fertiliser",
        score=Decimal("0.770"),
        reasons=(
            Reason("Afgasset biomasse som gødning", "Digestate as fertiliser"),
            Reason("Ca. 18 km fra hinanden", "About 18 km apart"),
            Reason("Tilbuddet er langt større end behovet", "The offer far exceeds the need"),
        ),
        suggested=4,
    ),
    Match(
        offer="demo-offer-sawdust",
        want="demo-want-pore-former",
        score=Decimal("0.640"),
        reasons=(
            Reason("Savsmuld er nævnt som poredanner", "Sawdust is named as a pore former"),
            Reason("Ca. 109 km fra hinanden", "About 109 km apart"),
            Reason("Tilbuddet udløber snart", "The offer expires soon"),
        ),
        suggested=1,
    ),
    Match(
        offer="demo-offer-plastic-offcuts",
        want="demo-want-plastic-regrind",
        score=Decimal("0.810"),
        reasons=(
            Reason("Samme affaldskode: 07 02 13", "Same waste code: 07 02 13"),
            Reason("Ca. 103 km fra hinanden", "About 103 km apart"),
            Reason("Sorteret efter plasttype, som ønsket", "Sorted by polymer, as wanted"),
        ),
        suggested=5,
    ),
    Match(
        offer="demo-offer-crushed-concrete",
        want="demo-want-road-aggregate",
        score=Decimal("0.900"),
        reasons=(
            Reason("Samme affaldskode: 17 01 01", "Same waste code: 17 01 01"),
            Reason("Ca. 2 km fra hinanden", "About 2 km apart"),
            Reason("Mængderne passer næsten", "The quantities nearly fit"),
        ),
        suggested=7,
    ),
    Match(
        offer="demo-offer-fish-by-products",
        want="demo-want-biogas-feedstock",
        score=Decimal("0.520"),
        reasons=(
            Reason("Organisk restprodukt til biogas", "Organic residue for biogas"),
            Reason("Ca. 190 km fra hinanden", "About 190 km apart"),
        ),
        suggested=25,
        steps=(
            Step(
                Stage.REJECTED,
                22,
                "Ca. 190 km med kølet transport hver dag; fiskeindustrien finder en aftager "
                "i Vestjylland.",
                rejection_reason=Why.DISTANCE,
            ),
        ),
    ),
    Match(
        offer="demo-offer-sewage-sludge",
        want="demo-want-pore-former",
        score=Decimal("0.580"),
        reasons=(
            Reason("Organisk materiale til tegl", "Organic matter for bricks"),
            Reason("Ca. 87 km fra hinanden", "About 87 km apart"),
        ),
        suggested=90,
        steps=(
            Step(Stage.CONTACTED, 86, "Introduktion sendt til begge."),
            Step(Stage.DIALOGUE, 70, "Prøvebrænding aftalt med 2 t slam."),
            Step(
                Stage.REJECTED,
                55,
                "Prøvebrændingen gav lugt og misfarvede sten; 22 % tørstof er for lidt.",
                rejection_reason=Why.TECHNICAL,
            ),
        ),
    ),
    Match(
        offer="demo-offer-bottom-ash",
        want="demo-want-road-aggregate",
        score=Decimal("0.690"),
        reasons=(
            Reason("Slagge er nævnt som mulig vejfyld", "Bottom ash is named as road fill"),
            Reason("Ca. 22 km fra hinanden", "About 22 km apart"),
        ),
        suggested=45,
        steps=(
            Step(Stage.CONTACTED, 41, "Introduktion sendt til begge."),
            Step(
                Stage.REJECTED,
                33,
                "Cykelstien ligger ved et vandindvindingsområde, hvor restproduktbekendt"
                "gørelsen ikke tillader slagge.",
                rejection_reason=Why.REGULATION,
            ),
        ),
    ),
]


# The year the established match's flow starts: fixed, as the planned flow of
# exchanges/demo.py, so that the open data (tests/snapshots/) stay the same year on year.
FLOW_YEAR = 2027


def _moment(today, days_ago, minutes=0):
    """A fixed time of day `days_ago` days before `today`, in the site's time zone."""
    day = today - timedelta(days=days_ago)
    return datetime.combine(day, time(9, 30), tzinfo=timezone.get_default_timezone()) + timedelta(
        minutes=minutes
    )


def _day(today, days):
    return None if days is None else today + timedelta(days=days)


def _decimal(value, places="0.00001"):
    return None if value is None else Decimal(value).quantize(Decimal(places))


def load():
    """Create or update the organisations that are not partners, the listings and the
    matches. Returns rows created or changed."""
    changed = 0
    for organisation in ORGANISATIONS:
        _obj, c = upsert_record(
            Partner,
            organisation,
            membership=Partner.Membership.NONE,
            is_public=False,
            latitude=Decimal(organisation.latitude),
            longitude=Decimal(organisation.longitude),
        )
        changed += c
    partners = {p.slug: p for p in Partner.objects.all()}
    resources = {r.slug: r for r in Resource.objects.all()}
    today = dates.today()
    for record in LISTINGS:
        changed += _load_listing(record, partners, resources, today)
    listings = {one.key: one for one in models.Listing.objects.filter(key__startswith="demo-")}
    for record in MATCHES:
        changed += _load_match(record, listings, today)
    return changed


def _load_listing(record, partners, resources, today):
    organisation = partners[record.organisation]
    existing = models.Listing.objects.filter(key=record.key).first()
    status = record.status
    if status == MATCHED and existing is None:
        status = PUBLISHED  # the established match marks it matched (listings.workflow)
    latitude = record.latitude or organisation.latitude
    longitude = record.longitude or organisation.longitude
    timing = {"posted", "published", "ended", "starts", "ends"}
    obj, changed = upsert(
        models.Listing,
        {"key": record.key},
        **record_fields(
            record,
            exclude={"key", "organisation", "resource", "latitude", "longitude", "status", *timing},
        ),
        organisation=organisation,
        resource=resources[record.resource] if record.resource else None,
        latitude=_decimal(latitude),
        longitude=_decimal(longitude),
        status=status,
        available_from=_day(today, record.starts),
        available_until=_day(today, record.ends),
        published_at=_moment(today, record.published) if record.published is not None else None,
        ended_at=_moment(today, record.ended, 60) if record.ended is not None else None,
        consent_version="demo" if record.contact_email else "",
    )
    if existing is None:
        # Came in `posted` days ago (the admin's "created"), not when the demo was loaded.
        models.Listing.objects.filter(pk=obj.pk).update(created=_moment(today, record.posted))
    return changed


def _load_match(record, listings, today):
    offer, want = listings[record.offer], listings[record.want]
    if models.Match.objects.filter(offer=offer, want=want).exists():
        return 0  # never moved on twice: the secretariat may have worked on it since
    match, _created = workflow.open_match(offer, want, score=record.score, reasons=record.reasons)
    if record.through_workflow:
        for step in record.steps:
            workflow.advance(
                match,
                step.stage,
                comment=step.comment,
                rejection_reason=step.rejection_reason,
                year=FLOW_YEAR,
            )
    else:
        _write_steps(match, record.steps)
    # Each step on its day; the match opened with the first and changed with the last.
    steps = list(match.steps.order_by("pk"))
    days = [record.suggested, *(step.days_ago for step in record.steps)]
    for step, days_ago in zip(steps, days, strict=True):
        models.MatchStep.objects.filter(pk=step.pk).update(at=_moment(today, days_ago))
    models.Match.objects.filter(pk=match.pk).update(
        created=_moment(today, record.suggested), updated=_moment(today, days[-1])
    )
    return 1 + len(steps) + (1 if record.through_workflow else 0)  # the match, steps, flow


def _write_steps(match, steps):
    """The stages a match went through, as rows (no introduction mail to made-up people)."""
    old = match.stage
    for step in steps:
        if step.stage not in models.STAGE_STEPS[models.Stage(old)]:
            raise ValueError(f"{match}: no step from {old} to {step.stage}")
        models.MatchStep.objects.create(
            match=match, old_stage=old, new_stage=step.stage, comment=step.comment
        )
        old = step.stage
    if not steps:
        return
    match.stage = old
    if old == Stage.REJECTED:
        match.rejection_reason = steps[-1].rejection_reason
        match.rejection_note = steps[-1].comment
    match.save(update_fields=["stage", "rejection_reason", "rejection_note", "updated"])
