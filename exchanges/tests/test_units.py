from decimal import Decimal

import pytest

from exchanges.units import Quantity, Unit, UnitMismatch, total


def test_kwh_and_mwh_add_up_in_mwh():
    assert total([Quantity(500, Unit.KWH), Quantity(2, Unit.MWH)], Unit.MWH) == Quantity(
        Decimal("2.5"), Unit.MWH
    )


def test_gj_converts_to_mwh_exactly_enough():
    assert Quantity(36, Unit.GJ).to(Unit.MWH).value == Decimal(10)
    assert Quantity(1, Unit.GWH).to(Unit.KWH).value == Decimal(1_000_000)


def test_kg_and_tonnes_add_up_in_tonnes():
    assert total([Quantity(1500, Unit.KG), Quantity(1, Unit.T)], Unit.T).value == Decimal("2.5")


@pytest.mark.parametrize(
    ("a", "b"),
    [(Unit.MWH, Unit.T), (Unit.M3, Unit.KG), (Unit.EUR, Unit.DKK), (Unit.GJ, Unit.M3)],
)
def test_different_dimensions_never_add(a, b):
    with pytest.raises(UnitMismatch):
        Quantity(1, a) + Quantity(1, b)
    with pytest.raises(UnitMismatch):
        Quantity(1, a).to(b)


def test_quantity_reads_as_text():
    assert str(Quantity(Decimal("150000.000"), Unit.T)) == "150000 t"
    assert str(Quantity(Decimal("2.50"), Unit.M3)) == "2.5 m³"
