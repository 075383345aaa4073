"""Which ESRS E5 datapoints a flow's yearly figure can support, and the emission
factors the reports may compute avoided CO₂e with. Pure data and functions: no database.

The datapoint ids are those of EFRAG IG 3, "List of ESRS datapoints" (EFRAG's
Implementation Guidance 3, May 2024), sheet "ESRS E5": E5-4 resource inflows, E5-5 resource
outflows (products, materials and waste). A side stream a partner *receives* is a
secondary material it uses (E5-4); one it *gives off* is a resource outflow, and, when
it is waste, waste diverted from disposal because a partner reuses or recovers it (E5-5).
ESRS E5 covers materials: energy and water flows are not E5 datapoints (they belong to
ESRS E1-5 energy and ESRS E3-4 water), so they get none here rather than a wrong one.

A figure "can support" a datapoint: the undertaking decides what it discloses; the
report says so.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from exchanges.units import Dimension, Quantity, Unit, dimension_of

SOURCE = "EFRAG IG 3: List of ESRS datapoints (Implementation Guidance, May 2024)"
SOURCE_URL = "https://www.efrag.org/en/projects/esrs-implementation-guidance-documents"

INFLOW = "in"
OUTFLOW = "out"


@dataclass(frozen=True)
class Datapoint:
    id: str
    label: str


DATAPOINTS = {
    "E5-4_02": Datapoint(
        "E5-4_02",
        _("Overall total weight of products and technical and biological materials used"),
    ),
    "E5-4_04": Datapoint(
        "E5-4_04",
        _("Absolute weight of secondary reused or recycled components and materials used"),
    ),
    "E5-4_06": Datapoint(
        "E5-4_06", _("Description of the methodologies used to calculate data (resource inflows)")
    ),
    "E5-4_07": Datapoint(
        "E5-4_07", _("Description of materials sourced from by-products or waste streams")
    ),
    "E5-5_01": Datapoint(
        "E5-5_01",
        _("Description of key products and materials that come out of the production process"),
    ),
    "E5-5_07": Datapoint("E5-5_07", _("Total amount of waste generated")),
    "E5-5_08": Datapoint(
        "E5-5_08", _("Waste diverted from disposal, by hazardousness and treatment type")
    ),
    "E5-5_17": Datapoint(
        "E5-5_17", _("Description of the methodologies used to calculate data (waste generated)")
    ),
}

# (direction, category) → the datapoints a figure of such a flow can support.
MAPPING = {
    (INFLOW, "material"): ("E5-4_02", "E5-4_04", "E5-4_07", "E5-4_06"),
    (OUTFLOW, "material"): ("E5-5_01", "E5-5_07", "E5-5_08", "E5-5_17"),
}


def datapoints_for(direction, category):
    """The datapoints (in order) a figure of a flow of `category`, seen from the
    organisation's end (`INFLOW` or `OUTFLOW`), can support; () for energy and water."""
    return tuple(DATAPOINTS[key] for key in MAPPING.get((direction, str(category)), ()))


@dataclass(frozen=True)
class Factor:
    """A documented emission factor: tonnes of CO₂ avoided per one `unit` of the flow,
    under the stated assumption, from the stated source."""

    key: str
    resources: tuple  # resource slugs the factor applies to
    dimension: str  # the dimension of the flow's quantity it applies to
    t_co2_per_unit: Decimal
    unit: Unit
    value: Decimal  # the factor as its source gives it: value and unit
    value_unit: str
    assumption: str
    source: str
    source_url: str

    @property
    def shown(self):
        """The factor as its source gives it, in the active language's number style."""
        places = max(0, -self.value.normalize().as_tuple().exponent)
        number = number_format(self.value, decimal_pos=places, use_l10n=True, force_grouping=True)
        return f"{number} {self.value_unit}"


# Gas sent to a partner to burn in place of natural gas: the CO₂ of the natural gas not burnt.
FACTORS = (
    Factor(
        key="natural-gas-m3",
        resources=("refinery-gas", "biogas"),
        dimension=Dimension.VOLUME,
        t_co2_per_unit=Decimal("0.0022627"),
        unit=Unit.M3,
        value=Decimal("2.2627"),
        value_unit="kg CO₂/m³",
        assumption=_("The gas replaces natural gas the receiver would otherwise burn."),
        source="Energinet, emission factor for natural gas 2023 (published by Evida)",
        source_url="https://www.evida.dk/co2-faktor/",
    ),
    Factor(
        key="natural-gas-energy",
        resources=("refinery-gas", "biogas"),
        dimension=Dimension.ENERGY,
        # 56,100 kg CO₂/TJ = 0.0561 t/GJ = 0.20196 t/MWh.
        t_co2_per_unit=Decimal("0.20196"),
        unit=Unit.MWH,
        value=Decimal("56100"),
        value_unit="kg CO₂/TJ",
        assumption=_("The gas replaces natural gas the receiver would otherwise burn."),
        source="IPCC 2006 Guidelines, Vol. 2 Energy, ch. 1, table 1.4: natural gas",
        source_url="https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol2.html",
    ),
)


def factor_for(resource_slug, unit):
    """The factor that applies to a quantity of this resource in this unit, or None."""
    if not unit:
        return None
    dimension = dimension_of(unit)
    for factor in FACTORS:
        if resource_slug in factor.resources and factor.dimension == dimension:
            return factor
    return None


def computed_co2(factor, quantity):
    """Tonnes of CO₂ avoided by `quantity` (a Quantity) with `factor`."""
    return Quantity(quantity.value, quantity.unit).to(factor.unit).value * factor.t_co2_per_unit
