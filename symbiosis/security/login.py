"""The admin login in two steps, and enrolment through a mailed link.

Step one asks for the username and password and gives one answer to every failure.
After the right password, an account with two-factor authentication (or any staff
account once it is required) is not logged in yet: the session remembers who gave
the password, for PENDING_SECONDS, and step two asks for the code. A wrong code is a
failed login for the lockout, as a wrong password is.

A staff member without a device, once two-factor authentication is required, cannot
enrol with the password alone: an administrator mails them a link (the action "Mail a
two-factor enrolment link" on users); the link, the password and the first code
together turn it on. The link works once (it is bound to the account's password and
devices) and for PASSWORD_RESET_TIMEOUT.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PENDING_KEY = "_login_pending"
ENROL_KEY = "_enrol_user"
# May enrol a new device without a link: this session gave the password and a code
# (it turned the old device off to move to a new phone).
MAY_ENROL_KEY = "_may_enrol"
PENDING_SECONDS = 5 * 60


def needs_code(user):
    """After the right password: must this account give a code before it is in?"""
    return user_has_device(user, confirmed=True) or (
        settings.OTP_REQUIRED_FOR_STAFF and user.is_staff
    )


def second_factor_done(user):
    """Has this signed-in user given a code in this session, or need they none?"""
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return True
    return not needs_code(user)


def remember_password_step(request, user, next_url):
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "at": int(time.time()),
        "next": next_url,
    }


def password_step(request):
    """(user, backend, next URL) of the password given in this session, or None when
    there is none or it is older than PENDING_SECONDS."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
    if user is None:
        return None
    return user, pending["backend"], pending.get("next") or ""


def forget_password_step(request):
    request.session.pop(PENDING_KEY, None)


class EnrolmentTokens(PasswordResetTokenGenerator):
    """Tokens of enrolment links: like password-reset tokens, with a salt of their own,
    void once the account's password or confirmed devices change."""

    key_salt = "symbiosis.security.login.EnrolmentTokens"

    def _make_hash_value(self, user, timestamp):
        devices = ",".join(
            str(pk)
            for pk in TOTPDevice.objects.filter(user=user, confirmed=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        return f"{user.pk}{user.password}{devices}{user.is_active}{timestamp}"


enrolment_tokens = EnrolmentTokens()


def enrolment_path(user):
    from django.urls import reverse

    return reverse(
        "admin:two_factor_link",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": enrolment_tokens.make_token(user),
        },
    )


def user_of_link(uidb64, token):
    """The active user a valid enrolment link is for, or None."""
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
    except (ValueError, TypeError, OverflowError):
        return None
    return user_of_token(pk, token)


def user_of_token(pk, token):
    try:
        user = get_user_model().objects.get(pk=pk, is_active=True)
    except (ValueError, TypeError, get_user_model().DoesNotExist):
        return None
    return user if enrolment_tokens.check_token(user, token) else None


def new_recovery_codes(user):
    """RECOVERY_CODE_COUNT fresh recovery codes for `user` (the old ones stop working);
    returned once, to be shown once: only django-otp's rows keep them after."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:4]}-{code[4:]}" for code in codes]
