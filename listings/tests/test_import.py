"""`manage.py import_listings`: every form of a file it accepts, every file or row it
refuses (with the row and the reason, and the database as it was), and --skip-bad."""

import csv
import io
import time
import tracemalloc
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from listings import codes
from listings.management.commands import import_listings
from listings.models import Listing, Status
from partners.models import FormerName, Partner
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

COLUMNS = [
    "key",
    "kind",
    "organisation",
    "title",
    "description",
    "language",
    "category",
    "ewc_code",
    "nace_code",
    "quantity",
    "unit",
    "per",
    "latitude",
    "longitude",
]

FLY_ASH = {
    "key": "KF-1",
    "kind": "offer",
    "organisation": "Asnæsværket",
    "title": "Flyveaske fra kulfyret kraftværk",
    "description": "Tør flyveaske, ca. 1.200 t om året.",
    "language": "da",
    "category": "material",
    "ewc_code": "10 01 05",
    "nace_code": "35.11",
    "quantity": "1200",
    "unit": "t",
    "per": "year",
    "latitude": "",
    "longitude": "",
}

CEMENT = {
    "key": "KF-2",
    "kind": "want",
    "organisation": "Aalborg Portland",
    "title": "Cement plant seeks fly ash as raw material",
    "description": "",
    "language": "en",
    "category": "",
    "ewc_code": "",
    "nace_code": "23.51",
    "quantity": "",
    "unit": "",
    "per": "",
    "latitude": "57.048",
    "longitude": "9.919",
}


def write_csv(
    tmp_path, rows, *, columns=COLUMNS, delimiter=",", encoding="utf-8", name="listings.csv"
):
    """`rows` (dicts, or lists of cells) under `columns`, as a file the command reads."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns] if isinstance(row, dict) else row)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def row(base=FLY_ASH, **changes):
    return {**base, **changes}


def run(path, *options):
    """Import `path`: (standard output, standard error), or CommandError with them."""
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_listings", str(path), *options, stdout=stdout, stderr=stderr)
    except CommandError as error:
        error.stdout, error.stderr = stdout.getvalue(), stderr.getvalue()
        raise
    return stdout.getvalue(), stderr.getvalue()


def refused(path, *options):
    """The CommandError and the report lines of a refused import."""
    with pytest.raises(CommandError) as caught:
        run(path, *options)
    return caught.value, caught.value.stderr.splitlines()


def database():
    """What an import may change, to compare before and after a refusal."""
    return (
        list(Listing.objects.order_by("pk").values()),
        list(Partner.objects.order_by("pk").values()),
    )


@pytest.fixture
def asnaes():
    return PartnerFactory(
        name="Asnæsværket",
        slug="asnaesvaerket",
        latitude=Decimal("55.662345"),
        longitude=Decimal("11.085678"),
        nace="35.11",
    )


@pytest.fixture
def before(asnaes, tmp_path_factory):
    """The database with a listing imported before, so that a refusal that touched it
    (or added anything) would show."""
    run(write_csv(tmp_path_factory.mktemp("before"), [row(key="OLD-1", title="Spildevarme")]))
    return database()


# --- What is accepted --------------------------------------------------------------------


def test_a_file_imports_its_offers_and_wants_published(tmp_path, asnaes):
    stdout, stderr = run(write_csv(tmp_path, [FLY_ASH, CEMENT]))

    assert stdout.splitlines()[-1] == "2 listings imported: 2 new, 0 updated"
    assert stderr == ""
    offer, want = Listing.objects.get(key="KF-1"), Listing.objects.get(key="KF-2")
    assert offer.kind == "offer" and want.kind == "want"
    assert offer.organisation == asnaes
    assert offer.title_da == "Flyveaske fra kulfyret kraftværk" and offer.title_en == ""
    assert offer.description_da == "Tør flyveaske, ca. 1.200 t om året."
    assert offer.language == "da"
    assert (offer.category, offer.ewc_code, offer.nace_code) == ("material", "100105", "35.11")
    assert (offer.quantity, offer.unit, offer.per) == (Decimal(1200), "t", "year")
    assert want.title_en == "Cement plant seeks fly ash as raw material" and want.title_da == ""
    assert want.language == "en"
    for listing in (offer, want):
        assert listing.status == Status.PUBLISHED
        assert listing.published_at is not None


def test_the_summary_is_the_last_line_and_counts_one_listing_in_the_singular(tmp_path, asnaes):
    stdout, _ = run(write_csv(tmp_path, [FLY_ASH]))

    assert stdout.splitlines()[-1] == "1 listing imported: 1 new, 0 updated"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("10 01 05", "100105"), ("100105", "100105"), ("17 05 03*", "170503"), ("170503", "170503")],
)
def test_a_waste_code_is_read_with_or_without_spaces_and_asterisk(tmp_path, asnaes, typed, kept):
    run(write_csv(tmp_path, [row(ewc_code=typed)]))

    assert Listing.objects.get().ewc_code == kept


@pytest.mark.parametrize("typed", ["C23.5.1", "23.51", "2351"])
def test_an_industry_code_is_read_in_its_three_spellings(tmp_path, typed):
    run(write_csv(tmp_path, [row(CEMENT, nace_code=typed)]))

    assert Listing.objects.get().nace_code == "23.51"


def test_an_empty_industry_code_stays_empty_for_the_organisations_to_count(tmp_path, asnaes):
    run(write_csv(tmp_path, [row(nace_code="")]))

    listing = Listing.objects.get()
    assert listing.nace_code == ""
    assert listing.industry_code == "35.11"


def test_columns_may_come_in_any_order_with_others_beside_them(tmp_path, asnaes):
    columns = ["Comment", "title", "unit", "KEY", "quantity", "organisation", "kind", "owner"]
    cells = ["ignored", "Gips fra røggasafsvovling", "tonnes", "G-1", "80000", "asnæsværket"]
    path = write_csv(tmp_path, [[*cells, "offer", "someone"]], columns=columns)

    stdout, _ = run(path)

    listing = Listing.objects.get(key="G-1")
    assert listing.title_da == "Gips fra røggasafsvovling"
    assert (listing.quantity, listing.unit) == (Decimal(80000), "t")
    assert listing.organisation == asnaes
    assert listing.ewc_code == listing.description_da == ""
    assert stdout.splitlines()[-1] == "1 listing imported: 1 new, 0 updated"


def test_a_byte_order_mark_is_read_past(tmp_path, asnaes):
    path = write_csv(tmp_path, [FLY_ASH], encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    run(path)

    assert Listing.objects.get().key == "KF-1"


def test_a_semicolon_file_from_danish_excel_reads_decimal_commas(tmp_path, asnaes):
    path = write_csv(
        tmp_path,
        [row(quantity="2,500", latitude="55,68", longitude="11,089")],
        delimiter=";",
    )

    run(path)

    listing = Listing.objects.get()
    assert listing.quantity == Decimal("2.5")
    assert (listing.latitude, listing.longitude) == (Decimal("55.68"), Decimal("11.089"))


@pytest.mark.parametrize(
    ("typed", "read"),
    [("12,5", "12.5"), ("12.5", "12.5"), ("2.500", "2.5"), ("0,25", "0.25"), ("0", "0")],
)
def test_a_quantity_takes_a_point_or_an_unambiguous_decimal_comma(tmp_path, asnaes, typed, read):
    run(write_csv(tmp_path, [row(quantity=typed)]))

    assert Listing.objects.get().quantity == Decimal(read)


@pytest.mark.parametrize(
    ("typed", "unit", "category"),
    [
        ("m³", "m3", "water"),
        ("M3", "m3", "water"),
        ("kubikmeter", "m3", "water"),
        ("tonnes", "t", "material"),
        ("tons", "t", "material"),
        ("ton", "t", "material"),
        ("mwh", "MWh", "energy"),
        ("kWh", "kWh", "energy"),
        ("GJ", "GJ", "energy"),
    ],
)
def test_units_are_read_in_their_common_spellings(tmp_path, asnaes, typed, unit, category):
    run(write_csv(tmp_path, [row(unit=typed, category=category, title="Kølevand")]))

    assert Listing.objects.get().unit == unit


@pytest.mark.parametrize(
    ("title", "unit", "category"),
    [
        ("Overskudsvarme fra fermentering", "MWh", "energy"),
        ("Residual heat", "GJ", "energy"),
        ("Procesdamp", "t", "energy"),
        ("Renset spildevand", "m3", "water"),
        ("Cooling water", "m³", "water"),
        ("Sand fra vaskeri", "m3", "material"),
        ("Gips", "t", "material"),
        ("Spildevandsslam", "t", "material"),
        ("CO2 fra røggas", "t", "material"),
        ("Paller", "", "material"),
    ],
)
def test_an_empty_category_is_inferred_from_the_unit_and_the_words(
    tmp_path, asnaes, title, unit, category
):
    run(write_csv(tmp_path, [row(title=title, unit=unit, quantity="", category="")]))

    assert Listing.objects.get().category == category


def test_the_listing_takes_the_organisations_place_when_it_has_no_coordinates(tmp_path, asnaes):
    run(write_csv(tmp_path, [FLY_ASH]))

    listing = Listing.objects.get()
    assert (listing.latitude, listing.longitude) == (Decimal("55.66235"), Decimal("11.08568"))
    assert listing.place == "Kalundborg"


def test_coordinates_of_its_own_name_the_nearest_municipality(tmp_path):
    run(write_csv(tmp_path, [CEMENT]))

    listing = Listing.objects.get()
    assert (listing.latitude, listing.longitude) == (Decimal("57.048"), Decimal("9.919"))
    assert listing.place == "Aalborg"


def test_importing_a_key_again_updates_its_listing(tmp_path, asnaes):
    run(write_csv(tmp_path, [FLY_ASH, CEMENT]))
    first = Listing.objects.get(key="KF-1")
    first.title_en = "Fly ash from a coal-fired power station"  # translated in the admin
    first.save()

    changed = row(title="Flyveaske, tør", quantity="900", unit="tonnes", per="month")
    stdout, _ = run(write_csv(tmp_path, [changed, CEMENT], name="again.csv"))

    assert stdout.splitlines()[-1] == "2 listings imported: 0 new, 2 updated"
    assert Listing.objects.count() == 2
    listing = Listing.objects.get(key="KF-1")
    assert listing.pk == first.pk
    assert listing.title_da == "Flyveaske, tør"
    assert listing.title_en == "Fly ash from a coal-fired power station"
    assert (listing.quantity, listing.per) == (Decimal(900), "month")
    assert listing.published_at == first.published_at


def test_review_keeps_new_listings_for_the_secretariat(tmp_path, asnaes):
    run(write_csv(tmp_path, [FLY_ASH]), "--review")

    listing = Listing.objects.get()
    assert listing.status == Status.REVIEW
    assert listing.published_at is None


def test_a_listing_awaiting_review_is_published_by_a_plain_import(tmp_path, asnaes):
    path = write_csv(tmp_path, [FLY_ASH])
    run(path, "--review")

    run(path)

    listing = Listing.objects.get()
    assert listing.status == Status.PUBLISHED
    assert listing.published_at is not None


def test_a_listing_the_secretariat_closed_stays_closed(tmp_path, asnaes):
    path = write_csv(tmp_path, [FLY_ASH])
    run(path)
    Listing.objects.update(status=Status.CLOSED)

    run(path)

    assert Listing.objects.get().status == Status.CLOSED


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("Asnæsværket", "ASNÆSVÆRKET"),  # beyond ASCII: SQLite's own iexact would miss it
        ("ASNÆSVÆRKET", "  asnæsværket "),
        ("Asnæs  Værket", "asnæs værket"),
        ("Asnæs Værket", "asnaesvaerket"),  # the slug
    ],
)
def test_an_existing_partner_is_found_by_name_in_any_case_or_by_slug(tmp_path, name, typed):
    asnaes = PartnerFactory(name=name, slug="asnaesvaerket")

    run(write_csv(tmp_path, [row(organisation=typed)]))

    assert Listing.objects.get().organisation == asnaes
    assert Partner.objects.count() == 1


def test_a_partner_is_found_by_a_former_name(tmp_path):
    orsted = PartnerFactory(name="Ørsted", slug="orsted")
    FormerName.objects.create(partner=orsted, name="DONG Energy", year_to=2017)

    run(write_csv(tmp_path, [row(organisation="dong energy")]))

    assert Listing.objects.get().organisation == orsted


def test_a_new_organisation_is_kept_as_a_partner_hidden_from_the_website(tmp_path):
    PartnerFactory(name="Grøn Kemi A/S (gammel)", slug="groen-kemi-as")
    path = write_csv(
        tmp_path,
        [row(organisation="Grøn Kemi A/S"), row(key="KF-9", organisation="grøn kemi a/s")],
    )

    stdout, _ = run(path)

    made = Partner.objects.get(name="Grøn Kemi A/S")
    assert (made.is_public, made.membership, made.kind) == (False, "none", "company")
    assert made.slug == "groen-kemi-as-2"
    assert Listing.objects.filter(organisation=made).count() == 2
    assert "New organisation, not shown on the website: Grøn Kemi A/S" in stdout
    assert stdout.splitlines()[-1] == "2 listings imported: 2 new, 0 updated"


# --- What is refused, row by row ---------------------------------------------------------


BAD_CELLS = [
    ({"key": ""}, "the column “key” is empty; every row needs it."),
    ({"organisation": ""}, "the column “organisation” is empty; every row needs it."),
    ({"title": ""}, "the column “title” is empty; every row needs it."),
    ({"kind": ""}, "the column “kind” is empty; every row needs it."),
    ({"kind": "sale"}, "kind “sale” is not one of offer, want."),
    ({"category": "heat"}, "category “heat” is not one of energy, water, material."),
    ({"language": "de"}, "language “de” is not one of da, en."),
    ({"per": "hourly"}, "per “hourly” is not one of once, day, week, month, year."),
    ({"latitude": "55.6"}, "give both latitude and longitude, or neither."),
    ({"longitude": "11.1"}, "give both latitude and longitude, or neither."),
    (
        {"latitude": "95", "longitude": "11.1"},
        "latitude 95 is outside −90 to 90 degrees.",
    ),
    (
        {"latitude": "55.6", "longitude": "east"},
        "longitude “east” is not a number.",
    ),
    ({"title": "x" * 201}, "the title is 201 characters long; at most 200 fit."),
    ({"key": "k" * 101}, "the key is 101 characters long; at most 100 fit."),
    ({"unit": "barrels"}, "unit “barrels” is not a unit the portal knows"),
    ({"unit": "t/year"}, "unit “t/year”: write the period in the column “per”"),
    (
        {"unit": "MWh", "category": "water"},
        "the unit MWh does not fit the category water (use l, m³).",
    ),
    ({"unit": "EUR", "category": ""}, "the unit EUR does not fit the category material"),
    ({"unit": ""}, "a quantity needs a unit (t, m3, MWh…)."),
    ({"quantity": "-5"}, "quantity “-5” is negative."),
    ({"quantity": "lots"}, "quantity “lots” is not a number."),
    ({"quantity": "1e3"}, "quantity “1e3” is not a number."),
    ({"quantity": "1,000"}, "quantity “1,000” is ambiguous"),
    ({"quantity": "1.000,5"}, "quantity “1.000,5” has thousands separators"),
    ({"quantity": "1 000"}, "quantity “1 000” has thousands separators"),
    ({"quantity": "0.0001"}, "quantity: Ensure that there are no more than 3 decimal places."),
]


@pytest.mark.parametrize(("changes", "reason"), BAD_CELLS)
def test_a_bad_row_is_reported_with_its_number_and_nothing_is_imported(
    tmp_path, before, changes, reason
):
    path = write_csv(tmp_path, [row(key="KF-1"), {**row(key="KF-2"), **changes}])

    error, lines = refused(path)

    assert lines[0].startswith(f"row 3: {reason}")
    assert lines[-1] == "1 row not imported."
    assert str(error) == ("1 bad row: nothing was imported (--skip-bad imports the good rows).")
    assert database() == before


def code_error(normalise, typed):
    """What the reference lists (listings/codes.py) say of a code they do not know, in
    English as the command reports by default."""
    with translation.override("en"), pytest.raises(codes.CodeError) as caught:
        normalise(typed)
    return str(caught.value)


@pytest.mark.parametrize(
    ("column", "typed", "normalise"),
    [
        ("ewc_code", "99 99 99", codes.normalise_ewc),
        ("ewc_code", "10 01", codes.normalise_ewc),  # a chapter, not an entry
        ("ewc_code", "1001050", codes.normalise_ewc),
        ("nace_code", "99.99", codes.normalise_nace),
        ("nace_code", "D23.51", codes.normalise_nace),  # 23.51 is in section C
    ],
)
def test_an_unknown_code_is_reported_in_the_words_of_the_lists(
    tmp_path, before, column, typed, normalise
):
    path = write_csv(tmp_path, [row(key="KF-1"), row(key="KF-2", **{column: typed})])

    _, lines = refused(path)

    assert lines[0] == f"row 3: {column}: {code_error(normalise, typed)}"
    assert database() == before


def test_every_reason_of_a_row_is_reported(tmp_path, before):
    path = write_csv(tmp_path, [row(kind="sale", quantity="-1", ewc_code="1")])

    _, lines = refused(path)

    assert lines == [
        "row 2: kind “sale” is not one of offer, want.",
        f"row 2: ewc_code: {code_error(codes.normalise_ewc, '1')}",
        "row 2: quantity “-1” is negative.",
        "1 row not imported.",
    ]
    assert database() == before


def test_a_key_used_twice_in_the_file_refuses_both_rows(tmp_path, before):
    path = write_csv(tmp_path, [row(key="KF-5"), CEMENT, row(key="KF-5", title="Anden")])

    _, lines = refused(path)

    assert lines == [
        "row 2: the key “KF-5” is on rows 2, 4; a key names one listing.",
        "row 4: the key “KF-5” is on rows 2, 4; a key names one listing.",
        "2 rows not imported.",
    ]
    assert database() == before


def test_a_row_cannot_turn_an_offer_into_a_want(tmp_path, before):
    path = write_csv(tmp_path, [row(key="OLD-1", kind="want")])

    _, lines = refused(path)

    assert lines[0] == "row 2: the listing “OLD-1” is of the kind offer; a row cannot change it."
    assert database() == before


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (["KF-7", "offer", "Asnæsværket"], "it has 3 cells; the header has 14."),
        ([*row().values(), "spare"], "it has 15 cells; the header has 14."),
    ],
)
def test_a_row_with_too_few_or_too_many_cells_is_refused(tmp_path, before, cells, reason):
    path = write_csv(tmp_path, [CEMENT, cells])

    _, lines = refused(path)

    assert lines[0] == f"row 3: {reason}"
    assert database() == before


def test_a_name_two_partners_share_asks_for_the_slug(tmp_path, before):
    PartnerFactory(name="Kalundborg Forsyning", slug="kalundborg-forsyning")
    PartnerFactory(name="Kalundborg forsyning", slug="kalundborg-forsyning-2")
    snapshot = database()

    _, lines = refused(write_csv(tmp_path, [row(organisation="KALUNDBORG FORSYNING")]))

    assert lines[0] == (
        "row 2: the organisation “KALUNDBORG FORSYNING” may be any of several partners "
        "(kalundborg-forsyning, kalundborg-forsyning-2): write its slug instead."
    )
    assert database() == snapshot


# --- What is refused, the file as a whole ------------------------------------------------


def test_a_file_not_in_utf8_is_refused_with_the_line(tmp_path, before):
    plain = row(organisation="Asnaes", title="Fly ash", description="")
    path = write_csv(tmp_path, [plain, row(key="KF-3", title="Kølevand")], encoding="cp1252")

    error, _ = refused(path)

    assert str(error).startswith("The file is not UTF-8 text (line 3).")
    assert database() == before


def test_missing_required_columns_are_named(tmp_path, before):
    columns = ["key", "organisation", "description"]
    path = write_csv(tmp_path, [["KF-1", "Asnæsværket", "Flyveaske"]], columns=columns)

    error, _ = refused(path)

    assert str(error) == (
        "The header lacks the required columns kind, title "
        "(it needs key, kind, organisation, title)."
    )
    assert database() == before


def test_a_column_twice_in_the_header_is_refused(tmp_path, before):
    path = write_csv(tmp_path, [[*FLY_ASH.values(), "x"]], columns=[*COLUMNS, "Title"])

    error, _ = refused(path)

    assert str(error) == "The column “title” is in the header twice."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\r\n\r\n", "The file is empty."),
        (b"key,kind,organisation,title\r\n", "The file has a header but no listings."),
        (
            b"key,kind,organisation,title\r\n,,,\r\n",
            "The file has a header but no listings.",
        ),
    ],
)
def test_an_empty_file_is_refused(tmp_path, before, content, message):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)

    error, _ = refused(path)

    assert str(error) == message
    assert database() == before


def test_broken_quoting_is_refused_with_the_row(tmp_path, before):
    path = tmp_path / "broken.csv"
    path.write_text('key,kind,organisation,title\r\nA,offer,X,"Gips"x\r\n', encoding="utf-8")

    error, _ = refused(path)

    assert str(error).startswith("row 2: the file is not valid CSV from here on")
    assert database() == before


def test_a_missing_file_is_refused(tmp_path):
    error, _ = refused(tmp_path / "nowhere.csv")

    assert str(error) == f"There is no file at {tmp_path / 'nowhere.csv'}."


def test_a_file_over_20_mb_is_refused_quickly_without_being_read(tmp_path, before):
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.truncate(100 * 1024 * 1024)  # sparse: 100 MB that take no disk
    tracemalloc.start()
    started = time.perf_counter()

    error, _ = refused(path)

    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert str(error) == "The file is 100.0 MB; an import takes at most 20 MB."
    assert seconds < 2
    assert peak < 5 * 1024 * 1024  # not even the 20 MB it would read at most
    assert database() == before


def test_the_size_limit_holds_even_for_a_file_that_grows_after_it_was_measured(
    tmp_path, monkeypatch
):
    path = tmp_path / "growing.csv"
    path.write_bytes(b"key,kind,organisation,title\r\n" + b"x" * import_listings.MAX_FILE_BYTES)
    monkeypatch.setattr(import_listings, "too_big", lambda size: f"too big: {size}")
    real_stat = type(path).stat

    def stat_before_it_grew(self, **kwargs):
        result = real_stat(self, **kwargs)
        return type(result)((*result[:6], 10, *result[7:])) if self == path else result

    monkeypatch.setattr(type(path), "stat", stat_before_it_grew)

    error, _ = refused(path)

    assert str(error) == f"too big: {import_listings.MAX_FILE_BYTES + 1}"


# --- --skip-bad ----------------------------------------------------------------------------


def test_skip_bad_imports_the_good_rows_and_reports_the_bad(tmp_path, asnaes):
    path = write_csv(
        tmp_path,
        [
            FLY_ASH,
            row(key="KF-3", kind="sale", organisation="Ny Virksomhed ApS"),
            CEMENT,
            row(key="KF-4", quantity="-2"),
        ],
    )

    stdout, stderr = run(path, "--skip-bad")

    assert stdout.splitlines()[-1] == "2 listings imported: 2 new, 0 updated"
    assert stderr.splitlines() == [
        "row 3: kind “sale” is not one of offer, want.",
        "row 5: quantity “-2” is negative.",
        "2 rows not imported.",
    ]
    assert set(Listing.objects.values_list("key", flat=True)) == {"KF-1", "KF-2"}
    assert not Partner.objects.filter(name="Ny Virksomhed ApS").exists()


def test_skip_bad_keeps_no_organisation_of_a_row_the_model_refused(tmp_path, asnaes):
    path = write_csv(tmp_path, [FLY_ASH, row(key="KF-3", organisation="Ny ApS", quantity="0.0001")])

    stdout, stderr = run(path, "--skip-bad")

    assert stdout.splitlines()[-1] == "1 listing imported: 1 new, 0 updated"
    assert stderr.splitlines()[0].startswith("row 3: quantity: Ensure that there are no more")
    assert not Partner.objects.filter(name="Ny ApS").exists()


def test_skip_bad_with_a_file_that_cannot_be_read_still_fails(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    error, _ = refused(path, "--skip-bad")

    assert str(error) == "The file is empty."
