from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = _("Resources and flows")
    # Its rows show on public pages: saving or deleting one drops the page cache.
    public_content = True
