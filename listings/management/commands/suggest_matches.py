"""`manage.py suggest_matches [--format json|csv] [--limit K] [--language en|da]`: for
every published offer with a key, the published wants with a key worth suggesting to it,
for a script or a spreadsheet to read.

Listings compared: offers and wants in status published or matched, whatever their
visibility (this is the secretariat's view), that have a key (imported listings: the key
is how the reader names them), written in either language. The matcher
(listings/matching/) decides what is worth suggesting; an offer it finds nothing for is
still listed, with no matches.

JSON, the default: one array on standard output, offers by key,

    [{"offer": "<key>", "matches": [{"want": "<key>", "score": 0.87, "reasons": ["…"]}]}]

matches by descending score (ties by the want's key), at most K each (default 10),
scores between 0 and 1 rounded to two decimals, reasons in `--language` (default en).
CSV: the header `offer,want,rank,score,reasons`, one row a suggestion (rank 1 is the
best; an offer without a suggestion has no row), its reasons joined by " · ".

Standard output carries the data and nothing else: while the command runs, anything
else written there (log lines, which the project's logging sends to standard output, a
stray print) goes to standard error instead.
"""

import contextlib
import csv
import io
import json
import logging
import sys
from argparse import ArgumentTypeError
from dataclasses import dataclass

from django.core.management.base import BaseCommand

from listings.suggestions import all_suggestions

logger = logging.getLogger(__name__)

REASON_SEPARATOR = " · "
CSV_COLUMNS = ("offer", "want", "rank", "score", "reasons")


# --- The command ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One suggestion as the output says it."""

    offer: str
    want: str
    rank: int
    score: float
    reasons: tuple[str, ...]


def rows(found, *, limit, language):
    """{offer key: [Row, …]} in the output's order, from `all_suggestions`."""
    result = {}
    for offer, suggested in sorted(found, key=lambda pair: pair[0].key):
        ranked = sorted(suggested, key=lambda s: (-s.score, s.listing.key))[:limit]
        result[offer.key] = [
            Row(
                offer=offer.key,
                want=s.listing.key,
                rank=rank,
                score=round(min(max(float(s.score), 0.0), 1.0), 2),
                reasons=tuple(reason.text(language) for reason in s.reasons),
            )
            for rank, s in enumerate(ranked, start=1)
        ]
    return result


def as_json(by_offer):
    return json.dumps(
        [
            {
                "offer": offer,
                "matches": [
                    {"want": r.want, "score": r.score, "reasons": list(r.reasons)} for r in found
                ],
            }
            for offer, found in by_offer.items()
        ],
        ensure_ascii=False,
        indent=2,
    )


def as_csv(by_offer):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for found in by_offer.values():
        for r in found:
            writer.writerow([r.offer, r.want, r.rank, r.score, REASON_SEPARATOR.join(r.reasons)])
    return buffer.getvalue()


def positive(text):
    try:
        number = int(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise ArgumentTypeError("give at least 1")
    return number


class Command(BaseCommand):
    help = (
        "For every published offer with a key, the published wants with a key the matcher "
        "suggests, best first, as JSON (default) or CSV on standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format", dest="output_format", choices=("json", "csv"), default="json"
        )
        parser.add_argument(
            "--limit", type=positive, default=10, help="At most this many wants an offer."
        )
        parser.add_argument(
            "--language",
            choices=("da", "en"),
            default="en",
            help="The language of the reasons (default en).",
        )

    def execute(self, *args, **options):
        # self.stdout was bound to the real standard output when the command was made;
        # everything else that writes to sys.stdout meanwhile goes to standard error.
        with contextlib.redirect_stdout(sys.stderr):
            return super().execute(*args, **options)

    def handle(self, *, output_format, limit, language, **options):
        found = all_suggestions(limit=limit, keyed_only=True)
        by_offer = rows(found, limit=limit, language=language)
        logger.info(
            "suggest_matches: %d offers, %d suggestions",
            len(by_offer),
            sum(len(r) for r in by_offer.values()),
        )
        output = as_json(by_offer) if output_format == "json" else as_csv(by_offer)
        self.stdout.write(output, ending="" if output.endswith("\n") else "\n")
