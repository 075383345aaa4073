"""What each app contributes to the site as a whole, said where the app lives.

The site's composition (`symbiosis.site`) shows things that belong to many apps: the
sitemap's sections, the admin dashboard's panels, the moments scheduled content goes
live. Rather than one module that imports every app by name, each app registers its
own, in a module of its own named after the registry (`<app>/sitemaps.py`,
`<app>/dashboard.py`, `<app>/schedule.py`, `<app>/mail_samples.py`,
`<app>/opendata.py`), and
`autodiscover()` imports those modules of every installed app once they are all
loaded, as the admin collects `admin.py`.

    # partners/sitemaps.py
    from symbiosis.registry import sitemap_sections

    @sitemap_sections.register("partners")
    class PartnersSitemap(SectionSitemap): ...

Keys are unique: a second registration under a taken key is an error at start-up,
not a section silently replaced. Items keep the order of registration, which is the
order of INSTALLED_APPS.
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules


class Registry:
    """Named items registered by apps, in registration order."""

    def __init__(self, module, what):
        self.module = module  # the module name each app registers from
        self.what = what
        self._items = {}

    def register(self, key, item=None):
        """Register `item` under `key`; without `item`, a decorator that does."""
        if item is None:
            return lambda decorated: self.register(key, decorated)
        if key in self._items and self._items[key] is not item:
            raise ImproperlyConfigured(f"Two {self.what}s are registered as {key!r}.")
        self._items[key] = item
        return item

    def unregister(self, key):
        del self._items[key]

    def __getitem__(self, key):
        return self._items[key]

    def get(self, key, default=None):
        return self._items.get(key, default)

    def __contains__(self, key):
        return key in self._items

    def __iter__(self):
        return iter(self._items)

    def items(self):
        return self._items.items()

    def values(self):
        return self._items.values()


# Sitemap sections: a `symbiosis.seo.SectionSitemap` class per key; the key is in the
# section's address (/sitemap-partners.xml).
sitemap_sections = Registry("sitemaps", "sitemap section")

# The admin dashboard (symbiosis/site/dashboard.py): functions of the user returning
# rows, each only what that user may see. "Waiting to be published": drafts and
# scheduled items ({"object", "model", "url", "kind", "scheduled"}); "Upcoming
# events": {"object" (with .start), "url"}.
dashboard_waiting = Registry("dashboard", "dashboard list of waiting items")
dashboard_upcoming = Registry("dashboard", "dashboard list of upcoming events")
# "Waiting for an answer": counts of what people sent that still waits
# ({"label", "count", "url"}), e.g. the inbox's new messages and applications.
dashboard_inbox = Registry("dashboard", "dashboard count of waiting enquiries")

# Content published at a set moment without anyone saving it then (a scheduled
# article): functions returning the next such moment (an aware datetime) or None. The
# page cache is dropped when that moment comes.
scheduled_publications = Registry("schedule", "scheduled publication")

# Work that runs every night by itself (symbiosis/daily.py): retention above all,
# personal data erased when its time is up. Plain functions taking no arguments,
# run by the worker; each app registers them in its `retention.py`.
daily_tasks = Registry("retention", "daily task")

# Mail templates shown in the admin's preview (symbiosis/mail.py): for the template
# name (templates/mail/<name>.txt), a function of no arguments returning the context to
# render it with: unsaved model instances and made-up values, never real people.
mail_samples = Registry("mail_samples", "mail sample")

# Open data (exchanges/opendata.py): an `exchanges.opendata.Dataset` per key, the key
# being its slug in the download's address (/open-data/<slug>.csv). The flows app
# registers its own four (partners, flows, figures, sites) in the module that defines
# Dataset; a later app that publishes data adds its own (listings/opendata.py). The
# open-data page documents them in this order.
open_datasets = Registry("opendata", "open dataset")

REGISTRIES = [
    sitemap_sections,
    dashboard_waiting,
    dashboard_upcoming,
    dashboard_inbox,
    scheduled_publications,
    daily_tasks,
    mail_samples,
    open_datasets,
]


def autodiscover():
    """Import every installed app's registering modules (called once, at start-up)."""
    autodiscover_modules(*sorted({registry.module for registry in REGISTRIES}))
