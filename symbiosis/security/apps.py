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
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_login_failed
        from django.db.models.signals import post_delete, post_save, pre_save
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from symbiosis.security import notices, throttle

        checks.register(check_trusted_proxies, checks.Tags.security)
        checks.register(check_two_factor_required, checks.Tags.security, deploy=True)
        # After axes' own receiver (axes comes first in INSTALLED_APPS): the count is in.
        user_login_failed.connect(throttle.tell_owner_when_it_trips, dispatch_uid="throttle")
        pre_save.connect(notices.password_saved, sender=get_user_model(), dispatch_uid="pw")
        pre_save.connect(notices.totp_before_save, sender=TOTPDevice, dispatch_uid="totp-pre")
        post_save.connect(notices.totp_saved, sender=TOTPDevice, dispatch_uid="totp")
        post_delete.connect(notices.totp_deleted, sender=TOTPDevice, dispatch_uid="totp-del")


def check_trusted_proxies(app_configs=None, **kwargs):
    from django.conf import settings

    from symbiosis.security.client_ip import trusted_networks

    try:
        trusted_networks(tuple(settings.TRUSTED_PROXIES))
    except ValueError as error:
        return [checks.Error(f"TRUSTED_PROXIES: {error}", id="security.E001")]
    return []


def check_two_factor_required(app_configs=None, **kwargs):
    from django.conf import settings

    if settings.OTP_REQUIRED_FOR_STAFF:
        return []
    return [
        checks.Warning(
            "Two-factor authentication is not required for staff (OTP_REQUIRED_FOR_STAFF=off).",
            hint="Leave OTP_REQUIRED_FOR_STAFF unset in production: staff then log in with a "
            "code, and enrol through a link an administrator mails them.",
            id="security.W001",
        )
    ]
