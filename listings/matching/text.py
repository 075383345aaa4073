"""Reading a listing's words in Danish and English: folding, stems, compounds, concepts.

Words are folded and stemmed as the site search does (search/text.py: "Flyveasken" and
"flyveaske" are one stem). A listing is read with both languages' stemmers, since
Danes write English trade words and a listing's language may be wrong; each language's
terms of the knowledge base are looked up among the stems of their own language.

Danish writes compounds as one word: "røggasafsvovlingsgips" is gypsum, "overskudsvarmen"
surplus heat. A word no term matches whole is split: its last part (the head of a
Danish compound, at least three letters) and its first part (at least four, with or
without the linking -s- or -e-) are looked up as terms of their own.
"""

from dataclasses import dataclass

from search.text import fold, stem

LANGUAGES = ("da", "en")
# The shortest head and modifier of a compound looked up as a term of its own.
SHORTEST_HEAD = 3
SHORTEST_MODIFIER = 4


def root(word, language):
    """The stem of a folded word, stemmed again: Snowball's Danish stems "gipsen" to
    "gips" but "gips" to "gip"; twice makes both "gip". None for a stop word."""
    first = stem(word, language)
    return stem(first, language) or first if first else None


def stems(text, language):
    """The roots of `text` read as `language`, in order, stop words left out."""
    return [s for word in fold(text).split() if (s := root(word, language))]


@dataclass(frozen=True)
class Reading:
    """What the matcher takes from a listing's words."""

    stems: tuple  # in the listing's own language, each once
    concepts: frozenset  # concept tokens ("@r:fly_ash", "@u:cement") found in the words
    surface: dict  # stem -> a word as written, for reasons ("cement")


def read(words_text, language, knowledge):
    """The stems and concepts of `words_text` (a listing's title and description)."""
    folded = fold(words_text).split()
    concepts = set()
    own = []
    surface = {}
    for lang in LANGUAGES:
        sequence = [(root(word, lang), word) for word in folded]
        sequence = [(s, w) for s, w in sequence if s]
        found = _phrases(sequence, knowledge.phrases.get(lang, {}))
        concepts |= found
        if lang == "da":
            concepts |= _compounds(sequence, knowledge.words.get("da", {}), knowledge)
        if lang == language:
            for s, word in sequence:
                surface.setdefault(s, word)
                own.append(s)
    return Reading(tuple(dict.fromkeys(own)), frozenset(concepts), surface)


def _phrases(sequence, index):
    """Concepts whose term (one word or several) occurs in `sequence` as a whole."""
    found = set()
    stems_only = [s for s, _ in sequence]
    for i, first in enumerate(stems_only):
        for term, tokens in index.get(first, {}).items():
            if tuple(stems_only[i : i + len(term)]) == term:
                found |= tokens
    return found


def _compounds(sequence, words, knowledge):
    """Concepts found as the head or the first part of a Danish compound. The parts are
    cut from the word as written and stemmed on their own ("gipsen" → "gips"), as the
    terms were."""
    found = set()
    for s, word in sequence:
        if s in words or len(word) < SHORTEST_HEAD + SHORTEST_MODIFIER:
            continue
        for cut in range(SHORTEST_MODIFIER, len(word) - SHORTEST_HEAD + 1):  # longest first
            head = root(word[cut:], "da")
            if head and head in words:
                found |= words[head]
                break
        for cut in range(len(word) - SHORTEST_HEAD, SHORTEST_MODIFIER - 1, -1):
            modifier = word[:cut]
            hit = next(
                (
                    stemmed
                    for part in (modifier, modifier.removesuffix("s"), modifier.removesuffix("e"))
                    if len(part) >= SHORTEST_MODIFIER
                    and (stemmed := root(part, "da"))
                    and stemmed in words
                ),
                None,
            )
            if hit:
                found |= words[hit]
                break
    return found
