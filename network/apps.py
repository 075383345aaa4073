from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("National network")
    # Its rows show on public pages: saving or deleting one drops the page cache.
    public_content = True
