from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages and governance")
    # Its rows show on public pages: saving or deleting one drops the page cache.
    public_content = True
