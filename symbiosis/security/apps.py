from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AdminConfig(admin_apps.AdminConfig):
    """The stock admin with our site: login with a two-factor code, the enrolment page."""

    default = False

    default_site = "symbiosis.security.admin_site.SymbiosisAdminSite"


class SecurityConfig(AppConfig):
    default = True  # INSTALLED_APPS' "symbiosis.security"; AdminConfig is named in full
    name = "symbiosis.security"
    label = "security"
    verbose_name = _("Login security")

    def ready(self):
        checks.register(check_trusted_proxies, checks.Tags.security)


def check_trusted_proxies(app_configs=None, **kwargs):
    from django.conf import settings

    from symbiosis.security.client_ip import trusted_networks

    try:
        trusted_networks(tuple(settings.TRUSTED_PROXIES))
    except ValueError as error:
        return [checks.Error(f"TRUSTED_PROXIES: {error}", id="security.E001")]
    return []
