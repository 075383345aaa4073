"""`manage.py suggest_matches`: which listings it compares, the exact shape of its JSON
and CSV, and that standard output carries nothing but them."""

import csv
import io
import json
import logging
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from listings import matching
from listings.models import Kind, Listing, Status, Visibility
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def listing(key, kind, title, *, language="da", organisation=None, **fields):
    """A listing as the import leaves one: published, with a key, in one language."""
    organisation = organisation or PartnerFactory(
        town="Kalundborg", latitude=Decimal("55.681"), longitude=Decimal("11.089")
    )
    return Listing.objects.create(
        key=key,
        kind=kind,
        organisation=organisation,
        language=language,
        **{f"title_{language}": title},
        status=fields.pop("status", Status.PUBLISHED),
        published_at=timezone.now(),
        **fields,
    )


def suggest(*options):
    """(standard output, standard error) of the command."""
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("suggest_matches", *options, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def suggested(*options):
    stdout, _ = suggest("--format", "json", *options)
    return json.loads(stdout)


@pytest.fixture
def fly_ash():
    """A Danish offer of fly ash and English wants for it, and listings around them."""
    cement = PartnerFactory(
        name="Aalborg Portland",
        nace="23.51",
        latitude=Decimal("57.048"),
        longitude=Decimal("9.919"),
    )
    offer = listing(
        "ASH-1",
        Kind.OFFER,
        "Flyveaske fra kulfyret kraftværk",
        description_da="Tør flyveaske fra kulfyring, ca. 20.000 t om året.",
        category="material",
        ewc_code="100102",
        quantity=Decimal(20000),
        unit="t",
        per="year",
    )
    want = listing(
        "CEM-1",
        Kind.WANT,
        "Cement plant seeks fly ash as raw material",
        language="en",
        organisation=cement,
        description_en="Fly ash from coal combustion to replace clinker in cement.",
        category="material",
        nace_code="23.51",
        quantity=Decimal(15000),
        unit="t",
        per="year",
    )
    return offer, want


def test_a_danish_offer_finds_an_english_want(fly_ash):
    result = suggested()

    assert result[0]["offer"] == "ASH-1"
    assert [m["want"] for m in result[0]["matches"]] == ["CEM-1"]
    assert result[0]["matches"][0]["reasons"]


def test_the_output_has_exactly_the_promised_shape(fly_ash):
    stdout, _ = suggest("--format", "json")

    result = json.loads(stdout)  # the whole of standard output is the JSON
    assert isinstance(result, list)
    for entry in result:
        assert set(entry) == {"offer", "matches"}
        assert isinstance(entry["offer"], str)
        for match in entry["matches"]:
            assert set(match) == {"want", "score", "reasons"}
            assert isinstance(match["want"], str)
            assert isinstance(match["score"], float)
            assert 0 <= match["score"] <= 1
            assert all(isinstance(r, str) and r for r in match["reasons"])


def test_json_is_the_default_format(fly_ash):
    stdout, _ = suggest()

    assert json.loads(stdout) == suggested()


def test_wants_come_best_first_and_limit_is_honoured(fly_ash):
    for number, title in enumerate(
        [
            "Fly ash wanted for concrete",
            "Fly ash for road construction",
            "Flyveaske søges til betonproduktion",
            "Fly ash or bottom ash as filler",
        ]
    ):
        listing(f"W-{number}", Kind.WANT, title, language="en", category="material")

    every = suggested("--limit", "10")[0]["matches"]
    two = suggested("--limit", "2")[0]["matches"]

    scores = [m["score"] for m in every]
    assert len(every) >= 3
    assert scores == sorted(scores, reverse=True)
    assert two == every[:2]


def test_the_default_limit_is_ten(fly_ash):
    for number in range(12):
        listing(f"W-{number:02}", Kind.WANT, "Fly ash wanted", language="en", category="material")

    matches = suggested()[0]["matches"]

    assert len(matches) == 10


def test_an_offer_with_nothing_worth_suggesting_has_no_matches(fly_ash):
    listing(
        "HEAT-1",
        Kind.OFFER,
        "Overskudsvarme fra datacenter",
        category="energy",
        quantity=Decimal(5000),
        unit="MWh",
        per="year",
    )

    by_offer = {entry["offer"]: entry["matches"] for entry in suggested()}

    assert by_offer["HEAT-1"] == []
    assert list(by_offer) == ["ASH-1", "HEAT-1"]  # every offer, by key


def test_only_published_listings_with_a_key_are_compared(fly_ash):
    _, want = fly_ash
    Listing.objects.filter(pk=want.pk).update(visibility=Visibility.SECRETARIAT)
    listing("CEM-2", Kind.WANT, "Fly ash wanted for cement", language="en", status=Status.DRAFT)
    listing("CEM-3", Kind.WANT, "Fly ash wanted for cement", language="en", status=Status.CLOSED)
    listing(None, Kind.WANT, "Fly ash wanted for cement", language="en")
    listing("ASH-0", Kind.OFFER, "Flyveaske", status=Status.REVIEW)
    listing("ASH-2", Kind.OFFER, "Flyveaske fra kraftværk", status=Status.MATCHED)
    listing(None, Kind.OFFER, "Flyveaske fra kraftværk")

    result = suggested()

    assert [entry["offer"] for entry in result] == ["ASH-1", "ASH-2"]
    wants = {m["want"] for entry in result for m in entry["matches"]}
    assert wants == {"CEM-1"}  # for the secretariat only, but published


def test_no_offers_print_an_empty_list():
    stdout, _ = suggest("--format", "json")

    assert json.loads(stdout) == []


def test_csv_has_one_row_a_suggestion(fly_ash):
    listing("W-1", Kind.WANT, "Fly ash wanted for concrete", language="en", category="material")
    expected = suggested()

    stdout, _ = suggest("--format", "csv")

    rows = list(csv.DictReader(io.StringIO(stdout)))
    assert stdout.splitlines()[0] == "offer,want,rank,score,reasons"
    assert [(r["offer"], r["want"], int(r["rank"])) for r in rows] == [
        (entry["offer"], match["want"], rank)
        for entry in expected
        for rank, match in enumerate(entry["matches"], start=1)
    ]
    for r, match in zip(rows, expected[0]["matches"], strict=True):
        assert float(r["score"]) == match["score"]
        assert r["reasons"] == " · ".join(match["reasons"])


def test_reasons_are_in_the_language_asked_for(fly_ash):
    english = suggested()[0]["matches"][0]["reasons"]
    danish = suggested("--language", "da")[0]["matches"][0]["reasons"]

    assert len(english) == len(danish)
    assert english != danish


def test_nothing_but_the_data_reaches_standard_output(fly_ash, monkeypatch, capsys):
    """A log line (the project logs to standard output) or a print while the matcher
    runs goes to standard error: the command writes to the process's own streams here."""
    real = matching.suggest_all

    def noisy(*args, **kwargs):
        logging.getLogger("listings.matching").warning("matcher says hello")
        print("stray print")
        return real(*args, **kwargs)

    monkeypatch.setattr(matching, "suggest_all", noisy)

    call_command("suggest_matches", "--format", "json")

    out, err = capsys.readouterr()
    assert json.loads(out)[0]["offer"] == "ASH-1"
    assert "matcher says hello" in err
    assert "stray print" in err


@pytest.mark.parametrize("limit", ["0", "-1", "many"])
def test_a_limit_must_be_a_positive_whole_number(limit):
    with pytest.raises(CommandError, match="limit"):
        suggest("--limit", limit)
