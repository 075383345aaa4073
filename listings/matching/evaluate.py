"""How well the matcher finds documented exchanges: recall@1, @5, @10 and MRR.

For each case of `evaluation.csv` (a real exchange: the supplier's offer and the
receiver's want, written as each would write it, in English and Danish), the offer's
suggestions are ranked among ALL the set's wants; the case counts as found at the rank
of its own want. Run: `python -m listings.matching.evaluate` (docs/matching.md).
"""

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from listings.matching import ListingFacts, suggest_all

CASES = Path(__file__).with_name("evaluation.csv")
SETTINGS = [("en", "en"), ("da", "da"), ("da", "en"), ("en", "da")]


@dataclass(frozen=True)
class Figures:
    cases: int
    recall_1: float
    recall_5: float
    recall_10: float
    mrr: float
    misses: tuple  # (case, rank or None)


def cases(path=CASES):
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _facts(row, kind, language):
    words = row[f"{kind}_{language}"].strip()
    title, _, description = words.partition(". ")
    return ListingFacts(
        key=f"{row['case']}-{kind}",
        kind=kind,
        language=language,
        title=title,
        description=description,
        ewc=row.get("ewc", "") if kind == "offer" else "",
        nace=row.get(f"{kind}_nace", "") or "",
    )


def evaluate(rows, offer_language, want_language, limit=10):
    offers = [_facts(r, "offer", offer_language) for r in rows]
    wants = [_facts(r, "want", want_language) for r in rows]
    found = suggest_all(offers, wants, limit=limit)
    ranks = []
    for row in rows:
        keys = [s.key for s in found[f"{row['case']}-offer"]]
        want = f"{row['case']}-want"
        ranks.append((row["case"], keys.index(want) + 1 if want in keys else None))
    count = len(ranks) or 1

    def recall(k):
        return sum(1 for _, r in ranks if r and r <= k) / count

    return Figures(
        cases=len(ranks),
        recall_1=recall(1),
        recall_5=recall(5),
        recall_10=recall(10),
        mrr=sum(1 / r for _, r in ranks if r) / count,
        misses=tuple((case, rank) for case, rank in ranks if rank != 1),
    )


def report(out=sys.stdout):
    rows = cases()
    splits = {
        "all": rows,
        **{s: [r for r in rows if r["split"] == s] for s in ("tune", "held_out")},
    }
    out.write("offers→wants  split     cases  R@1   R@5   R@10  MRR\n")
    for offer_language, want_language in SETTINGS:
        for name, part in splits.items():
            if not part:
                continue
            f = evaluate(part, offer_language, want_language)
            out.write(
                f"{offer_language}→{want_language}         {name:8} {f.cases:5}  {f.recall_1:.2f}  "
                f"{f.recall_5:.2f}  {f.recall_10:.2f}  {f.mrr:.2f}"
                f"   misses: {', '.join(f'{c}:{r or "–"}' for c, r in f.misses) or 'none'}\n"
            )


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "symbiosis.settings")
    django.setup()
    report()
