from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self):
        from search import signals

        # What each app puts in the index, from its search_documents.py (as admin.py).
        autodiscover_modules("search_documents")
        # The index follows every save and delete of the content it holds.
        signals.connect()
