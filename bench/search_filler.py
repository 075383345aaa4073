"""Made-up search entries for a large index: the bench tops the index up to 100,000
entries with them, and search/tests/test_large.py measures one of that size.
Never used by the site itself."""

import random

from search import index
from search.documents import SOURCES

# Made-up flows far above any real id.
FILLER_ID = 10**12
FILLER_PARTS = (
    ("Damp", "Steam"),
    ("Fjernvarme", "District heating"),
    ("Kølevand", "Cooling water"),
    ("Gips", "Gypsum"),
    ("Flyveaske", "Fly ash"),
    ("Biomasse", "Biomass"),
    ("Procesvand", "Process water"),
    ("Halm", "Straw"),
)
FILLER_WORDS = (
    "Virksomheden leverer restprodukter til naboen og sparer energi vand og materialer",
    "The company passes its residues on to the neighbour saving energy water and materials",
)


def filler_rows(count, seed=1961):
    """`count` made-up flow entries with realistic words, for a large index to measure."""
    rng = random.Random(seed)  # noqa: S311 (made-up data, not secrets)
    da_words, en_words = (w.split() for w in FILLER_WORDS)
    for number in range(count):
        resource_da, resource_en = rng.choice(FILLER_PARTS)
        a, b = f"Fyldfirma {rng.randrange(5000)}", f"Fyldfirma {rng.randrange(5000)}"
        extra = f"ord{rng.randrange(20000)}"  # a rare word, so not every entry is alike
        yield {
            "kind": "flow",
            "object_id": FILLER_ID + number,
            "url_name": "exchanges:flows",
            "url_kwargs": {},
            "url_suffix": "",
            "title_da": f"{resource_da}: {a} → {b}",
            "title_en": f"{resource_en}: {a} → {b}",
            "text_da": " ".join(rng.sample(da_words, 8)) + f" {resource_da.lower()} {extra}",
            "text_en": " ".join(rng.sample(en_words, 8)) + f" {resource_en.lower()} {extra}",
            "is_public": True,
            "publish_at": None,
        }


def rebuild_filled_to(total):
    """Rebuild the index from the content, topped up with made-up entries to `total`."""
    real = sum(source.queryset().count() for source in SOURCES.values())
    return index.rebuild(extra=filler_rows(max(0, total - real)))
