"""Rebuild the whole search index from the content, in bulk.

    python manage.py rebuild_search_index

Run by `load_demo` at its end and by the bench after generating its data; run it
by hand after writing content without signals (QuerySet.update, bulk_create, raw
SQL). The index is replaced in one transaction: searches see the old index until
the new one is complete.
"""

import time

from django.core.management.base import BaseCommand

from search import index
from search.documents import SOURCES


class Command(BaseCommand):
    help = "Rebuild the site search index from every searchable object."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fill-to",
            type=int,
            default=0,
            help="Load tests only: add made-up flow entries until the index holds this many.",
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        filler = ()
        if options["fill_to"]:
            real = sum(source.queryset().count() for source in SOURCES.values())
            filler = index.filler_rows(max(0, options["fill_to"] - real))
        count = index.rebuild(extra=filler)
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Search index rebuilt: {count} entries "
                    f"in {time.perf_counter() - started:.1f} s."
                )
            )
