"""The admin's login form with a two-factor code, and the forms of the enrolment page."""

import re

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

CODE_RE = re.compile(r"^\d{6}$")


def _code_field(*, required, label, help_text):
    return forms.CharField(
        label=label,
        required=required,
        max_length=20,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


def normalise_code(value):
    """'123 456' and '123-456' as people copy them from their app become '123456'."""
    return re.sub(r"[\s-]", "", value or "")


def verify_code(devices, code):
    """The device that accepts `code`, or None; raises ValidationError when every
    device is throttled after wrong codes (django-otp waits longer after each)."""
    throttled = False
    for device in devices:
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        if device.verify_token(code):
            return device
    if throttled:
        raise forms.ValidationError(
            _("Too many wrong codes in a row. Wait a minute, then try the newest code."),
            code="throttled",
        )
    return None


class CodeForm(forms.Form):
    """One code from the authenticator app: to confirm a new device, to verify this
    session, or to turn two-factor authentication off."""

    code = _code_field(
        required=True, label=_("Code"), help_text=_("The six digits your app shows now.")
    )

    def __init__(self, *args, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not CODE_RE.match(code):
            raise forms.ValidationError(_("Enter the six digits your app shows."), code="format")
        self.device = verify_code(self.devices, code)
        if self.device is None:
            raise forms.ValidationError(
                _("That code is not right. Check the time on your phone and try the newest code."),
                code="invalid",
            )
        return code


class AdminLoginForm(AdminAuthenticationForm):
    """Username, password and, for staff who turned on two-factor authentication,
    the code from their app. A wrong code counts as a failed login (django-axes)."""

    otp_token = _code_field(
        required=False,
        label=_("Two-factor code"),
        help_text=_(
            "Six digits from your authenticator app. Leave empty if you have not "
            "turned on two-factor authentication."
        ),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_required": _(
            "Two-factor authentication is on for this account: enter the code from your app."
        ),
        "code_invalid": _(
            "The two-factor code is not right. "
            "Check the time on your phone and try the newest code."
        ),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.user_cache
        if user is None:
            return cleaned_data
        devices = list(devices_for_user(user, confirmed=True))
        if not devices:
            return cleaned_data
        code = normalise_code(cleaned_data.get("otp_token"))
        if not code:
            raise forms.ValidationError(self.error_messages["code_required"], code="code_required")
        try:
            device = verify_code(devices, code) if CODE_RE.match(code) else None
            if device is None:
                raise forms.ValidationError(
                    self.error_messages["code_invalid"], code="code_invalid"
                )
        except forms.ValidationError:
            # The password was right: the lockout counts this as a failed login all the same.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            raise
        # django-otp's user_logged_in handler marks the session as verified by it.
        user.otp_device = device
        return cleaned_data
