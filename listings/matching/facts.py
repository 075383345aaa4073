"""What the matcher reads about one listing: plain values, no model."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from exchanges.units import BASE_UNIT, Quantity, Unit, dimension_of

# How many of each period a year holds: 1,000 t/month is 12,000 t/year.
PER_YEAR = {"day": Decimal(365), "week": Decimal(52), "month": Decimal(12), "year": Decimal(1)}


@dataclass(frozen=True)
class Amount:
    """A quantity in its dimension's base unit (t, m³, MWh), a year's worth or once."""

    value: Decimal
    unit: Unit  # the base unit
    once: bool


@dataclass(frozen=True)
class ListingFacts:
    key: str
    kind: str  # "offer" or "want"
    language: str = "da"
    title: str = ""
    description: str = ""
    category: str = ""  # "energy", "water", "material" or ""
    ewc: str = ""  # six digits, e.g. "100102"
    nace: str = ""  # canonical, e.g. "23.51"
    quantity: Decimal | None = None
    unit: str = ""
    per: str = ""  # "once", "day", "week", "month", "year" or ""
    latitude: float | None = None
    longitude: float | None = None
    available_from: date | None = None
    available_until: date | None = None
    place: str = ""

    def amount(self):
        """The quantity per year in its base unit (or once), None when not comparable."""
        if self.quantity is None or not self.unit or self.per not in (*PER_YEAR, "once"):
            return None
        try:
            unit = Unit(self.unit)
        except ValueError:
            return None
        base = BASE_UNIT[dimension_of(unit)]
        value = Quantity(Decimal(self.quantity), unit).to(base).value
        if self.per == "once":
            return Amount(value, base, once=True)
        return Amount(value * PER_YEAR[self.per], base, once=False)
