"""Demo resources, flows, yearly figures and published impact figures.

Facts and figures from ../shared/DOMAIN.md, each figure with its source:
NAP = National Academies Press record 4982, pp. 117–123; EMF = Ellen MacArthur
Foundation case study and the paper "Modelling CO2 savings and economic benefits
for the Kalundborg Symbiosis" (2018). Stories are in our own words. Where a
source gives one figure for several flows, it is kept on one flow and the
source text says so, rather than split by guesswork.
"""

from decimal import Decimal

from exchanges.models import Category, Flow, FlowFigure, ImpactStatement, Resource
from exchanges.units import Unit
from partners.models import Partner
from symbiosis.demo import upsert

NAP = "National Academies Press, record 4982, pp. 117–123"
NAP_URL = "https://nap.nationalacademies.org/read/4982/chapter/12"
EMF = "Ellen MacArthur Foundation, case study of Kalundborg Symbiosis (LCA, 2018)"
EMF_URL = "https://www.ellenmacarthurfoundation.org/circular-examples/kalundborg-symbiosis"

# slug, name (da, en), category, default unit
RESOURCES = [
    ("steam", ("Damp", "Steam"), Category.ENERGY, Unit.T),
    ("district-heating", ("Fjernvarme", "District heating"), Category.ENERGY, Unit.MWH),
    ("electricity", ("El", "Electricity"), Category.ENERGY, Unit.GWH),
    ("refinery-gas", ("Raffinaderigas", "Refinery gas"), Category.ENERGY, Unit.M3),
    ("biogas", ("Biogas", "Biogas"), Category.ENERGY, Unit.M3),
    ("surface-water", ("Overfladevand", "Surface water"), Category.WATER, Unit.M3),
    ("cooling-water", ("Kølevand", "Cooling water"), Category.WATER, Unit.M3),
    ("treated-effluent", ("Renset spildevand", "Treated effluent"), Category.WATER, Unit.M3),
    ("gypsum", ("Gips", "Gypsum"), Category.MATERIAL, Unit.T),
    ("fly-ash", ("Flyveaske", "Fly ash"), Category.MATERIAL, Unit.T),
    (
        "sludge-fertiliser",
        ("Bioslam (NovoGro)", "Biological sludge (NovoGro)"),
        Category.MATERIAL,
        Unit.T,
    ),
    ("yeast-slurry", ("Gærslam", "Yeast slurry"), Category.MATERIAL, Unit.T),
    ("biomass", ("Biomasse", "Biomass"), Category.MATERIAL, Unit.T),
]

# Receivers that are not members: shown on the diagram, not in the member lists.
OTHER_PARTNERS = [
    (
        "local-farms",
        "Landbrug i området",
        "Local farms",
        "Landmænd omkring Kalundborg, der bruger restprodukter som gødning og foder.",
        "Farmers around Kalundborg who use residues as fertiliser and feed.",
    ),
    (
        "cement-industry",
        "Cementindustrien",
        "Cement industry",
        "Cementproduktion, der bruger flyveaske som råstof.",
        "Cement production that uses fly ash as a raw material.",
    ),
]

# supplier, receiver, resource, start, end, status, story (da, en), figures
# figure: (year, quantity, unit, co2 t, water m³, source, url)
FLOWS = [
    (
        "kalundborg-forsyning",
        "kalundborg-refinery",
        "surface-water",
        1961,
        None,
        "active",
        (
            "Rørledningen fra Tissø gav raffinaderiet overfladevand i stedet for grundvand; den første forbindelse i Symbiosen.",
            "The pipeline from Lake Tissø gave the refinery surface water instead of groundwater: the symbiosis's first link.",
        ),
        [],
    ),
    (
        "kalundborg-refinery",
        "saint-gobain-gyproc",
        "refinery-gas",
        1972,
        None,
        "active",
        (
            "Overskydende gas fra raffinaderiet blev brugt til at tørre gipsplader hos nabofabrikken.",
            "Surplus gas from the refinery dried plasterboard at the factory next door.",
        ),
        [],
    ),
    (
        "novo-nordisk",
        "local-farms",
        "sludge-fertiliser",
        1976,
        None,
        "active",
        (
            "Biologisk slam fra fermenteringen bliver til gødning (NovoGro) på markerne omkring byen.",
            "Biological sludge from fermentation becomes fertiliser (NovoGro) on the fields around the town.",
        ),
        [],
    ),
    (
        "orsted",
        "cement-industry",
        "fly-ash",
        1979,
        None,
        "active",
        (
            "Flyveaske fra kraftværket bruges i cementproduktion.",
            "Fly ash from the power station goes into cement production.",
        ),
        [],
    ),
    (
        "orsted",
        "kalundborg-forsyning",
        "district-heating",
        1981,
        None,
        "active",
        (
            "Varme fra Asnæsværket varmer byens huse op gennem fjernvarmenettet.",
            "Heat from the Asnæs power station warms the town's homes through the district heating grid.",
        ),
        [],
    ),
    (
        "orsted",
        "kalundborg-refinery",
        "steam",
        1982,
        None,
        "active",
        (
            "Damp fra kraftværket driver processer på raffinaderiet.",
            "Steam from the power station runs processes at the refinery.",
        ),
        [],
    ),
    (
        "orsted",
        "novo-nordisk",
        "steam",
        1982,
        None,
        "active",
        (
            "Damp fra kraftværket bruges i produktionen af insulin og enzymer.",
            "Steam from the power station is used to make insulin and enzymes.",
        ),
        [
            (
                1995,
                "215000",
                Unit.T,
                None,
                None,
                NAP + ": steam from Asnæs to the refinery and Novo together, per year in the 1990s",
                NAP_URL,
            )
        ],
    ),
    (
        "kalundborg-refinery",
        "orsted",
        "cooling-water",
        1987,
        None,
        "active",
        (
            "Kølevand fra raffinaderiet går tilbage til kraftværket og sparer vand fra søen.",
            "Cooling water from the refinery goes back to the power station, saving lake water.",
        ),
        [],
    ),
    (
        "novo-nordisk",
        "local-farms",
        "yeast-slurry",
        1989,
        None,
        "active",
        (
            "Gær fra insulinproduktionen bliver til foder og biogas.",
            "Yeast from insulin production becomes feed and biogas.",
        ),
        [],
    ),
    (
        "kalundborg-refinery",
        "orsted",
        "treated-effluent",
        1991,
        None,
        "active",
        (
            "Renset spildevand fra raffinaderiet genbruges på kraftværket.",
            "Treated effluent from the refinery is reused at the power station.",
        ),
        [],
    ),
    (
        "orsted",
        "saint-gobain-gyproc",
        "gypsum",
        1993,
        None,
        "active",
        (
            "Røggasrensningen på kraftværket giver gips, som bliver til gipsplader.",
            "Cleaning the power station's flue gas yields gypsum, which becomes plasterboard.",
        ),
        [
            (
                2010,
                "150000",
                Unit.T,
                None,
                None,
                "symbiosis.dk, 2010: gypsum delivered to Gyproc",
                "",
            )
        ],
    ),
    (
        "orsted",
        "kalundborg-forsyning",
        "electricity",
        1995,
        None,
        "active",
        ("Elektricitet fra kraftværket.", "Electricity from the power station."),
        [
            (
                1995,
                "140",
                Unit.GWH,
                None,
                None,
                NAP + ": electricity, per year in the 1990s",
                NAP_URL,
            )
        ],
    ),
    (
        "novonesis",
        "kalundborg-bioenergi",
        "biomass",
        2018,
        None,
        "active",
        (
            "Restbiomasse fra enzym- og insulinproduktionen omsættes til biogas.",
            "Residual biomass from enzyme and insulin production is turned into biogas.",
        ),
        [
            (
                2019,
                "300000",
                Unit.T,
                None,
                None,
                "symbiosis.dk 2022 ('grøn energi'): biomass from Novozymes and Novo Nordisk together, per year",
                "",
            )
        ],
    ),
    (
        "novo-nordisk",
        "kalundborg-bioenergi",
        "biomass",
        2018,
        None,
        "active",
        (
            "Restbiomasse fra insulinproduktionen omsættes til biogas.",
            "Residual biomass from insulin production is turned into biogas.",
        ),
        [],
    ),
    (
        "kalundborg-bioenergi",
        "saint-gobain-gyproc",
        "biogas",
        2018,
        None,
        "active",
        (
            "Opgraderet biogas erstatter naturgas i gipsproduktionen.",
            "Upgraded biogas replaces natural gas in plasterboard production.",
        ),
        [
            (
                2019,
                "8000000",
                Unit.M3,
                "17000",
                None,
                "symbiosis.dk 2022 ('grøn energi'): the plant's whole biogas output and CO₂ avoided, per year",
                "",
            )
        ],
    ),
    (
        "kalundborg-bioenergi",
        "kalundborg-refinery",
        "biogas",
        2018,
        None,
        "active",
        ("Opgraderet biogas bruges på raffinaderiet.", "Upgraded biogas is used at the refinery."),
        [],
    ),
    (
        "kalundborg-refinery",
        "kalundborg-forsyning",
        "district-heating",
        2027,
        None,
        "planned",
        (
            "Planlagt: overskudsvarme fra raffinaderiet til fjernvarmenettet.",
            "Planned: surplus heat from the refinery for the district heating grid.",
        ),
        [],
    ),
]

IMPACT = [
    (2008, "water", "3000000", Unit.M3, ("om året", "per year"), "voresomstilling.dk (2008)", ""),
    (2008, "co2", "275000", Unit.T, ("om året", "per year"), "voresomstilling.dk (2008)", ""),
    (2018, "co2", "635000", Unit.T, ("om året", "per year"), EMF, EMF_URL),
    (2018, "water", "3600000", Unit.M3, ("om året", "per year"), EMF, EMF_URL),
    (2018, "energy", "100", Unit.GWH, ("om året", "per year"), EMF, EMF_URL),
    (2018, "materials", "87000", Unit.T, ("om året", "per year"), EMF, EMF_URL),
    (
        2018,
        "money",
        "24000000",
        Unit.EUR,
        ("for virksomhederne, om året", "for the companies, per year"),
        EMF,
        EMF_URL,
    ),
    (
        2018,
        "money",
        "14000000",
        Unit.EUR,
        ("samfundsøkonomisk, om året", "socio-economic, per year"),
        EMF,
        EMF_URL,
    ),
    (
        2020,
        "co2",
        "586000",
        Unit.T,
        ("om året; senere opgørelse", "per year; later account"),
        "symbiosis.dk",
        "",
    ),
    (
        2020,
        "water",
        "4000000",
        Unit.M3,
        ("grundvand om året; senere opgørelse", "groundwater per year; later account"),
        "symbiosis.dk",
        "",
    ),
    (
        2020,
        "materials",
        "62000",
        Unit.T,
        (
            "genanvendte restmaterialer; senere opgørelse",
            "residual materials recycled; later account",
        ),
        "symbiosis.dk",
        "",
    ),
]


def load_exchanges():
    changed = 0
    for slug, name_da, name_en, summary_da, summary_en in OTHER_PARTNERS:
        _obj, c = upsert(
            Partner,
            {"slug": slug},
            name=name_da,
            kind=Partner.Kind.OTHER,
            membership=Partner.Membership.NONE,
            summary_da=summary_da,
            summary_en=summary_en,
            sector_da="",
            sector_en=name_en,
        )
        changed += c
    resources = {}
    for slug, (name_da, name_en), category, unit in RESOURCES:
        resources[slug], c = upsert(
            Resource,
            {"slug": slug},
            name_da=name_da,
            name_en=name_en,
            category=category,
            default_unit=unit,
        )
        changed += c
    partners = {p.slug: p for p in Partner.objects.all()}
    for supplier, receiver, resource, start, end, status, (story_da, story_en), figures in FLOWS:
        flow, c = upsert(
            Flow,
            {
                "supplier": partners[supplier],
                "receiver": partners[receiver],
                "resource": resources[resource],
            },
            year_started=start,
            year_ended=end,
            status=status,
            story_da=story_da,
            story_en=story_en,
            is_public=True,
        )
        changed += c
        for year, quantity, unit, co2, water, source, url in figures:
            _fig, c = upsert(
                FlowFigure,
                {"flow": flow, "year": year, "kind": FlowFigure.Kind.REALISED},
                quantity=Decimal(quantity),
                unit=unit,
                co2_avoided_t=Decimal(co2) if co2 else None,
                water_saved_m3=Decimal(water) if water else None,
                source=source,
                source_url=url,
            )
            changed += c
    for year, metric, value, unit, (note_da, note_en), source, url in IMPACT:
        _obj, c = upsert(
            ImpactStatement,
            {"year": year, "metric": metric, "note_en": note_en},
            value=Decimal(value),
            unit=unit,
            note_da=note_da,
            source=source,
            source_url=url,
        )
        changed += c
    return changed
