"""Units with dimensions and conversions, so that sums are unit-safe.

Every quantity carries a `Unit`. Quantities of the same dimension convert to the
dimension's base unit (t, m³, MWh) before they are added; quantities of
different dimensions are never added (no MWh of gypsum, no kWh plus tonnes).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    MASS = "mass", _("mass")
    VOLUME = "volume", _("volume")
    ENERGY = "energy", _("energy")
    MONEY_EUR = "eur", _("money (EUR)")
    MONEY_DKK = "dkk", _("money (DKK)")


class Unit(models.TextChoices):
    KG = "kg", "kg"
    T = "t", "t"
    L = "l", "l"
    M3 = "m3", "m³"
    KWH = "kWh", "kWh"
    MWH = "MWh", "MWh"
    GWH = "GWh", "GWh"
    GJ = "GJ", "GJ"
    TJ = "TJ", "TJ"
    EUR = "EUR", "EUR"
    DKK = "DKK", "DKK"


# unit: (dimension, how many base units one of it is). Base units: t, m³, MWh, EUR, DKK.
UNITS = {
    Unit.KG: (Dimension.MASS, Decimal("0.001")),
    Unit.T: (Dimension.MASS, Decimal(1)),
    Unit.L: (Dimension.VOLUME, Decimal("0.001")),
    Unit.M3: (Dimension.VOLUME, Decimal(1)),
    Unit.KWH: (Dimension.ENERGY, Decimal("0.001")),
    Unit.MWH: (Dimension.ENERGY, Decimal(1)),
    Unit.GWH: (Dimension.ENERGY, Decimal(1000)),
    Unit.GJ: (Dimension.ENERGY, Decimal(1) / Decimal("3.6")),
    Unit.TJ: (Dimension.ENERGY, Decimal(1000) / Decimal("3.6")),
    Unit.EUR: (Dimension.MONEY_EUR, Decimal(1)),
    Unit.DKK: (Dimension.MONEY_DKK, Decimal(1)),
}

BASE_UNIT = {
    Dimension.MASS: Unit.T,
    Dimension.VOLUME: Unit.M3,
    Dimension.ENERGY: Unit.MWH,
    Dimension.MONEY_EUR: Unit.EUR,
    Dimension.MONEY_DKK: Unit.DKK,
}


class UnitMismatch(ValueError):
    """Raised when quantities of different dimensions meet."""


def dimension_of(unit):
    return UNITS[Unit(unit)][0]


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: Unit

    def __post_init__(self):
        object.__setattr__(self, "value", Decimal(self.value))
        object.__setattr__(self, "unit", Unit(self.unit))

    @property
    def dimension(self):
        return dimension_of(self.unit)

    def to(self, unit):
        unit = Unit(unit)
        if dimension_of(unit) != self.dimension:
            raise UnitMismatch(f"cannot convert {self.unit.label} to {unit.label}")
        return Quantity(self.value * UNITS[self.unit][1] / UNITS[unit][1], unit)

    def __add__(self, other):
        if not isinstance(other, Quantity):
            return NotImplemented
        if other.dimension != self.dimension:
            raise UnitMismatch(f"cannot add {other.unit.label} to {self.unit.label}")
        return Quantity(self.value + other.to(self.unit).value, self.unit)

    def __str__(self):
        return f"{self.value.normalize():f} {self.unit.label}"


def total(quantities, unit):
    """Sum quantities of one dimension, expressed in `unit`. Raises UnitMismatch otherwise."""
    result = Quantity(0, unit)
    for quantity in quantities:
        result = result + quantity
    return result
