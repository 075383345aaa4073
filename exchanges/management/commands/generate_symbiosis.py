"""Generate a large, realistic symbiosis for benchmarks and load tests.

    python manage.py generate_symbiosis                      # 500 partners, 5,000 flows, 20 years
    python manage.py generate_symbiosis --partners 20 --flows 100 --years 3

Everything is written through the models with `bulk_create`, in one transaction,
and is the same for the same `--seed` (and the same `--until` year). Partners are
made-up companies around Kalundborg, each in an industry that gives off and takes
in typical resources, so flows look like a symbiosis: a few busy hubs (the power
station, the utility, the refinery), many small partners, some two-way pairs,
planned and ended flows, and yearly figures in units that fit the category.

Generated partners and resources have slugs starting with `gen-`. A run first
deletes the rows an earlier run generated (and only those). It refuses to run
when the database holds partners it did not generate, i.e. a real site, unless
`--force` is given; even then it deletes nothing but generated rows.
"""

import math
import random
from decimal import Decimal

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from exchanges.models import Category, Flow, FlowFigure, Resource
from exchanges.units import Quantity, Unit, dimension_of
from partners.models import Partner, Person
from symbiosis import dates
from symbiosis.versions.deletions import without_deletion_history

PREFIX = "gen-"
E, W, M = Category.ENERGY, Category.WATER, Category.MATERIAL

# slug, (Danish, English), category, default unit, typical yearly size in that unit (low, high)
RESOURCES = [
    ("steam", ("Damp", "Steam"), E, Unit.T, (5_000, 400_000)),
    ("low-pressure-steam", ("Lavtryksdamp", "Low-pressure steam"), E, Unit.T, (1_000, 80_000)),
    ("district-heating", ("Fjernvarme", "District heating"), E, Unit.MWH, (2_000, 600_000)),
    ("surplus-heat", ("Overskudsvarme", "Surplus heat"), E, Unit.MWH, (500, 150_000)),
    ("electricity", ("El", "Electricity"), E, Unit.MWH, (1_000, 200_000)),
    ("refinery-gas", ("Raffinaderigas", "Refinery gas"), E, Unit.M3, (100_000, 20_000_000)),
    ("biogas", ("Biogas", "Biogas"), E, Unit.M3, (200_000, 10_000_000)),
    ("hydrogen", ("Brint", "Hydrogen"), E, Unit.T, (50, 5_000)),
    ("wood-pellets", ("Træpiller", "Wood pellets"), E, Unit.T, (500, 60_000)),
    ("waste-oil", ("Spildolie", "Waste oil"), E, Unit.M3, (20, 2_000)),
    ("surface-water", ("Overfladevand", "Surface water"), W, Unit.M3, (50_000, 3_000_000)),
    ("cooling-water", ("Kølevand", "Cooling water"), W, Unit.M3, (20_000, 1_500_000)),
    ("treated-effluent", ("Renset spildevand", "Treated effluent"), W, Unit.M3, (5_000, 900_000)),
    ("process-water", ("Procesvand", "Process water"), W, Unit.M3, (2_000, 500_000)),
    ("demin-water", ("Demineraliseret vand", "Demineralised water"), W, Unit.M3, (500, 80_000)),
    ("condensate", ("Kondensat", "Condensate"), W, Unit.M3, (1_000, 200_000)),
    ("rainwater", ("Regnvand", "Rainwater"), W, Unit.M3, (200, 40_000)),
    ("drainage-water", ("Drænvand", "Drainage water"), W, Unit.M3, (500, 60_000)),
    ("gypsum", ("Gips", "Gypsum"), M, Unit.T, (5_000, 200_000)),
    ("fly-ash", ("Flyveaske", "Fly ash"), M, Unit.T, (2_000, 100_000)),
    ("bottom-ash", ("Bundaske", "Bottom ash"), M, Unit.T, (1_000, 50_000)),
    ("bio-sludge", ("Bioslam", "Biological sludge"), M, Unit.T, (1_000, 150_000)),
    ("yeast-slurry", ("Gærslam", "Yeast slurry"), M, Unit.T, (500, 40_000)),
    ("biomass", ("Biomasse", "Biomass"), M, Unit.T, (2_000, 300_000)),
    ("digestate", ("Afgasset biomasse", "Digestate"), M, Unit.T, (2_000, 250_000)),
    ("sulphur", ("Svovl", "Sulphur"), M, Unit.T, (100, 20_000)),
    ("carbon-dioxide", ("CO₂", "Carbon dioxide"), M, Unit.T, (500, 100_000)),
    ("ammonium-sulphate", ("Ammoniumsulfat", "Ammonium sulphate"), M, Unit.T, (200, 30_000)),
    ("straw", ("Halm", "Straw"), M, Unit.T, (500, 60_000)),
    ("wood-chips", ("Træflis", "Wood chips"), M, Unit.M3, (1_000, 120_000)),
    ("scrap-metal", ("Metalskrot", "Scrap metal"), M, Unit.T, (50, 8_000)),
    ("glass-cullet", ("Glasskår", "Glass cullet"), M, Unit.T, (100, 15_000)),
    ("plastic-waste", ("Plastaffald", "Plastic waste"), M, Unit.T, (50, 6_000)),
    ("lime", ("Kalk", "Lime"), M, Unit.T, (200, 20_000)),
    ("sand", ("Sand", "Sand"), M, Unit.M3, (500, 40_000)),
    ("compost", ("Kompost", "Compost"), M, Unit.M3, (200, 25_000)),
    ("whey", ("Valle", "Whey"), M, Unit.M3, (1_000, 90_000)),
    ("spent-grain", ("Mask", "Spent grain"), M, Unit.T, (500, 30_000)),
]

COMPANY, UTILITY = Partner.Kind.COMPANY, Partner.Kind.UTILITY
MUNICIPALITY, KNOWLEDGE = Partner.Kind.MUNICIPALITY, Partner.Kind.KNOWLEDGE

# fmt: off
# industry: kind, word in the name, sector (Danish, English), weight among the random
# partners, what it gives off, what it takes in (resource slugs above)
INDUSTRIES = {
    "power": (
        COMPANY, "Kraftvarme", ("Energi", "Energy"), 2,
        ["steam", "district-heating", "electricity", "gypsum", "fly-ash", "bottom-ash",
         "surplus-heat", "condensate"],
        ["cooling-water", "treated-effluent", "biomass", "wood-chips", "straw", "wood-pellets",
         "refinery-gas", "surface-water"],
    ),
    "refinery": (
        COMPANY, "Raffinaderi", ("Olieraffinaderi", "Oil refinery"), 1,
        ["refinery-gas", "sulphur", "surplus-heat", "cooling-water", "treated-effluent",
         "hydrogen", "waste-oil"],
        ["steam", "surface-water", "biogas", "electricity", "demin-water"],
    ),
    "enzymes": (
        COMPANY, "Enzymer", ("Bioteknologi og enzymer", "Biotechnology and enzymes"), 3,
        ["bio-sludge", "biomass", "yeast-slurry", "surplus-heat", "carbon-dioxide",
         "treated-effluent"],
        ["steam", "process-water", "surface-water", "electricity", "biogas", "low-pressure-steam"],
    ),
    "pharma": (
        COMPANY, "Pharma", ("Medicinalindustri", "Pharmaceuticals"), 3,
        ["yeast-slurry", "biomass", "surplus-heat", "treated-effluent", "condensate"],
        ["steam", "process-water", "demin-water", "electricity", "district-heating"],
    ),
    "plasterboard": (
        COMPANY, "Gipsplader", ("Byggematerialer", "Building materials"), 2,
        ["plastic-waste", "surplus-heat"],
        ["gypsum", "refinery-gas", "biogas", "electricity"],
    ),
    "biogas": (
        COMPANY, "Bioenergi", ("Biogas", "Biogas"), 4,
        ["biogas", "digestate", "carbon-dioxide", "surplus-heat"],
        ["biomass", "yeast-slurry", "bio-sludge", "straw", "spent-grain", "whey"],
    ),
    "cement": (
        COMPANY, "Cement", ("Cement og beton", "Cement and concrete"), 2,
        ["surplus-heat"],
        ["fly-ash", "bottom-ash", "gypsum", "lime", "sand", "waste-oil"],
    ),
    "dairy": (
        COMPANY, "Mejeri", ("Fødevarer", "Food"), 4,
        ["whey", "surplus-heat", "treated-effluent"],
        ["steam", "process-water", "electricity", "low-pressure-steam"],
    ),
    "brewery": (
        COMPANY, "Bryghus", ("Drikkevarer", "Beverages"), 3,
        ["spent-grain", "yeast-slurry", "carbon-dioxide"],
        ["process-water", "steam", "electricity"],
    ),
    "feed": (
        COMPANY, "Foder", ("Foderstoffer", "Animal feed"), 3,
        ["surplus-heat"],
        ["yeast-slurry", "spent-grain", "whey", "straw"],
    ),
    "glass": (
        COMPANY, "Glasværk", ("Glas", "Glass"), 1,
        ["surplus-heat", "glass-cullet"],
        ["glass-cullet", "sand", "lime", "biogas"],
    ),
    "plastics": (
        COMPANY, "Plastgenvinding", ("Genanvendelse", "Recycling"), 2,
        ["plastic-waste"],
        ["plastic-waste", "electricity"],
    ),
    "metal": (
        COMPANY, "Metal", ("Metalindustri", "Metal industry"), 3,
        ["scrap-metal", "surplus-heat"],
        ["scrap-metal", "electricity", "hydrogen"],
    ),
    "wood": (
        COMPANY, "Træ", ("Træindustri", "Wood products"), 3,
        ["wood-chips", "wood-pellets"],
        ["electricity", "steam", "low-pressure-steam"],
    ),
    "greenhouse": (
        COMPANY, "Gartneri", ("Gartneri", "Horticulture"), 4,
        ["compost"],
        ["carbon-dioxide", "surplus-heat", "rainwater", "district-heating", "compost"],
    ),
    "farm": (
        COMPANY, "Gods", ("Landbrug", "Farming"), 8,
        ["straw", "biomass"],
        ["digestate", "bio-sludge", "ammonium-sulphate", "compost", "yeast-slurry",
         "drainage-water"],
    ),
    "datacentre": (
        COMPANY, "Datacenter", ("Datacenter", "Data centre"), 1,
        ["surplus-heat"],
        ["electricity", "cooling-water", "surface-water"],
    ),
    "ptx": (
        COMPANY, "Power-to-X", ("Grøn brint", "Green hydrogen"), 1,
        ["hydrogen", "surplus-heat", "carbon-dioxide"],
        ["electricity", "demin-water", "carbon-dioxide"],
    ),
    "fertiliser": (
        COMPANY, "Gødning", ("Gødning", "Fertiliser"), 2,
        ["ammonium-sulphate"],
        ["sulphur", "steam", "digestate"],
    ),
    "fish": (
        COMPANY, "Fiskeindustri", ("Fiskeindustri", "Fish processing"), 2,
        ["biomass", "treated-effluent"],
        ["process-water", "steam", "electricity"],
    ),
    "composting": (
        COMPANY, "Kompost", ("Kompostering", "Composting"), 2,
        ["compost"],
        ["biomass", "digestate", "wood-chips"],
    ),
    "utility": (
        UTILITY, "Forsyning", ("Forsyning", "Utility"), 2,
        ["surface-water", "process-water", "district-heating", "demin-water",
         "drainage-water"],
        ["surplus-heat", "district-heating", "treated-effluent", "rainwater", "condensate"],
    ),
    "wastewater": (
        UTILITY, "Renseanlæg", ("Spildevand", "Wastewater"), 2,
        ["treated-effluent", "bio-sludge", "biogas"],
        ["treated-effluent", "electricity"],
    ),
    "waste": (
        UTILITY, "Affald", ("Affald og genbrug", "Waste and recycling"), 2,
        ["bottom-ash", "scrap-metal", "glass-cullet", "plastic-waste", "compost",
         "district-heating"],
        ["biomass", "plastic-waste", "wood-chips"],
    ),
    "knowledge": (
        KNOWLEDGE, "Videncenter", ("Forskning og uddannelse", "Research and education"), 1,
        ["surplus-heat"],
        ["district-heating", "electricity", "rainwater"],
    ),
}
# fmt: on

# Industries nobody runs as a family firm.
BIG_PLANTS = {"power", "refinery", "cement", "datacentre", "ptx"}

# The hubs every symbiosis grows around; the first is the busiest partner.
ANCHORS = [
    ("Asnæs Kraftvarme A/S", "power", 1959),
    ("Kalundborg Forsyning A/S", "utility", 1961),
    ("Kalundborg Raffinaderi A/S", "refinery", 1961),
    ("Kalundborg Enzymer A/S", "enzymes", 1972),
    ("Kalundborg Pharma A/S", "pharma", 1976),
    ("Kalundborg Bioenergi A/S", "biogas", 2016),
    ("Kalundborg Gipsplader A/S", "plasterboard", 1972),
    ("Kalundborg Kommune", "municipality", 1961),
]

# fmt: off
PLACES = [
    ("Kalundborg", "4400"), ("Asnæs", "4400"), ("Tissø", "4291"), ("Gørlev", "4281"),
    ("Høng", "4270"), ("Svebølle", "4470"), ("Jyderup", "4450"), ("Ubby", "4490"),
    ("Rørby", "4400"), ("Årby", "4400"), ("Raklev", "4400"), ("Bjergsted", "4440"),
    ("Reersø", "4281"), ("Sejerø", "4592"), ("Havnsø", "4591"), ("Mullerup", "4200"),
    ("Eskebjerg", "4593"), ("Føllenslev", "4591"), ("Store Fuglede", "4480"),
    ("Kaldred", "4400"), ("Saltbæk", "4400"), ("Lerchenborg", "4400"), ("Bregninge", "4400"),
    ("Særslev", "4591"), ("Nyrup", "4400"), ("Buerup", "4200"), ("Ørslev", "4200"),
    ("Hallenslev", "4270"), ("Drøsselbjerg", "4200"), ("Tømmerup", "4400"),
]
MUNICIPALITIES = ["Holbæk Kommune", "Slagelse Kommune", "Odsherred Kommune", "Sorø Kommune"]
STREETS = ["Havnevej", "Industrivej", "Asnæsvej", "Melbyvej", "Stigsborgvej", "Hallebyvej",
           "Energivej", "Gammel Skovvej", "Rendsborgvej", "Kystvejen", "Symbiosevej"]
FIRST_NAMES = ["Anne", "Mette", "Lars", "Søren", "Jens", "Camilla", "Mads", "Louise",
               "Peter", "Ida", "Rasmus", "Freja", "Henrik", "Sofie", "Morten", "Line", "Jonas",
               "Karen"]
LAST_NAMES = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
              "Sørensen", "Rasmussen", "Jørgensen", "Madsen", "Kristensen", "Olsen", "Thomsen",
              "Poulsen", "Johansen", "Møller", "Mortensen"]
# fmt: on
ROLES = [
    ("Miljøkoordinator", "Environmental coordinator"),
    ("Driftschef", "Head of operations"),
    ("Energiansvarlig", "Energy manager"),
    ("Kommunikationschef", "Head of communications"),
    ("Direktør", "Managing director"),
]
SOURCES = [
    "Partnerens grønne regnskab {year}",
    "Målt af leverandøren, {year}",
    "Afregnet mængde ifølge faktura, {year}",
    "Sekretariatets opgørelse for {year}",
    "Beregnet ud fra driftsdata, {year}",
]
# A figure is sometimes reported in another unit of the same kind (GJ for heat, kg for a
# small material flow); sums must convert.
OTHER_UNITS = {
    Unit.T: [Unit.KG],
    Unit.MWH: [Unit.GJ, Unit.GWH, Unit.KWH],
    Unit.M3: [Unit.L],
}
# Tonnes of CO₂ avoided per MWh of energy passed on instead of made from fossil fuel.
CO2_PER_MWH = Decimal("0.2")
THOUSANDTH = Decimal("0.001")


class Generator:
    """Builds unsaved model instances from one random.Random(seed), in a fixed order:
    resources, partners, people, flows, figures (each step uses the saved rows before it)."""

    def __init__(self, *, partners, flows, years, seed, until):
        if partners < 2:
            raise CommandError("A symbiosis needs at least two partners.")
        self.rng = random.Random(seed)  # noqa: S311 (made-up data, not secrets)
        self.n_partners, self.n_flows, self.years, self.until = partners, flows, years, until
        self.this_year = dates.this_year()

    # Resources --------------------------------------------------------------

    def resources(self):
        self.resource_rows = {}
        out = []
        for slug, (name_da, name_en), category, unit, size in RESOURCES:
            resource = Resource(
                slug=PREFIX + slug,
                name_da=name_da,
                name_en=name_en,
                category=category,
                default_unit=unit,
            )
            self.resource_rows[slug] = (resource, size)
            out.append(resource)
        return out

    # Partners ---------------------------------------------------------------

    def _names(self):
        """(name, industry, year founded or None) for every partner, anchors first."""
        rng = self.rng
        chosen = list(ANCHORS)
        municipalities = list(MUNICIPALITIES)
        industries = [k for k in INDUSTRIES]
        weights = [INDUSTRIES[k][3] for k in industries]
        used = {name for name, _i, _y in chosen}
        taken = {(name.split()[0], INDUSTRIES.get(i, ("", ""))[1]) for name, i, _y in chosen}
        tries = 0
        while len(chosen) < self.n_partners:
            tries += 1
            if municipalities and rng.random() < 0.01:
                chosen.append((municipalities.pop(0), "municipality", None))
                continue
            industry = rng.choices(industries, weights)[0]
            kind, word = INDUSTRIES[industry][:2]
            # Mostly a place and a trade ("Gørlev Mejeri A/S"), sometimes a family firm.
            if kind == COMPANY and industry not in BIG_PLANTS and rng.random() < 0.3:
                owner = rng.choice(LAST_NAMES) + "s"
            else:
                owner = rng.choice(PLACES)[0]
            if (owner, word) in taken and tries < 50 * self.n_partners:
                continue  # one "Asnæs Mejeri", not three with different suffixes
            taken.add((owner, word))
            if industry == "farm":
                name = f"{owner} {word}"
            elif industry == "knowledge":
                name = f"{word} {owner}"
            else:
                suffix = "A/S" if kind == UTILITY else rng.choice(["A/S", "A/S", "ApS", "I/S"])
                name = f"{owner} {word} {suffix}"
            if name in used:
                name = f"{name} {len(chosen)}"  # very large runs: number the rest
            used.add(name)
            chosen.append((name, industry, None))
        return chosen[: self.n_partners]

    def partners(self):
        rng = self.rng
        out = []
        taken = set()
        self.industry_of = []
        for rank, (name, industry, founded) in enumerate(self._names()):
            if industry == "municipality":
                kind, sector = MUNICIPALITY, ("Offentlig forvaltning", "Public administration")
            else:
                kind, _word, sector = INDUSTRIES[industry][:3]
            located = [(p, c) for p, c in PLACES if name.startswith(p) or name.endswith(p)]
            place, postcode = located[0] if located else rng.choice(PLACES)
            membership = rng.choices(
                [Partner.Membership.FULL, Partner.Membership.ASSOCIATE,
                 Partner.Membership.FORMER, Partner.Membership.NONE],
                [70, 15, 10, 5],
            )[0]  # fmt: skip
            if rank < len(ANCHORS):
                membership = Partner.Membership.FULL
            joined = founded or (1961 + int(rng.random() ** 0.5 * (self.this_year - 1961)))
            left = None
            if membership == Partner.Membership.FORMER:
                left = rng.randint(joined, self.this_year)
            if membership == Partner.Membership.NONE:
                joined = None
            slug = _slug(name, taken)
            # The secretariat pinned the big ones on the diagram: the first in the middle.
            pin = (None, None)
            if rank < 12:
                angle = 2 * math.pi * rank / 11
                pin = (
                    (500, 500)
                    if rank == 0
                    else (round(500 + 420 * math.cos(angle)), round(500 + 420 * math.sin(angle)))
                )
            partner = Partner(
                name=name,
                slug=slug,
                kind=kind,
                membership=membership,
                year_joined=joined,
                year_left=left,
                sector_da=sector[0],
                sector_en=sector[1] if rng.random() < 0.9 else "",
                summary_da=f"{sector[0]} i {place}, med i Symbiosen med sine restprodukter.",
                summary_en=(
                    f"{sector[1]} in {place}, taking part in the symbiosis with its residues."
                    if rng.random() < 0.85
                    else ""
                ),
                description_da=(
                    f"{name} ligger i {place} og udveksler energi, vand og materialer med "
                    "andre partnere.\n\nVirksomheden har arbejdet med cirkulær økonomi i mange "
                    "år."
                    if rng.random() < 0.5
                    else ""
                ),
                website=f"https://{slug.removeprefix(PREFIX)}.example.dk",
                street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                postcode=postcode,
                town="Kalundborg" if postcode == "4400" else place,
                latitude=Decimal(55.68 + rng.uniform(-0.12, 0.12)).quantize(Decimal("0.000001")),
                longitude=Decimal(11.09 + rng.uniform(-0.2, 0.2)).quantize(Decimal("0.000001")),
                diagram_x=pin[0],
                diagram_y=pin[1],
                is_public=rank < len(ANCHORS) or rng.random() < 0.97,
            )
            out.append(partner)
            self.industry_of.append(industry)
        return out

    def people(self, partners):
        rng = self.rng
        out = []
        for partner in partners:
            for order in range(rng.choices([0, 1, 2, 3], [40, 35, 15, 10])[0]):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                role_da, role_en = rng.choice(ROLES)
                out.append(
                    Person(
                        name=f"{first} {last}",
                        role_da=role_da,
                        role_en=role_en if rng.random() < 0.8 else "",
                        organisation=partner,
                        email=f"{slugify(first)}.{slugify(last)}@{partner.website[8:]}",
                        phone="+45 55 {} {} {}".format(*rng.sample(range(10, 99), 3)),
                        order=order,
                        is_public=rng.random() < 0.9,
                        is_press_contact=order == 0 and rng.random() < 0.1,
                    )
                )
        return out

    # Flows ------------------------------------------------------------------

    def _gives_takes(self, industry):
        if industry == "municipality":
            return ["rainwater", "compost"], ["district-heating", "compost", "surplus-heat"]
        return INDUSTRIES[industry][4], INDUSTRIES[industry][5]

    def flows(self, partners):
        rng = self.rng
        n = len(partners)
        # Busy partners first: weight 1/(rank+1)^0.6 gives the first partner a few hundred flows
        # among 5,000 and leaves most partners with a handful.
        weight = [1 / (rank + 1) ** 0.6 for rank in range(n)]
        gives = [self._gives_takes(i)[0] for i in self.industry_of]
        takes = [self._gives_takes(i)[1] for i in self.industry_of]
        takers = {}
        for p in range(n):
            for slug in takes[p]:
                takers.setdefault(slug, []).append(p)
        cumulative = {slug: _cumulate([weight[p] for p in ps]) for slug, ps in takers.items()}
        givers = [p for p in range(n) if gives[p]]
        giver_cum = _cumulate([weight[p] for p in givers])

        seen = set()
        planned = []  # (supplier index, receiver index, resource slug)
        attempts = 0
        while len(planned) < self.n_flows and attempts < 50 * self.n_flows:
            attempts += 1
            if planned and rng.random() < 0.1:
                # The way back: a two-way pair with an earlier flow.
                back, there, _r = planned[rng.randrange(len(planned))]
                supplier, receiver = there, back
                options = [r for r in gives[supplier] if r in takes[receiver]] or gives[supplier]
                if not options:
                    continue
                slug = rng.choice(options)
            else:
                supplier = rng.choices(givers, cum_weights=giver_cum)[0]
                slug = rng.choice(gives[supplier])
                candidates = takers.get(slug)
                if not candidates:
                    continue
                receiver = rng.choices(candidates, cum_weights=cumulative[slug])[0]
            if supplier == receiver or (supplier, receiver, slug) in seen:
                continue
            seen.add((supplier, receiver, slug))
            planned.append((supplier, receiver, slug))

        out = []
        self.flow_meta = []
        for supplier, receiver, slug in planned:
            resource, size = self.resource_rows[slug]
            status = rng.choices(
                [Flow.Status.ACTIVE, Flow.Status.ENDED, Flow.Status.PLANNED], [80, 12, 8]
            )[0]
            if status == Flow.Status.PLANNED:
                started, ended = self.this_year + rng.randint(1, 4), None
            else:
                # More flows in recent decades, as in the real symbiosis.
                started = 1961 + int(rng.random() ** 0.6 * (self.this_year - 1961))
                ended = None
                if status == Flow.Status.ENDED:
                    started = min(started, self.this_year - 2)
                    ended = rng.randint(started, self.this_year - 1)
                elif rng.random() < 0.02:
                    started = None  # an old flow nobody dated
            s, r = partners[supplier], partners[receiver]
            story_da = story_en = ""
            if rng.random() < 0.6:
                story_da = f"{s.name} leverer {resource.name_da.lower()} til {r.name}."
                if rng.random() < 0.7:
                    story_en = f"{s.name} supplies {resource.name_en.lower()} to {r.name}."
            out.append(
                Flow(
                    supplier=s,
                    receiver=r,
                    resource=resource,
                    story_da=story_da,
                    story_en=story_en,
                    year_started=started,
                    year_ended=ended,
                    status=status,
                    is_public=rng.random() < 0.98,
                )
            )
            low, high = size
            self.flow_meta.append(
                (resource, Decimal(round(low * (high / low) ** rng.random())))
            )  # log-uniform size
        return out

    # Yearly figures ---------------------------------------------------------

    def figures(self, flows):
        rng = self.rng
        last = self.until
        first = last - self.years + 1
        out = []
        for flow, (resource, size) in zip(flows, self.flow_meta, strict=True):
            unit = Unit(resource.default_unit)
            if rng.random() < 0.15 and unit in OTHER_UNITS:
                unit = rng.choice(OTHER_UNITS[unit])
            trend = Decimal(1 + rng.uniform(-0.04, 0.06))
            if flow.status == Flow.Status.PLANNED:
                if rng.random() < 0.5:
                    out.append(self._figure(flow, flow.year_started, size, unit, expected=True))
                continue
            start = max(first, flow.year_started or first)
            end = min(last, flow.year_ended or last)
            level = size
            for year in range(start, end + 1):
                level = level * trend
                if rng.random() < 0.05:
                    continue  # a year nobody reported
                out.append(self._figure(flow, year, level, unit))
            if flow.status == Flow.Status.ACTIVE and rng.random() < 0.2:
                out.append(self._figure(flow, self.this_year + 1, level, unit, expected=True))
        return out

    def _figure(self, flow, year, level, unit, *, expected=False):
        rng = self.rng
        category = flow.resource.category
        base = Quantity(level * Decimal(rng.uniform(0.9, 1.1)), flow.resource.default_unit)
        quantity = base.to(unit).value.quantize(THOUSANDTH)
        co2 = water = None
        if category == Category.ENERGY and rng.random() < 0.5:
            if dimension_of(base.unit) == dimension_of(Unit.MWH):
                co2 = (base.to(Unit.MWH).value * CO2_PER_MWH).quantize(THOUSANDTH)
        elif category == Category.WATER and rng.random() < 0.5:
            water = (base.to(Unit.M3).value * Decimal("0.95")).quantize(THOUSANDTH)
        if rng.random() < 0.02 and (co2 or water):
            quantity, unit = None, ""  # only the saving was reported
        return FlowFigure(
            flow=flow,
            year=year,
            kind=FlowFigure.Kind.EXPECTED if expected else FlowFigure.Kind.REALISED,
            quantity=quantity,
            unit=unit,
            co2_avoided_t=co2,
            water_saved_m3=water,
            source=rng.choice(SOURCES).format(year=year),
        )


def _slug(name, taken):
    """gen-asnaes-kraftvarme-as for "Asnæs Kraftvarme A/S": Danish letters spelt out."""
    spelt = name.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "/": ""}))
    slug = base = (PREFIX + slugify(spelt))[:190]
    number = 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _cumulate(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def delete_generated():
    """Remove every generated row (and nothing else). Returns the number of rows removed."""
    removed = 0
    for queryset in (
        FlowFigure.objects.filter(
            Q(flow__supplier__slug__startswith=PREFIX) | Q(flow__receiver__slug__startswith=PREFIX)
        ),
        Flow.objects.filter(
            Q(supplier__slug__startswith=PREFIX) | Q(receiver__slug__startswith=PREFIX)
        ),
        Partner.objects.filter(slug__startswith=PREFIX),  # with their people
        Resource.objects.filter(slug__startswith=PREFIX, flows__isnull=True),
    ):
        # Generated rows are not content: no version of each is kept for recovery.
        with without_deletion_history():
            removed += queryset.delete()[0]
    return removed


def _saved(objects, model, batch_size):
    """bulk_create, making sure every object has its primary key (all supported databases
    return it; the check keeps a silent None from turning into broken foreign keys)."""
    created = model.objects.bulk_create(objects, batch_size=batch_size)
    if any(obj.pk is None for obj in created):
        raise CommandError(f"The database did not return primary keys for {model.__name__}.")
    return created


class Command(BaseCommand):
    help = (
        "Generate a large, deterministic symbiosis (default 500 partners, 5,000 flows, "
        "20 years of figures) for benchmarks. Replaces earlier generated rows only; refuses "
        "to run beside real partners unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partners", type=int, default=500)
        parser.add_argument("--flows", type=int, default=5000)
        parser.add_argument("--years", type=int, default=20, help="Years of yearly figures.")
        parser.add_argument("--seed", type=int, default=1961)
        parser.add_argument(
            "--until",
            type=int,
            default=dates.this_year() - 1,
            help="Last year with realised figures (default: last year).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database holds partners that were not generated.",
        )
        parser.add_argument("--clear", action="store_true", help="Only delete the generated rows.")

    def handle(self, *args, **options):
        if options["clear"]:
            with transaction.atomic():
                removed = delete_generated()
            self.stdout.write(f"Removed the generated symbiosis ({removed} rows).")
            return
        real = Partner.objects.exclude(slug__startswith=PREFIX)
        if real.exists() and not options["force"]:
            raise CommandError(
                f"This database holds {real.count()} partners that were not generated (the "
                "real site?). Use a separate database, e.g. DATABASE_URL=sqlite:///bench.sqlite3, "
                "or pass --force to add generated partners beside them."
            )
        if options["years"] < 1 or options["flows"] < 0:
            raise CommandError("--years must be at least 1 and --flows not negative.")
        if options["until"] >= dates.this_year():
            raise CommandError("--until must be a past year: realised figures cannot be ahead.")
        generator = Generator(
            partners=options["partners"],
            flows=options["flows"],
            years=options["years"],
            seed=options["seed"],
            until=options["until"],
        )
        with transaction.atomic():
            removed = delete_generated()
            resources = {r.slug: r for r in Resource.objects.filter(slug__startswith=PREFIX)}
            new = [r for r in generator.resources() if r.slug not in resources]
            _saved(new, Resource, 1000)
            # Resources kept from an earlier run are reused (as rows), with their fields reset.
            for resource, _size in generator.resource_rows.values():
                kept = resources.get(resource.slug)
                if kept is not None:
                    resource.pk = kept.pk
                    resource.save()
            partners = _saved(generator.partners(), Partner, 1000)
            people = _saved(generator.people(partners), Person, 1000)
            flows = _saved(generator.flows(partners), Flow, 1000)
            figures = _saved(generator.figures(flows), FlowFigure, 2000)
            # bulk_create sends no signals: the site search's index in one go (by name:
            # exchanges does not import search).
            call_command("rebuild_search_index", verbosity=0)
        if removed:
            self.stdout.write(f"Removed the earlier generated symbiosis ({removed} rows).")
        if len(flows) < options["flows"]:
            self.stderr.write(
                f"Only {len(flows)} distinct flows fit between {len(partners)} partners."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {len(partners)} partners, {len(people)} people, "
                f"{len(generator.resource_rows)} resources, {len(flows)} flows and "
                f"{len(figures)} yearly figures (seed {options['seed']})."
            )
        )
