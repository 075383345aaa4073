"""Build the demo site: real organisations and published facts, fictional people.

Every row is written through the models; running the command again changes nothing.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from enquiries import demo as enquiries_demo
from exchanges.demo import load_exchanges
from listings import demo as listings_demo
from network import demo as network_demo
from news import demo_articles, demo_events, demo_press
from pages import demo as pages_demo
from partners.demo import load_partners
from projects import demo as projects_demo
from timeline import demo as timeline_demo
from workspace import demo as workspace_demo


class Command(BaseCommand):
    help = "Load (or refresh) the demo content. Safe to run any number of times."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = load_partners()
            created += load_exchanges()
            created += demo_events.load()
            created += demo_articles.load()
            created += demo_press.load()
            created += pages_demo.load()
            created += timeline_demo.load()
            created += projects_demo.load()
            created += network_demo.load()
            created += enquiries_demo.load()
            created += listings_demo.load()
            created += workspace_demo.load()
            # The whole search index in bulk, whatever the signals already did (by name:
            # the content apps do not import search).
            call_command("rebuild_search_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content ready ({created} rows created or changed).")
        )
        if workspace_demo.password():
            self.stdout.write(
                self.style.SUCCESS(
                    "Partner workspace login: http://127.0.0.1:8000/da/konto/log-ind/  "
                    f"user: {workspace_demo.USERNAME}  password: {workspace_demo.password()}"
                )
            )
