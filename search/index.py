"""Writing the index: re-index some objects, or rebuild all of it in bulk.

PostgreSQL's `vector` is computed by the database from the folded columns, in one
UPDATE per batch (titles weight A, texts weight B; the Danish columns with the
'danish' configuration, the English ones with 'english'), so the rebuild never
sends a tsvector over the wire and both paths store exactly the same vector.
"""

import itertools
import json

from django.db import connection, transaction

from search.documents import SOURCES, sources
from search.models import SearchEntry
from search.text import LANGUAGES, fold, stems_of_folded

BATCH = 2000

VECTOR = """
        setweight(to_tsvector('danish', folded_title_da), 'A')
        || setweight(to_tsvector('english', folded_title_en), 'A')
        || setweight(to_tsvector('danish', folded_text_da), 'B')
        || setweight(to_tsvector('english', folded_text_en), 'B')
"""
# On PostgreSQL the folded texts are only the vector's raw material and the terms
# serve SQLite alone: once the vector is made they are emptied, so the rows a search
# reads are a third as wide (a frequent word on 100,000 entries reads most of them).
SQLITE_ONLY = (
    "folded_title_da",
    "folded_title_en",
    "folded_text_da",
    "folded_text_en",
    "title_terms",
    "terms",
)
# Column names from the model only: no input reaches these statements.
VECTOR_SQL = f"UPDATE search_searchentry SET vector = {VECTOR}, " + ", ".join(  # noqa: S608
    f"{column} = ''" for column in SQLITE_ONLY
)


def _terms(*stem_lists):
    seen = dict.fromkeys(s for stems_ in stem_lists for s in stems_)
    return f" {' '.join(seen)} " if seen else ""


def with_search_fields(fields):
    """Add the folded columns and the SQLite terms to an entry's fields."""
    folded = {
        f"folded_{part}_{language}": fold(fields[f"{part}_{language}"])
        for part in ("title", "text")
        for language in LANGUAGES
    }
    title_stems = [stems_of_folded(folded[f"folded_title_{lang}"], lang) for lang in LANGUAGES]
    text_stems = [stems_of_folded(folded[f"folded_text_{lang}"], lang) for lang in LANGUAGES]
    return {
        **fields,
        **folded,
        "title_terms": _terms(*title_stems),
        "terms": _terms(*title_stems, *text_stems),
    }


def fill_vectors(where="", params=()):
    """Compute PostgreSQL's vector for the entries `where` selects (all by default)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(VECTOR_SQL + (f" WHERE {where}" if where else ""), params)


def reindex(kind, pks):
    """Bring the entries of these objects of `kind` up to date; drop those of gone objects."""
    pks = set(pks)
    if not pks:
        return
    source = SOURCES[kind]
    rows = list(source.rows(source.queryset().filter(pk__in=pks)))
    with transaction.atomic():
        found = {row["object_id"] for row in rows}
        SearchEntry.objects.filter(kind=kind, object_id__in=pks - found).delete()
        if not rows:
            return
        entries = [SearchEntry(**with_search_fields(row)) for row in rows]
        SearchEntry.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=[
                f.name
                for f in SearchEntry._meta.concrete_fields
                if f.name not in {"id", "kind", "object_id", "vector"}
            ],
        )
        fill_vectors("kind = %s AND object_id = ANY(%s)", [kind, list(found)])


def remove(kind, pks):
    SearchEntry.objects.filter(kind=kind, object_id__in=list(pks)).delete()


def rebuild(extra=()):
    """Replace the whole index from the content tables. Returns the number of entries.

    `extra` is an iterable of further entry fields (bench/search_filler.py's made-up ones).
    """
    count = 0
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        if postgresql:
            _create_staging()
        batch = []
        rows = itertools.chain.from_iterable(source.rows() for source in sources())
        for row in itertools.chain(rows, extra):
            batch.append(with_search_fields(row))
            if len(batch) >= BATCH:
                count += _save(batch)
        count += _save(batch)
        if postgresql:
            _insert_from_staging()
    return count


# Every column but the primary key and the vector, in the order COPY receives them.
COLUMNS = [f for f in SearchEntry._meta.concrete_fields if f.name not in {"id", "vector"}]
STAGING = "search_staging"


def _create_staging():
    """PostgreSQL: a temporary table the batches are copied into, so that each entry is
    written to the index once, with its vector (an UPDATE after the COPY would write
    every row twice and leave the table twice its size)."""
    names = ", ".join(connection.ops.quote_name(f.column) for f in COLUMNS)
    with connection.cursor() as cursor:
        # Inside an outer transaction (a test, a restore) ON COMMIT comes later: a
        # second rebuild before it finds the first one's table.
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGING} ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {names} FROM search_searchentry WITH NO DATA"
        )


def _insert_from_staging():
    columns = [connection.ops.quote_name(f.column) for f in COLUMNS]
    values = [
        "''" if f.column in SQLITE_ONLY else connection.ops.quote_name(f.column) for f in COLUMNS
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO search_searchentry ({', '.join(columns)}, vector) "  # noqa: S608
            f"SELECT {', '.join(values)}, {VECTOR} FROM {STAGING}"
        )
        cursor.execute(f"DROP TABLE {STAGING}")


def _save(batch):
    """Write a batch of entry fields: COPY on PostgreSQL (several times faster than
    INSERT for 100,000 rows) into the staging table, bulk_create elsewhere."""
    if connection.vendor == "postgresql":
        names = ", ".join(connection.ops.quote_name(f.column) for f in COLUMNS)
        with connection.cursor() as cursor:
            copy_sql = f"COPY {STAGING} ({names}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for fields in batch:
                    copy.write_row([_copy_value(f, fields.get(f.name)) for f in COLUMNS])
    else:
        SearchEntry.objects.bulk_create(SearchEntry(**fields) for fields in batch)
    saved = len(batch)
    batch.clear()
    return saved


def _copy_value(field, value):
    if field.name == "url_kwargs":
        return json.dumps(value or {})
    return value
