"""The matcher on its own: plain facts in, ranked suggestions with reasons out."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from listings.matching import ListingFacts, suggest, suggest_all, text
from listings.matching import knowledge as knowledge_base

SAMPLE = knowledge_base.load(Path(__file__).with_name("data") / "knowledge_sample.toml")


def offer(key, title, description="", **fields):
    return ListingFacts(key=key, kind="offer", title=title, description=description, **fields)


def want(key, title, description="", **fields):
    return ListingFacts(key=key, kind="want", title=title, description=description, **fields)


def run(query, candidates, **kwargs):
    return suggest(query, candidates, knowledge=SAMPLE, **kwargs)


def test_danish_compounds_are_read_by_their_parts():
    reading = text.read("Røggasafsvovlingsgipsen og overskudsvarmen", "da", SAMPLE)
    assert {"@r:gypsum", "@r:surplus_heat"} <= reading.concepts
    reading = text.read("Vi driver et fjernvarmeværk", "da", SAMPLE)
    assert "@u:district_heating" in reading.concepts


def test_a_danish_offer_finds_an_english_want_and_says_why_in_both_languages():
    ash = offer(
        "ash",
        "Flyveaske fra kraftværket",
        "Tør flyveaske i silo.",
        language="da",
        category="material",
    )
    wants = [
        want(
            "cement",
            "Cement works seeks alternative raw materials",
            "We replace clinker.",
            language="en",
            category="material",
        ),
        want("greenhouse", "Greenhouse needs heat", language="en", category="energy"),
    ]
    (first, *_rest) = run(ash, wants)
    assert first.key == "cement"
    texts_en = [r.text("en") for r in first.reasons]
    texts_da = [r.text("da") for r in first.reasons]
    assert "fly ash replaces part of the clinker in cement" in texts_en
    assert "flyveaske erstatter en del af klinkeren i cement" in texts_da
    assert all(s.key != "greenhouse" for s in _rest) or _rest[0].score < first.score / 2


def test_a_want_known_only_by_its_industry_still_finds_the_offer():
    ash = offer("ash", "Pulverised fuel ash, 80,000 t a year", language="en", category="material")
    plant = want(
        "plant",
        "Raw materials wanted",
        "Any mineral by-products considered.",
        language="en",
        nace="23.51",
        category="material",
    )
    (suggestion,) = run(ash, [plant])
    reasons = [r.text("en") for r in suggestion.reasons]
    assert reasons[0] == "fly ash replaces part of the clinker in cement"
    assert "their industry: 23.51 manufacture of cement" in reasons


def test_the_same_ewc_code_and_chapter_are_reasons():
    a = offer("a", "Gypsum from flue gas cleaning", ewc="100105", language="en")
    same = want("same", "We take gypsum", ewc="100105", language="en")
    chapter = want("chapter", "Boiler ash wanted", ewc="100101", language="en")
    found = {s.key: [r.text("en") for r in s.reasons] for s in run(a, [same, chapter])}
    assert any(r.startswith("both EWC 10 01 05:") for r in found["same"])
    assert any(
        r.startswith("both EWC chapter 10: wastes from thermal processes") for r in found["chapter"]
    )


def test_quantities_compare_across_periods_and_read_in_each_language():
    ash = offer("ash", "Fly ash", quantity=Decimal(1000), unit="t", per="month", language="en")
    plant = want(
        "plant",
        "Cement works needs fly ash",
        quantity=Decimal(30000),
        unit="t",
        per="year",
        language="en",
    )
    (suggestion,) = run(ash, [plant])
    reasons = {r.text("en"): r.text("da") for r in suggestion.reasons}
    assert reasons["your 12,000 t/year fits in their 30,000 t/year"] == (
        "jeres 12.000 t/år kan rummes i deres 30.000 t/år"
    )
    (back,) = run(plant, [ash])
    assert "your 30,000 t/year covers their 12,000 t/year" in [r.text("en") for r in back.reasons]


def test_distance_and_time_are_reasons_but_never_enough_alone():
    heat = offer(
        "heat",
        "Surplus heat at 60 °C",
        category="energy",
        language="en",
        latitude=55.681,
        longitude=11.089,
        available_from=date(2027, 1, 1),
    )
    greenhouse = want(
        "gh",
        "Greenhouse wanted heat",
        category="energy",
        language="en",
        latitude=55.716,
        longitude=11.712,
        available_from=date(2027, 3, 1),
    )
    unrelated = want(
        "x",
        "Office chairs",
        category="material",
        language="en",
        latitude=55.681,
        longitude=11.089,
        available_from=date(2027, 1, 1),
    )
    found = run(heat, [greenhouse, unrelated])
    assert [s.key for s in found] == ["gh"]
    reasons = [r.text("en") for r in found[0].reasons]
    assert "39 km apart" in reasons and "both available from 2027" in reasons
    assert "39 km fra hinanden" in [r.text("da") for r in found[0].reasons]


def test_a_category_mismatch_pushes_a_pair_down_and_periods_that_never_meet_too():
    heat = offer(
        "heat", "Surplus heat", category="energy", language="en", available_until=date(2027, 6, 1)
    )
    same = want("same", "Heat for district heating", category="energy", language="en")
    other = want("other", "Heat for district heating", category="material", language="en")
    later = want(
        "later",
        "Heat for district heating",
        category="energy",
        language="en",
        available_from=date(2028, 1, 1),
    )
    scores = {s.key: s.score for s in run(heat, [same, other, later])}
    assert scores["same"] > scores.get("later", 0) > 0
    assert scores["same"] > scores.get("other", 0) * 2


def test_nothing_worth_suggesting_gives_an_empty_list():
    assert run(offer("a", "Used office furniture"), [want("b", "Greenhouse needs CO2")]) == []


def test_scores_lie_in_0_1_descend_and_the_order_is_deterministic():
    ash = offer("ash", "Fly ash", language="en", category="material")
    wants = [want(f"w{i}", "Cement works needs fly ash", language="en") for i in range(5)]
    first = run(ash, wants)
    assert [s.key for s in first] == ["w0", "w1", "w2", "w3", "w4"]
    assert all(0 <= s.score <= 1 for s in first)
    assert [s.score for s in first] == sorted((s.score for s in first), reverse=True)
    assert run(ash, list(reversed(wants))) == first
    assert len(run(ash, wants, limit=2)) == 2


def test_suggest_all_gives_every_offer_its_wants():
    offers = [offer("ash", "Fly ash", language="en"), offer("junk", "Old desks")]
    wants = [want("cement", "Cement works", language="en")]
    found = suggest_all(offers, wants, knowledge=SAMPLE)
    assert [s.key for s in found["ash"]] == ["cement"]
    assert found["junk"] == []


@pytest.mark.parametrize("language", ["da", "en"])
def test_reasons_follow_the_active_language(language):
    from django.utils import translation

    (suggestion,) = run(offer("a", "Gypsum", language="en"), [want("b", "Plasterboard plant")])
    with translation.override(language):
        shown = str(suggestion.reasons[0])
    assert shown == (
        "gips er råvare til gipsplader"
        if language == "da"
        else "gypsum is a raw material for plasterboard"
    )
