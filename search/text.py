"""Folding, words and stems: the same on both sides of the search (index and query).

Folding makes "Ørsted", "Orsted" and "ØRSTED" one word: lower case, ø→o, æ→ae,
å→aa, other accents stripped (NFKD), and every character that is not a letter or a
digit turned into a space. The last step is what keeps PostgreSQL and SQLite in
step: PostgreSQL's parser would keep "kalundborg.dk" or "co2-udledning" as special
tokens, while the SQLite search splits on anything but letters and digits; after
folding both see the same plain words.
"""

import html
import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from search import stopwords

# Danish letters with a conventional spelling in plain Latin (NFKD leaves them alone,
# or would turn å into a, which Danes do not read as the same word).
DANISH_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "å": "aa", "ß": "ss", "đ": "d", "ł": "l"})
NOT_A_WORD = re.compile(r"[\W_]+")
# The accents NFKD splits off (combining marks).
COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# PostgreSQL's parser calls a token with a digit a "numword" or an "int" and indexes it
# as it is (the 'simple' dictionary): neither stemmed nor a stop word.
HAS_DIGIT = re.compile(r"\d")
# Tags that end a block of text become a space; inline ones (CO<sub>2</sub>) nothing.
BLOCK_TAG = re.compile(
    r"<(?:br|hr|/?(?:p|div|li|ul|ol|h[1-6]|blockquote|table|tr|td|th|figure|figcaption))\b[^>]*>",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")

LANGUAGES = ("da", "en")
STOP_WORDS = {"da": stopwords.DANISH, "en": stopwords.ENGLISH}
_STEMMERS = {"da": "danish", "en": "english"}


def fold(text):
    """Lower case, Danish letters spelt out, accents stripped, only letters, digits, spaces."""
    text = (text or "").lower().translate(DANISH_LETTERS)
    if not text.isascii():  # most Danish text is ASCII once æ, ø and å are spelt out
        text = COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return SPACE.sub(" ", NOT_A_WORD.sub(" ", text)).strip()


def words(text):
    """The folded words of `text`, in order."""
    folded = fold(text)
    return folded.split(" ") if folded else []


@lru_cache(maxsize=4)
def _stemmer(language):
    return snowballstemmer.stemmer(_STEMMERS[language])


@lru_cache(maxsize=50_000)
def stem(word, language):
    """The Snowball stem of a folded word, or None for a stop word of `language`."""
    if HAS_DIGIT.search(word):
        return word
    if word in STOP_WORDS[language]:
        return None
    return _stemmer(language).stemWord(word)


def stems(text, language):
    """Stems of `text` read as `language`, each once, in order of first appearance."""
    return stems_of_folded(fold(text), language)


def stems_of_folded(folded, language):
    seen = {}
    for word in folded.split():
        if (s := stem(word, language)) is not None:
            seen.setdefault(s, None)
    return list(seen)


def plain_text(markup):
    """Text of sanitised rich text: tags become spaces, entities characters."""
    text = TAG.sub("", BLOCK_TAG.sub(" ", markup or ""))
    return SPACE.sub(" ", html.unescape(text)).strip()
