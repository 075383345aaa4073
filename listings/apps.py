from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingsConfig(AppConfig):
    name = "listings"
    verbose_name = _("Side-stream exchange")
    # Published listings show on public pages: saving one drops the page cache.
    public_content = True
