"""The matcher's speed: all suggestions for 1,000 offers against 1,000 wants, and one
listing's suggestions among 1,000 (aims: under 10 s and under 100 ms on this machine;
docs/performance.md). Listings are generated from the knowledge base with a fixed seed.

    python -m bench.matching [--offers 1000] [--wants 1000]
"""

import argparse
import random
import statistics
import time
from decimal import Decimal

from listings.matching import ListingFacts, suggest, suggest_all
from listings.matching import knowledge as knowledge_base

FILLER = [
    "about",
    "tonnes",
    "every",
    "year",
    "from",
    "our",
    "plant",
    "delivered",
    "by",
    "lorry",
    "stored",
    "in",
    "silo",
    "dry",
    "clean",
    "available",
    "now",
    "contact",
    "the",
    "secretariat",
    "for",
    "samples",
    "quality",
    "tested",
    "monthly",
]
UNITS = {"energy": "MWh", "water": "m3", "material": "t"}


def listings(kind, count, rng, knowledge):
    concepts = sorted(
        knowledge.resources.values() if kind == "offer" else knowledge.uses.values(),
        key=lambda c: c.key,
    )
    made = []
    for i in range(count):
        concept = rng.choice(concepts)
        language = rng.choice(("da", "en"))
        terms = concept.terms.get(language) or concept.terms.get("en") or (concept.key,)
        title = f"{rng.choice(terms).capitalize()} {' '.join(rng.sample(FILLER, 3))}"
        category = concept.category or rng.choice(tuple(UNITS))
        made.append(
            ListingFacts(
                key=f"{kind}-{i:04d}",
                kind=kind,
                language=language,
                title=title,
                description=" ".join(rng.sample(FILLER, 12)),
                category=category,
                quantity=Decimal(rng.randrange(10, 50_000)),
                unit=UNITS[category],
                per=rng.choice(("year", "month", "once")),
                latitude=rng.uniform(54.8, 57.6),
                longitude=rng.uniform(8.2, 12.6),
            )
        )
    return made


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=1000)
    parser.add_argument("--wants", type=int, default=1000)
    args = parser.parse_args()
    knowledge = knowledge_base.load()
    rng = random.Random(2026)  # noqa: S311 (made-up listings, not secrets)
    offers = listings("offer", args.offers, rng, knowledge)
    wants = listings("want", args.wants, rng, knowledge)

    started = time.perf_counter()
    found = suggest_all(offers, wants)
    everything = time.perf_counter() - started
    suggested = sum(len(s) for s in found.values())

    one = []
    for offer in offers[:30]:
        started = time.perf_counter()
        suggest(offer, wants)
        one.append(time.perf_counter() - started)
    print(
        f"matching: {args.offers} offers × {args.wants} wants: {everything:.2f} s "
        f"({suggested} suggestions, {sum(1 for s in found.values() if s)} offers with some)"
    )
    print(
        f"matching: one offer among {args.wants} wants: "
        f"median {statistics.median(one) * 1000:.0f} ms, max {max(one) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
