"""Build the demo site: real organisations and published facts, fictional people.

Every row is written through the models; running the command again changes nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from exchanges.demo import load_exchanges
from news import demo_articles, demo_events, demo_press
from partners.demo import load_partners


class Command(BaseCommand):
    help = "Load (or refresh) the demo content. Safe to run any number of times."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = load_partners()
            created += load_exchanges()
            created += demo_events.load()
            created += demo_articles.load()
            created += demo_press.load()
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready ({created} rows created or changed).")
        )
