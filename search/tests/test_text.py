"""Folding, stems, what is left of a query, and the marked snippets."""

from search.highlight import Matcher, mark
from search.queries import MAX_QUERY, parse
from search.text import fold, plain_text, stem, stems


def test_folding_makes_danish_letters_and_accents_plain():
    assert fold("Ørsted ÆBLE Åen café naïve") == "orsted aeble aaen cafe naive"
    assert fold("Ørsted") == fold("Orsted") == fold("ØRSTED")


def test_folding_turns_punctuation_into_spaces():
    assert fold("CO₂-udledning: kalundborg.dk (2024)") == "co2 udledning kalundborg dk 2024"


def test_danish_forms_share_a_stem():
    assert stem("symbiose", "da") == stem("symbiosen", "da") == stem("symbiosers", "da")


def test_stop_words_have_no_stem_and_numbers_are_kept_as_they_are():
    assert stem("og", "da") is None
    assert stem("the", "en") is None
    assert stem("1961", "da") == "1961"
    assert stems("Damp og vand, og damp", "da") == ["damp", "vand"]


def test_plain_text_of_rich_text():
    assert plain_text("<p>CO<sub>2</sub> &amp; vand</p><p>Næste</p>") == "CO2 & vand Næste"


def test_a_query_is_cleaned_cut_and_split_into_searchable_words():
    query = parse('  Gips\x00 & \x1b damp | "for"  ')
    assert query.text == 'Gips & damp | "for"'
    assert query.words == ["gips", "damp"]  # "for" is a stop word in both languages
    assert "\x00" not in query.text

    long = parse("a" * 5000)
    assert long.was_cut and len(long.text) == MAX_QUERY

    assert parse("& | ! : * ( ) <->").is_empty
    assert parse("").is_empty


def test_marks_only_matches_and_escapes_everything_else():
    matcher = Matcher(parse("gips"))
    html, found = mark("Gips & <b>gipsplader</b>, ikke gas", "da", matcher)
    assert found
    assert html == "<mark>Gips</mark> &amp; &lt;b&gt;<mark>gipsplader</mark>&lt;/b&gt;, ikke gas"


def test_snippet_is_about_thirty_words_around_the_first_match():
    text = " ".join(f"ord{i}" for i in range(100)) + " symbiosen " + "slut " * 50
    html, found = mark(text, "da", Matcher(parse("symbiose")), limit=30)
    assert found
    assert html.startswith("… ord90 ") and html.endswith(" …")
    assert "<mark>symbiosen</mark>" in html
    assert len(html.split()) < 40


def test_only_the_last_word_matches_as_a_prefix():
    matcher = Matcher(parse("gips damp"))
    assert matcher("dampen", "da")  # last word: a prefix
    assert not matcher("gipsplader", "da")  # not the last word: the whole stem
    assert matcher("gips", "da")
