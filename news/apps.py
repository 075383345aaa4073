from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News, events and press")
    # Its rows show on public pages: saving or deleting one drops the page cache.
    public_content = True
