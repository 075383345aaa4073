"""The admin's login form with a two-factor code, and the forms of the enrolment page."""

import re

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

CODE_RE = re.compile(r"^\d{6}$")
# A recovery code (django-otp's static tokens: eight letters a-z and digits 2-7).
RECOVERY_RE = re.compile(r"^[a-z2-7]{8}$")


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
    """'123 456' and '123-456' as people copy them from their app become '123456';
    a recovery code is read in lower case ('ABCD-EFGH' is 'abcdefgh')."""
    return re.sub(r"[\s-]", "", value or "").lower()


def verify_code(devices, code):
    """The device that accepts `code`, or None; raises ValidationError when every
    device is throttled after wrong codes (django-otp waits longer after each).
    Six digits go to the app's device, a recovery code to the recovery codes: a
    recovery code never counts as a wrong code of the app."""
    from django_otp.plugins.otp_static.models import StaticDevice

    recovery = bool(RECOVERY_RE.match(code))
    throttled = False
    for device in devices:
        if isinstance(device, StaticDevice) != recovery:
            continue
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
        required=True,
        label=_("Code"),
        help_text=_("The six digits your app shows now, or one of your recovery codes."),
    )

    def __init__(self, *args, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not (CODE_RE.match(code) or RECOVERY_RE.match(code)):
            raise forms.ValidationError(_("Enter the six digits your app shows."), code="format")
        self.device = verify_code(self.devices, code)
        if self.device is None:
            raise forms.ValidationError(
                _("That code is not right. Check the time on your phone and try the newest code."),
                code="invalid",
            )
        return code


class AdminLoginForm(AdminAuthenticationForm):
    """Username and password: the first step. Every failure gets Django's one answer
    ("enter the correct username and password"), whether the account has two-factor
    authentication or not; the code is asked for on a second page, only after the right
    password (symbiosis/security/login.py)."""


class PasswordAndCodeForm(CodeForm):
    """The password again and a code: to turn two-factor authentication off, to make
    new recovery codes, or to enrol through a mailed link. A wrong password is a failed
    login for the lockout."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["password", "code"]

    def __init__(self, *args, user, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        # authenticate(): the lockout counts a wrong password here as it does at login.
        if authenticate(self.request, username=self.user.get_username(), password=password) is None:
            raise forms.ValidationError(_("That password is not right."), code="password")
        return password

    def clean_code(self):
        # The code is tried only after the right password: a code spent on a form that
        # fails anyway could not be used again (django-otp accepts each code once).
        if "password" in self.errors:
            return self.data.get("code", "")
        return super().clean_code()
