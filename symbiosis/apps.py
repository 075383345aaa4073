from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SymbiosisConfig(AppConfig):
    name = "symbiosis"
    verbose_name = _("Site")
