"""The reference lists and their reading (listings/codes.py): no database."""

import pytest

from listings import codes
from listings.codes import CodeError


@pytest.mark.parametrize("typed", ["10 01 05", "100105", "10 01 05*", "100105*", "  10 01 05 "])
def test_normalise_ewc_accepts_the_forms_in_use(typed):
    assert codes.normalise_ewc(typed) == "100105"


@pytest.mark.parametrize("typed", ["", "abc", "10 01 0", "1001055", "99 99 99", "10", "10 01"])
def test_normalise_ewc_refuses(typed):
    with pytest.raises(CodeError):
        codes.normalise_ewc(typed)


def test_hazardous_entry_shows_its_asterisk():
    assert codes.ewc_entry("170503").display == "17 05 03*"
    assert codes.ewc_entry("170504").display == "17 05 04"


def test_ewc_entry_in_both_languages():
    entry = codes.ewc_entry("10 01 05")
    assert entry.chapter == "10"
    assert entry.title("da") == (
        "Calciumbaserede reaktionsaffaldsprodukter fra røggasafsvovling i fast form"
    )
    assert entry.title("en").startswith("Calcium-based reaction wastes")


def test_twenty_chapters():
    assert [c.code for c in codes.ewc_chapters()] == [f"{n:02}" for n in range(1, 21)]


@pytest.mark.parametrize("typed", ["C23.5.1", "C 23.51", "23.51", "2351"])
def test_normalise_nace_class(typed):
    assert codes.normalise_nace(typed) == "23.51"


def test_normalise_nace_levels():
    assert codes.normalise_nace("23.5") == "23.5"
    assert codes.normalise_nace("23") == "23"


def test_twenty_one_sections():
    assert [s.code for s in codes.nace_sections()] == list("ABCDEFGHIJKLMNOPQRSTU")


def test_place_by_ascii_spelling():
    assert codes.place("Holbaek").name == "Holbæk"


def test_kalundborg_holbaek_distance():
    a, b = codes.place("Kalundborg"), codes.place("Holbæk")
    distance = codes.distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
    assert distance == pytest.approx(39, abs=3)
