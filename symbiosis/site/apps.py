from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site's composition: root URLs, the front page, the sitemap index, the admin
    dashboard and the demo. It stands on every app and no app imports it."""

    name = "symbiosis.site"
    label = "site"
    verbose_name = _("Site")

    def ready(self):
        from symbiosis.registry import autodiscover

        # Each app's sitemap sections, dashboard panels and scheduled publications.
        autodiscover()
