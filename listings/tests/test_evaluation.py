"""The matcher on the documented exchanges of listings/matching/evaluation.csv."""

import pytest
from django.utils import translation

from listings.matching import evaluate


@pytest.mark.parametrize("offer_language,want_language", evaluate.SETTINGS)
def test_documented_exchanges_are_found_in_every_language_setting(offer_language, want_language):
    with translation.override("en"):
        figures = evaluate.evaluate(evaluate.cases(), offer_language, want_language)
    assert figures.cases >= 10
    assert figures.recall_10 >= 0.8
    assert figures.mrr >= 0.5
