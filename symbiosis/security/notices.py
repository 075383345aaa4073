"""A mail to a staff member when their password or two-factor authentication changes,
whoever changed it (they themselves, an administrator, a command): if it was not them,
they learn at once. Connected in SecurityConfig.ready()."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import formats, timezone, translation

from symbiosis.mail import send_templated


def tell(user, event):
    if not user.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        when = formats.date_format(timezone.localtime(), "DATETIME_FORMAT")
    send_templated(
        "security_notice",
        {"user": user, "event": event, "when": when},
        to=[user.email],
        language=settings.LANGUAGE_CODE,
    )


def password_saved(sender, instance, update_fields=None, **kwargs):
    """pre_save of the user: a new password hash is a changed password."""
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    before = (
        get_user_model().objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    )
    if before is not None and before != instance.password:
        tell(instance, "password")


def totp_before_save(sender, instance, **kwargs):
    """Remember whether the device counted before this save (django-otp saves devices
    on every code for its own bookkeeping: only the step to confirmed is news)."""
    instance._was_confirmed = bool(
        instance.pk and sender.objects.filter(pk=instance.pk, confirmed=True).exists()
    )


def totp_saved(sender, instance, created, **kwargs):
    if instance.confirmed and not getattr(instance, "_was_confirmed", False):
        tell(instance.user, "two_factor_on")


def totp_deleted(sender, instance, **kwargs):
    if instance.confirmed:
        tell(instance.user, "two_factor_off")


def recovery_codes_made(user):
    tell(user, "recovery_codes")
