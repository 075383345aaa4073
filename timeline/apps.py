from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Timeline")
    # Its rows show on public pages: saving or deleting one drops the page cache.
    public_content = True
