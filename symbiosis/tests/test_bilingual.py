from django.utils import translation

from partners.models import Partner
from symbiosis.bilingual import localized, missing_english
from symbiosis.templatetags.bilingual import fallback_note, lang_attr


def partner(**fields):
    return Partner(name="Ørsted", slug="orsted", summary_da="Dansk tekst", **fields)


def test_english_text_is_used_on_english_pages():
    p = partner(summary_en="English text")
    with translation.override("en"):
        text = p.summary
    assert text == "English text"
    assert text.lang == "en"
    assert text.is_fallback is False


def test_missing_english_falls_back_to_danish_and_says_so():
    p = partner(summary_en="   ")
    with translation.override("en"):
        text = p.summary
        assert str(lang_attr(text)) == ' lang="da" data-fallback'
        note = str(fallback_note(text))
    assert text == "Dansk tekst"
    assert text.lang == "da"
    assert text.is_fallback is True
    assert 'lang="en"' in note
    assert "Not yet translated: shown in Danish" in note


def test_danish_pages_never_mark_a_fallback():
    p = partner(summary_en="")
    with translation.override("da"):
        text = p.summary
        assert lang_attr(text) == ""
        assert fallback_note(text) == ""
    assert text == "Dansk tekst"
    assert text.is_fallback is False


def test_explicit_language_argument():
    p = partner(summary_en="English text")
    assert localized(p, "summary", "da") == "Dansk tekst"
    assert localized(p, "summary", "en") == "English text"


def test_missing_english_lists_only_fields_with_danish_text():
    p = partner(summary_en="", description_da="", description_en="")
    assert missing_english(p, ["summary", "description"]) == ["summary"]
