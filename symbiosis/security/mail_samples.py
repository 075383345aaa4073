"""What the admin's mail preview shows the login security's mail with: a made-up staff
member, never a real account (symbiosis.registry.mail_samples)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from symbiosis.addresses import absolute
from symbiosis.registry import mail_samples


def _staff_member():
    return get_user_model()(username="mette", first_name="Mette", last_name="Sørensen")


@mail_samples.register("security_notice")
def security_notice():
    return {"user": _staff_member(), "event": "password", "when": "7. december 2026 kl. 13.05"}


@mail_samples.register("login_slowed_down")
def login_slowed_down():
    return {
        "user": _staff_member(),
        "failures": settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
        "minutes": settings.LOGIN_ACCOUNT_WINDOW_MINUTES,
        "delay": settings.LOGIN_ACCOUNT_DELAY_SECONDS,
    }


@mail_samples.register("enrolment_link")
def enrolment_link():
    # A link of the real form that opens nothing: no account has this id and token.
    path = reverse("admin:two_factor_link", kwargs={"uidb64": "MA", "token": "preview-token"})
    return {
        "user": _staff_member(),
        "link": absolute(path),
        "sender": "Anders Holm",
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
