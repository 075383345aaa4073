"""Reading the index: what a visitor typed, which entries match it, in what order.

Both languages are always searched. A query word matches an entry when its Danish
or its English stem is among the entry's words (the last word also as the start of
a word, so "symbio" finds "symbiose" while typing); every word must match.

- PostgreSQL: `vector @@ (to_tsquery('danish', w) || to_tsquery('english', w)) && …`,
  ranked by ts_rank (titles weigh more than texts), the GIN index doing the work.
- SQLite: the same stems (Snowball, the same stop words) matched with LIKE in the
  `terms` column, ranked by the number of words found in the title.

Ties go by title in the visitor's language. The words reach to_tsquery only after
folding, which leaves letters and digits alone: no operator, quote or NUL survives.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import Coalesce, Lower, NullIf, RowNumber

from search.models import SearchEntry
from search.text import LANGUAGES, stem, words

MAX_QUERY = 200  # characters kept of what was typed
MAX_WORDS = 12  # words searched for; more only slow the query down
PER_KIND = 5  # hits of each kind in the overview
# Columns a results page never reads.
HEAVY = ("folded_title_da", "folded_title_en", "folded_text_da", "folded_text_en")
HEAVY += ("terms", "title_terms", "vector")


@dataclass
class Query:
    """What the visitor typed, made safe: shown back as `text`, searched as `words`."""

    text: str = ""
    was_cut: bool = False
    words: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.words

    def stems(self, word):
        """The Danish and the English stem of a query word (none for a stop word)."""
        return {s for language in LANGUAGES if (s := stem(word, language)) is not None}


def _printable(text):
    # Control and format characters (NUL included: PostgreSQL refuses it) become spaces.
    return "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)


def parse(raw):
    text = re.sub(r"\s+", " ", _printable(raw or "")).strip()
    was_cut = len(text) > MAX_QUERY
    if was_cut:
        text = text[:MAX_QUERY].rstrip()
    query = Query(text=text, was_cut=was_cut)
    searchable = [w for w in dict.fromkeys(words(text)) if query.stems(w)]
    query.words = searchable[:MAX_WORDS]
    return query


def _is_prefix(query, index):
    return index == len(query.words) - 1


# PostgreSQL --------------------------------------------------------------------------


def _tsquery(query, prefix=True):
    combined = None
    for index, word in enumerate(query.words):
        raw = f"{word}:*" if prefix and _is_prefix(query, index) else word
        either = SearchQuery(raw, search_type="raw", config="danish") | SearchQuery(
            raw, search_type="raw", config="english"
        )
        combined = either if combined is None else combined & either
    return combined


# SQLite ----------------------------------------------------------------------------


def _has(column, query, index, word, prefix=True):
    """Q: the column holds one of the word's stems, as a word or (last word) a word's start."""
    end = "" if prefix and _is_prefix(query, index) else " "
    condition = Q()
    for s in sorted(query.stems(word)):
        condition |= Q(**{f"{column}__contains": f" {s}{end}"})
    return condition


def _title_order(language):
    if language == "da":
        return Lower("title_da")
    return Lower(Coalesce(NullIf("title_en", Value("")), "title_da"))


def matching(query, language, now=None):
    """Published entries matching every word, annotated with `rank`; unordered."""
    entries = SearchEntry.objects.published(now).defer(*HEAVY)
    if connection.vendor == "postgresql":
        tsquery = _tsquery(query)
        # Whole words count again: "gips" puts the gypsum flows before "Gipsplader A/S".
        rank = SearchRank(F("vector"), tsquery) + SearchRank(
            F("vector"), _tsquery(query, prefix=False)
        )
        return entries.filter(vector=tsquery).annotate(rank=rank)
    condition = Q()
    title_hits = []
    for index, word in enumerate(query.words):
        condition &= _has("terms", query, index, word)
        title_hits.append(
            Case(
                When(_has("title_terms", query, index, word), then=1),
                default=0,
                output_field=IntegerField(),
            )
        )
    # The last word, matched as a whole word in the title, counts again (as above).
    last = len(query.words) - 1
    title_hits.append(
        Case(
            When(_has("title_terms", query, last, query.words[last], prefix=False), then=1),
            default=0,
            output_field=IntegerField(),
        )
    )
    return entries.filter(condition).annotate(rank=sum(title_hits[1:], title_hits[0]))


def ordering(language):
    return [F("rank").desc(), _title_order(language), "pk"]


def overview(query, language, now=None):
    """The best PER_KIND hits of each kind, each with `kind_total`: one query."""
    hits = (
        matching(query, language, now)
        .annotate(
            kind_total=Window(Count("pk"), partition_by=[F("kind")]),
            position=Window(RowNumber(), partition_by=[F("kind")], order_by=ordering(language)),
        )
        .filter(position__lte=PER_KIND)
        .order_by("kind", "position")
    )
    return list(hits)


def in_kind(query, kind, language, now=None):
    """Every hit of one kind, best first (for the paginated list of that kind)."""
    return matching(query, language, now).filter(kind=kind).order_by(*ordering(language))
