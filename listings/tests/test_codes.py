"""The reference lists and the module that reads them (listings/codes.py): no database."""

import csv
import re

import pytest
from django.utils import translation

from listings import codes
from listings.codes import CodeError


@pytest.fixture(autouse=True)
def _in_english():
    """The messages are compared in English, the source language (tests start in Danish)."""
    with translation.override("en"):
        yield


# --- The European List of Waste --------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["10 01 05", "100105", "10 01 05*", "100105*", "  10 01 05 ", "10.01.05", "10-01-05"],
)
def test_normalise_ewc_accepts_the_forms_in_use(typed):
    assert codes.normalise_ewc(typed) == "100105"


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "abc", "10 01 0", "1001055", "1 00105", "100 105", "10 01 05**", "10/01/05"],
)
def test_normalise_ewc_refuses_what_is_not_a_code(typed):
    with pytest.raises(CodeError, match="not a waste code"):
        codes.normalise_ewc(typed)


@pytest.mark.parametrize("typed", ["10", "10 01", "1001"])
def test_normalise_ewc_refuses_a_heading_as_a_listing_needs_an_entry(typed):
    with pytest.raises(CodeError, match="heading of the List of Waste"):
        codes.normalise_ewc(typed)


@pytest.mark.parametrize("typed", ["99 99 99", "10 01 06", "21 01 01", "00"])
def test_normalise_ewc_refuses_a_code_not_on_the_list(typed):
    with pytest.raises(CodeError, match="not in the European List of Waste"):
        codes.normalise_ewc(typed)


def test_code_error_is_a_value_error_so_form_fields_can_turn_it_into_a_message():
    assert issubclass(CodeError, ValueError)


def test_code_error_speaks_the_active_language():
    with translation.override("da"), pytest.raises(CodeError) as refused:
        codes.normalise_ewc("99 99 99")

    assert "99 99 99" in str(refused.value)


def test_a_hazardous_entry_shows_its_asterisk():
    soil = codes.ewc_entry("170503")

    assert soil.hazardous
    assert soil.display == "17 05 03*"


def test_a_non_hazardous_entry_shows_no_asterisk():
    soil = codes.ewc_entry("17 05 04")

    assert not soil.hazardous
    assert soil.display == "17 05 04"


def test_the_asterisk_typed_does_not_make_an_entry_hazardous():
    # The list decides; 10 01 05 is not a hazardous entry, whatever was typed.
    assert not codes.ewc_entry("10 01 05*").hazardous


def test_ewc_entry_in_both_languages():
    entry = codes.ewc_entry("10 01 05")

    assert entry.code == "100105"
    assert entry.chapter == "10"
    assert entry.subchapter == "1001"
    assert entry.title("da") == (
        "Calciumbaserede reaktionsaffaldsprodukter fra røggasafsvovling i fast form"
    )
    assert entry.title("en") == (
        "Calcium-based reaction wastes from flue-gas desulphurisation in solid form"
    )


def test_a_language_other_than_english_falls_back_to_danish():
    entry = codes.ewc_entry("150101")

    assert entry.title("en-gb") == "Paper and cardboard packaging"
    assert entry.title("de") == entry.title("da") == "Emballage af papir og pap"


def test_ewc_chapter_in_both_languages():
    chapter = codes.ewc_chapter("17")

    assert chapter.title("en").startswith("Construction and demolition wastes")
    assert chapter.title("da").startswith("Bygge- og nedrivningsaffald")


def test_ewc_chapter_refuses_an_unknown_chapter():
    with pytest.raises(CodeError):
        codes.ewc_chapter("21")


def test_ewc_subchapter_by_its_four_digits_spaced_or_not():
    assert codes.ewc_subchapter("10 01") == codes.ewc_subchapter("1001")
    assert codes.ewc_subchapter("1001").title("en").startswith("Wastes from power stations")


def test_the_twenty_chapters_in_order():
    assert [chapter.code for chapter in codes.ewc_chapters()] == [f"{n:02}" for n in range(1, 21)]


def test_the_list_has_its_842_entries_of_which_408_hazardous():
    entries = codes.ewc_entries()

    assert len(entries) == 842
    assert sum(entry.hazardous for entry in entries) == 408


def test_every_entry_sits_under_a_chapter_and_a_subchapter_of_the_list():
    chapters = {chapter.code for chapter in codes.ewc_chapters()}

    for entry in codes.ewc_entries():
        assert entry.chapter in chapters
        assert codes.ewc_subchapter(entry.subchapter)


def test_every_ewc_code_appears_once_and_has_its_level_s_length():
    rows = _rows("ewc.csv")
    lengths = {"chapter": 2, "subchapter": 4, "entry": 6}

    assert len({row["code"] for row in rows}) == len(rows)
    for row in rows:
        assert re.fullmatch(r"\d+", row["code"])
        assert len(row["code"]) == lengths[row["level"]]
    assert sum(row["level"] == "subchapter" for row in rows) == 111


def test_every_ewc_title_is_there_in_both_languages():
    for row in _rows("ewc.csv"):
        assert row["title_en"].strip() == row["title_en"] != ""
        assert row["title_da"].strip() == row["title_da"] != ""


def test_the_danish_titles_cite_the_same_codes_as_the_english():
    # A code named in a title ("other than those mentioned in 17 05 03") must survive the
    # translation unchanged, and each code named must be on the list.
    known = {row["code"] for row in _rows("ewc.csv")}
    for row in _rows("ewc.csv"):
        cited_en = re.findall(r"\d\d \d\d \d\d", row["title_en"])
        assert cited_en == re.findall(r"\d\d \d\d \d\d", row["title_da"]), row["code"]
        assert all(code.replace(" ", "") in known for code in cited_en), row["code"]


def test_hazardous_marks_only_entries():
    for row in _rows("ewc.csv"):
        expected = {"yes", "no"} if row["level"] == "entry" else {""}
        assert row["hazardous"] in expected, row["code"]


def test_ewc_choices_group_the_entries_by_chapter_for_a_select():
    choices = codes.ewc_choices("en")

    assert len(choices) == 20
    group, options = choices[16]
    assert group.startswith("17 Construction and demolition wastes")
    assert ("170503", "17 05 03* Soil and stones containing hazardous substances") in options
    assert sum(len(options) for _, options in choices) == 842


def test_ewc_choices_in_danish():
    _, options = codes.ewc_choices("da")[16]

    assert ("170504", "17 05 04 Jord og sten bortset fra affald henhørende under 17 05 03") in (
        options
    )


# --- NACE Rev. 2 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["C23.5.1", "C 23.51", "c23.51", "23.51", "2351", " 23.51 ", "235100", "23.51.00"]
)
def test_normalise_nace_reads_a_class_in_every_form(typed):
    assert codes.normalise_nace(typed) == "23.51"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("23.5", "23.5"), ("C23.5", "23.5"), ("235", "23.5"), ("23", "23"), ("C", "C"), ("e", "E")],
)
def test_normalise_nace_reads_the_upper_levels(typed, canonical):
    assert codes.normalise_nace(typed) == canonical


@pytest.mark.parametrize("typed", ["", "X", "2", "23.510", "Cement", "23-51"])
def test_normalise_nace_refuses_what_is_not_a_code(typed):
    with pytest.raises(CodeError, match="not an industry code"):
        codes.normalise_nace(typed)


@pytest.mark.parametrize("typed", ["99.99", "34", "23.6.7", "A23.51"])
def test_normalise_nace_refuses_a_code_not_in_nace_or_under_the_wrong_section(typed):
    with pytest.raises(CodeError, match=r"not in NACE Rev\. 2"):
        codes.normalise_nace(typed)


def test_nace_entry_of_a_class_in_both_languages():
    cement = codes.nace_entry("C23.5.1")

    assert (cement.code, cement.section, cement.level, cement.division) == (
        "23.51",
        "C",
        "class",
        "23",
    )
    assert cement.title("en") == "Manufacture of cement"
    assert cement.title("da") == "Fremstilling af cement"


def test_nace_entry_of_the_upper_levels():
    assert codes.nace_entry("23").level == "division"
    assert codes.nace_entry("23.5").level == "group"
    assert codes.nace_entry("C").level == "section"
    assert codes.nace_entry("C").division == ""


def test_nace_section_in_both_languages():
    section = codes.nace_section("e")

    assert section.code == "E"
    assert section.title("en") == (
        "Water supply; sewerage, waste management and remediation activities"
    )
    assert section.title("da") == (
        "Vandforsyning; kloakvæsen, affaldshåndtering og rensning af jord og grundvand"
    )


@pytest.mark.parametrize("letter", ["V", "23", ""])
def test_nace_section_refuses_what_is_not_a_section(letter):
    with pytest.raises(CodeError):
        codes.nace_section(letter)


def test_nace_counts_21_sections_88_divisions_272_groups_615_classes():
    assert [section.code for section in codes.nace_sections()] == list("ABCDEFGHIJKLMNOPQRSTU")
    assert len(codes.nace_entries("division")) == 88
    assert len(codes.nace_entries("group")) == 272
    assert len(codes.nace_entries("class")) == 615


def test_every_nace_row_fits_its_level_and_section():
    rows = _rows("nace.csv")
    shapes = {
        "section": r"[A-U]",
        "division": r"\d\d",
        "group": r"\d\d\.\d",
        "class": r"\d\d\.\d\d",
    }

    assert len({row["code"] for row in rows}) == len(rows)
    for row in rows:
        assert re.fullmatch(shapes[row["level"]], row["code"]), row["code"]
        assert row["title_en"] and row["title_da"], row["code"]
        if row["level"] != "section":
            assert codes.nace_entry(row["code"][:2]).section == row["section"]


def test_nace_choices_offer_the_classes_grouped_by_section():
    choices = codes.nace_choices("da")

    assert len(choices) == 21
    group, options = choices[2]
    assert group == "C Fremstillingsvirksomhed"
    assert ("23.51", "23.51 Fremstilling af cement") in options
    assert sum(len(options) for _, options in choices) == 615


# --- Places ---------------------------------------------------------------------------------


def test_all_98_municipalities():
    municipalities = codes.municipalities()

    assert len(municipalities) == 98
    assert len({m.name for m in municipalities}) == 98
    assert all(m.municipality == m.name for m in municipalities)


def test_every_town_lies_in_one_of_the_municipalities_and_in_denmark():
    names = {m.name for m in codes.municipalities()}
    towns = [p for p in codes.places() if p.kind == "town"]

    assert len(towns) >= 150
    for town in towns:
        assert town.municipality in names
        assert 54.5 < town.latitude < 57.8 and 8.0 < town.longitude < 15.2


def test_every_municipality_has_its_main_town_among_the_towns():
    towns = {(p.latitude, p.longitude, p.municipality) for p in codes.places() if p.kind == "town"}

    for municipality in codes.municipalities():
        assert (municipality.latitude, municipality.longitude, municipality.name) in towns


def test_no_place_name_appears_twice_for_one_kind():
    rows = _rows("places.csv")

    assert len({(row["name"], row["kind"]) for row in rows}) == len(rows)


@pytest.mark.parametrize(
    ("name", "latitude", "longitude"),
    [
        ("Kalundborg", 55.681, 11.089),
        ("Holbæk", 55.716, 11.712),
        ("Nykøbing Sjælland", 55.925, 11.671),
        ("Odsherred", 55.925, 11.671),
    ],
)
def test_coordinates_are_right_to_a_kilometre(name, latitude, longitude):
    found = codes.place(name)

    assert codes.distance_km(found.latitude, found.longitude, latitude, longitude) < 1


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Holbaek", "Holbæk"),
        ("HOLBÆK", "Holbæk"),
        ("  holbæk ", "Holbæk"),
        ("Kobenhavn", "København"),
        ("Koebenhavn", "København"),
        ("Copenhagen", "København"),
        ("Aabenraa", "Aabenraa"),
        ("Åbenrå", "Aabenraa"),
        ("Taarnby", "Tårnby"),
        ("Tarnby", "Tårnby"),
        ("Aeroeskoebing", "Ærøskøbing"),
        ("Nykobing Sjaelland", "Nykøbing Sjælland"),
        ("Ringkobing Skjern", "Ringkøbing-Skjern"),
        ("Kalundborg Kommune", "Kalundborg"),
    ],
)
def test_place_finds_a_name_whatever_the_case_accents_or_aa(typed, name):
    assert codes.place(typed).name == name


def test_place_means_the_town_where_a_town_and_its_municipality_share_a_name():
    assert codes.place("Kalundborg").kind == "town"
    assert codes.municipality("Kalundborg").kind == "municipality"


def test_municipality_by_its_english_or_ascii_name():
    assert codes.municipality("Copenhagen Municipality").name == "København"
    assert codes.municipality("lyngby-taarbaek").name == "Lyngby-Taarbæk"


def test_english_name_shows_only_where_english_has_one():
    assert codes.place("København").title("en") == "Copenhagen"
    assert codes.place("København").title("da") == "København"
    assert codes.place("Holbæk").title("en") == "Holbæk"


@pytest.mark.parametrize("typed", ["", "Atlantis", "Malmö"])
def test_place_refuses_an_unknown_name(typed):
    with pytest.raises(CodeError):
        codes.place(typed)


def test_municipality_refuses_a_town_that_is_not_one():
    with pytest.raises(CodeError):
        codes.municipality("Nykøbing Sjælland")


def test_distance_kalundborg_holbaek_is_about_40_km():
    kalundborg, holbaek = codes.place("Kalundborg"), codes.place("Holbæk")

    distance = codes.distance_km(
        kalundborg.latitude, kalundborg.longitude, holbaek.latitude, holbaek.longitude
    )

    assert distance == pytest.approx(40, abs=2)


def test_distance_is_zero_to_itself_and_symmetric():
    assert codes.distance_km(55.68, 11.09, 55.68, 11.09) == 0
    assert codes.distance_km(55.68, 11.09, 56.16, 10.2) == pytest.approx(
        codes.distance_km(56.16, 10.2, 55.68, 11.09)
    )


def test_distance_uses_an_earth_of_radius_6371_km():
    # A quarter of a meridian, pole to equator: 6371 km × π / 2.
    assert codes.distance_km(0, 0, 90, 0) == pytest.approx(10007.54, abs=0.01)


@pytest.mark.parametrize(
    ("latitude", "longitude", "municipality"),
    [
        (55.66, 11.25, "Kalundborg"),  # near Svebølle, between Kalundborg and Holbæk
        (55.90, 11.65, "Odsherred"),
        (55.68, 12.57, "København"),
        (55.10, 14.70, "Bornholm"),
    ],
)
def test_nearest_municipality(latitude, longitude, municipality):
    assert codes.nearest_municipality(latitude, longitude).name == municipality


# --- helpers --------------------------------------------------------------------------------


def _rows(filename):
    with (codes.DATA / filename).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))
