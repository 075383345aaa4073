"""100,000 entries on PostgreSQL: rebuilt in bulk quickly, searched through the GIN index."""

import time

import pytest
from django.db import connection

from bench.search_filler import filler_rows
from search import index, queries
from search.models import SearchEntry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only"
    ),
]

ENTRIES = 100_000


@pytest.mark.slow
def test_a_large_index_is_built_fast_and_searched_through_the_gin_index():
    started = time.perf_counter()
    count = index.rebuild(extra=filler_rows(ENTRIES))
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")

    assert count == SearchEntry.objects.count() == ENTRIES
    assert seconds < 60, f"rebuilding {ENTRIES} entries took {seconds:.0f} s"
    assert not SearchEntry.objects.filter(vector__isnull=True).exists()
    # The columns only SQLite searches are left empty here: narrower rows to read.
    assert not SearchEntry.objects.exclude(terms="", folded_text_da="").exists()
    for text in ("gips", "ord123", "steam ord77"):
        query = queries.parse(text)
        plan = queries.matching(query, "da").explain()
        assert "search_entry_vector_gin" in plan, plan
    # The overview of a frequent word (an eighth of the entries) still answers.
    groups = queries.overview(queries.parse("gips"), "da")
    assert len(groups) == 5 and 11_000 < groups[0].kind_total < 14_000
