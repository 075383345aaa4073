"""What the content apps put in the index: one registered `Source` per kind of entry.

The engine knows no content app. Each app says what it contributes in its own
`<app>/search_documents.py`, found at start-up the way the admin finds `admin.py`
(`SearchConfig.ready`), with two calls:

- `@register(kind, label, order=…, model=…)` on the function that makes an object's
  entry: a kind of entry (a `Source`), the heading and the place of its group on the
  results page, and how its entries are made. `Source.rows(queryset)` reads the
  objects (with what they need in a fixed number of queries) and yields the fields
  of their entries, so the rebuild of the whole index and the re-index of one saved
  object run the same code. Visibility mirrors each model's `published()`: an entry
  of an object that is not shown on the website is kept with `is_public=False`.
- `depends_on(kind, model, related)`: entries of `kind` also hold text or visibility
  of `model` (a flow names its partners), so saving or deleting one of its objects
  re-indexes `related(obj)` (a queryset, or a list of ids) too (`search.signals`).

`fields()`, `join()` and `in_language()` help write an entry function.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import translation

# Enough text for every snippet and every word a visitor would look for; a very long
# page is not worth a bigger index.
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Source:
    kind: str  # the key stored in SearchEntry.kind and used in ?kind=…
    label: Any  # the heading of its group on the results page: a lazy plural, _("Flows")
    order: int  # the place of that group on the results page, smallest first
    model: Any
    queryset: Callable  # (): the base queryset, with what `entry` reads
    entry: Callable  # (obj, context) -> fields(…)
    context: Callable | None = None  # (): data shared by every object of one run

    def rows(self, queryset=None):
        queryset = self.queryset() if queryset is None else queryset
        context = self.context() if self.context else None
        for obj in queryset.iterator(chunk_size=2000):
            yield {"kind": self.kind, **self.entry(obj, context)}


@dataclass(frozen=True)
class Dependency:
    kind: str
    model: Any
    related: Callable  # (obj) -> the objects of `kind` to re-index: a queryset or ids

    def ids(self, obj):
        related = self.related(obj)
        if isinstance(related, QuerySet):
            return list(related.values_list("pk", flat=True))
        return list(related)


# Filled by the apps' search_documents modules; the kind is the key.
SOURCES: dict[str, Source] = {}
DEPENDENCIES: list[Dependency] = []


def register(kind, label, *, order, model, queryset=None, context=None):
    """Decorate an entry function: the entries of `kind` are made of `model`'s objects.

    `queryset` (default: all of them) gives the objects with what the entry reads;
    `context`, data that every entry of one run shares, passed to the function.
    """

    def decorator(entry):
        if kind in SOURCES:
            raise ValueError(f"Search documents of kind {kind!r} are already registered.")
        base = queryset or model._default_manager.all
        SOURCES[kind] = Source(kind, label, order, model, base, entry, context)
        return entry

    return decorator


def depends_on(kind, model, related):
    """Entries of `kind` hold something of `model`'s objects: re-index `related(obj)` too."""
    DEPENDENCIES.append(Dependency(kind, model, related))


def sources():
    """The registered sources in the order of their groups on the results page."""
    return sorted(SOURCES.values(), key=lambda source: (source.order, source.kind))


def label(kind):
    """The group heading of a kind (the kind itself for one no app registers)."""
    source = SOURCES.get(kind)
    return source.label if source else kind


def join(*parts):
    return "\n".join(p.strip() for p in parts if p and p.strip())[:MAX_TEXT]


def in_language(language, text):
    with translation.override(language):
        return str(text)


def fields(
    obj, *, title_da, title_en, text_da="", text_en="", url, is_public=True, publish_at=None
):
    """An entry's fields; `url` is (url name, kwargs[, suffix such as "#people"])."""
    url_name, url_kwargs, *suffix = url
    return {
        "object_id": obj.pk,
        "title_da": title_da.strip()[:400],
        "title_en": (title_en or "").strip()[:400],
        "text_da": text_da,
        "text_en": text_en,
        "url_name": url_name,
        "url_kwargs": url_kwargs,
        "url_suffix": suffix[0] if suffix else "",
        "is_public": is_public,
        "publish_at": publish_at,
    }
