"""Rebuild the whole search index from the content, in bulk.

    python manage.py rebuild_search_index

Run by `load_demo` at its end (the bench rebuilds it with made-up entries on top:
bench/search_filler.py); run it by hand after writing content without signals
(QuerySet.update, bulk_create, raw SQL). The index is replaced in one transaction:
searches see the old index until the new one is complete.
"""

import time

from django.core.management.base import BaseCommand

from search import index


class Command(BaseCommand):
    help = "Rebuild the site search index from every searchable object."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = index.rebuild()
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Search index rebuilt: {count} entries "
                    f"in {time.perf_counter() - started:.1f} s."
                )
            )
