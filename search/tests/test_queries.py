"""The same queries on the demo find exactly the same items on SQLite and PostgreSQL.

Run this file on both databases (README, "Search"): the expected sets below are
the contract both implementations meet. Danish forms ("symbiosen", "symbiosers"),
folding ("Ørsted"/"Orsted"), both languages ("gips"/"gypsum", "damp"/"steam"), a
former name ("DONG"), prefix matching of the last word ("symbio") and every word
required ("gips ørsted").
"""

import pytest
from django.core.management import call_command

from search import queries
from search.models import SearchEntry

SYMBIOSIS = {
    ("article", "50 år med symbiose: Kalundborg inviterer verden til konference"),
    ("article", "Comet og Intertek bliver associerede medlemmer"),
    ("article", "Kalundborg Symbiose bliver en selvstændig forening"),
    ("article", "Nyhedsbrev, maj 2024: data under diagrammet"),
    ("article", "Nyt nationalt netværk skal udbrede industrielle symbioser"),
    ("article", "Restbiomasse bliver til grøn gas"),
    ("event", "Global Leadership Conference within circular economy"),
    ("event", "Studiebesøg for en delegation fra Østersøregionen"),
    ("event", "Studiebesøg: Symbiosen for kommuner og erhvervsråd"),
    ("event", "Webinar: Sådan finder din virksomhed en symbiosepartner"),
    ("event", "Workshop: Vand i symbiosen"),
    ("flow", "Overfladevand: Kalundborg Forsyning → Kalundborg Refinery"),
    ("milestone", "1961: Raffinaderiet får vand fra Tissø"),
    ("milestone", "1989: Samarbejdet får navnet Kalundborg Symbiose"),
    ("milestone", "2011: Nyt logo og ny hjemmeside"),
    ("milestone", "2017: Strategi: ti nye projekter inden 2025"),
    ("milestone", "2018: Gothenburg Sustainability Award"),
    ("milestone", "2019: Symbiosen bliver en forening"),
    ("milestone", "2021: Symbiose Netværk Danmark lanceres"),
    ("page", "Kontakt"),
    ("page", "Ledelse"),
    ("page", "Om symbiosen"),
    ("page", "Strategi"),
    ("partner", "Kalundborg Kommune"),
    ("partner", "Kalundborg Symbiose"),
    ("person", "Anders Bech"),
    ("person", "Jonas Kragh"),
    ("person", "Mette Holm Sørensen"),
    ("person", "Sara Nygaard"),
    ("press", "Asnæsværket ved fjorden"),
    ("press", "Biogasanlægget"),
    ("press", "Rørbroen"),
    ("press", "Tissø og pumpestationen"),
    ("press", "Udvalgte strømme i symbiosen"),
    ("project", "Baltic Industrial Symbiosis"),
    ("project", "Etablering af regionalt Symbiosesekretariat"),
    ("speaker", "Henrik Vestergaard"),
    ("speaker", "Ingrid Thorsen"),
    ("speaker", "Lars Munk Pedersen"),
    ("speaker", "Mette Holm Sørensen"),
    ("speaker", "Sofie Lindqvist"),
}

EXPECTED = {
    "gips": {
        ("article", "Restbiomasse bliver til grøn gas"),
        ("flow", "Biogas: Kalundborg Bioenergi → Saint-Gobain Gyproc"),
        ("flow", "Gips: Ørsted → Saint-Gobain Gyproc"),
        ("flow", "Raffinaderigas: Kalundborg Refinery → Saint-Gobain Gyproc"),
        ("milestone", "1972: Overskudsgas tørrer gipsplader"),
        ("page", "Om symbiosen"),
        ("partner", "Saint-Gobain Gyproc"),
        ("press", "Udvalgte strømme i symbiosen"),
        ("resource", "Gips"),
    },
    "gypsum": {
        ("flow", "Gips: Ørsted → Saint-Gobain Gyproc"),
        ("page", "Om symbiosen"),
        ("partner", "Saint-Gobain Gyproc"),
        ("press", "Udvalgte strømme i symbiosen"),
        ("resource", "Gips"),
    },
    "Ørsted": {
        ("flow", "Damp: Ørsted → Kalundborg Refinery"),
        ("flow", "Damp: Ørsted → Novo Nordisk"),
        ("flow", "El: Ørsted → Kalundborg Forsyning"),
        ("flow", "Fjernvarme: Ørsted → Kalundborg Forsyning"),
        ("flow", "Flyveaske: Ørsted → Cementindustrien"),
        ("flow", "Gips: Ørsted → Saint-Gobain Gyproc"),
        ("flow", "Kølevand: Kalundborg Refinery → Ørsted"),
        ("flow", "Renset spildevand: Kalundborg Refinery → Ørsted"),
        ("partner", "Ørsted"),
        ("person", "Kirsten Lund"),
        ("speaker", "Camilla Friis"),
    },
    "steam": {
        ("event", "Global Leadership Conference within circular economy"),
        ("flow", "Damp: Ørsted → Kalundborg Refinery"),
        ("flow", "Damp: Ørsted → Novo Nordisk"),
        ("page", "Om symbiosen"),
        ("partner", "Kalundborg Refinery"),
        ("partner", "Novo Nordisk"),
        ("partner", "Ørsted"),
        ("press", "Asnæsværket ved fjorden"),
        ("press", "Rørbroen"),
        ("press", "Udvalgte strømme i symbiosen"),
        ("resource", "Damp"),
        ("speaker", "Camilla Friis"),
    },
    "damp": {
        ("flow", "Damp: Ørsted → Kalundborg Refinery"),
        ("flow", "Damp: Ørsted → Novo Nordisk"),
        ("page", "Om symbiosen"),
        ("partner", "Kalundborg Refinery"),
        ("partner", "Novo Nordisk"),
        ("partner", "Ørsted"),
        ("press", "Asnæsværket ved fjorden"),
        ("press", "Rørbroen"),
        ("press", "Udvalgte strømme i symbiosen"),
        ("resource", "Damp"),
        ("speaker", "Camilla Friis"),
    },
    "Kirsten Lund": {
        ("person", "Kirsten Lund"),
    },
    "restbiomasse": {
        ("article", "Restbiomasse bliver til grøn gas"),
        ("flow", "Biomasse: Novo Nordisk → Kalundborg Bioenergi"),
        ("flow", "Biomasse: Novonesis → Kalundborg Bioenergi"),
        ("partner", "Kalundborg Bioenergi"),
    },
    "workshop": {
        ("event", "Workshop: Data og matchmaking mellem restprodukter"),
        ("event", "Workshop: Vand i symbiosen"),
    },
    "ledelse": {
        ("article", "Nyhedsbrev, maj 2024: data under diagrammet"),
        ("milestone", "1988: Miljøklubben samler direktørerne"),
        ("page", "Ledelse"),
        ("speaker", "Henrik Vestergaard"),
        ("speaker", "Rasmus Eriksen"),
        ("speaker", "Sofie Lindqvist"),
    },
    "rørbroen": {
        ("press", "Rørbroen"),
    },
    "plasterboard": {
        ("article", "Restbiomasse bliver til grøn gas"),
        ("flow", "Biogas: Kalundborg Bioenergi → Saint-Gobain Gyproc"),
        ("flow", "Gips: Ørsted → Saint-Gobain Gyproc"),
        ("flow", "Raffinaderigas: Kalundborg Refinery → Saint-Gobain Gyproc"),
        ("milestone", "1972: Overskudsgas tørrer gipsplader"),
        ("partner", "Saint-Gobain Gyproc"),
    },
    "DONG": {
        ("partner", "Ørsted"),
    },
    "grøn gas": {
        ("article", "Restbiomasse bliver til grøn gas"),
    },
    "gips ørsted": {
        ("flow", "Gips: Ørsted → Saint-Gobain Gyproc"),
    },
    "Orsted": "Ørsted",
    "symbiosen": SYMBIOSIS,
    "symbiosers": SYMBIOSIS,
    "symbiose": SYMBIOSIS,
    "symbio": SYMBIOSIS,
    # Nothing, in either language.
    "xylofon": set(),
    # Only stop words, or nothing to search: no query at all.
    "for i": set(),
    "&|!:*()<->": set(),
}


def found(text, language="da"):
    query = queries.parse(text)
    if query.is_empty:
        return set()
    # The side-stream listings (listings/tests/test_public_data.py has their searches)
    # change with the exchange's demo; these are the site's own content.
    return {(e.kind, e.title_da) for e in queries.matching(query, language) if e.kind != "listing"}


@pytest.mark.django_db
def test_every_query_finds_exactly_its_items_in_the_demo():
    call_command("load_demo", verbosity=0)
    assert SearchEntry.objects.count() > 100
    problems = []
    for text, expected in EXPECTED.items():
        if isinstance(expected, str):  # the same as another query
            expected = EXPECTED[expected]
        for language in ("da", "en"):  # the visitor's language never changes what is found
            got = found(text, language)
            if got != expected:
                problems.append(
                    f"{text!r} ({language}): missing {sorted(expected - got)}, "
                    f"unexpected {sorted(got - expected)}"
                )
    assert problems == []


@pytest.mark.django_db
def test_case_and_accents_do_not_matter():
    call_command("load_demo", verbosity=0)
    assert found("ØRSTED") == found("orsted") == found("Ørsted") != set()
    assert found("Gips") == found("GIPS") == found("gips")
