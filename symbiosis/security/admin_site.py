"""The admin site: login with a two-factor code, a lockout page, and the page where
staff turn two-factor authentication on (symbiosis.security.apps.AdminConfig makes
this the default site, so `admin.site` and `@admin.register` use it)."""

from base64 import b32encode, b64encode
from functools import update_wrapper
from io import BytesIO
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.sites import AdminSite
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from symbiosis.security.forms import AdminLoginForm, CodeForm

# Admin pages a signed-in staff member may open before the second factor.
BEFORE_SECOND_FACTOR = {"logout", "two_factor", "jsi18n"}


class SymbiosisAdminSite(AdminSite):
    login_form = AdminLoginForm
    login_template = "admin/security/login.html"

    def get_urls(self):
        return [
            path("two-factor/", self.admin_view(self.two_factor), name="two_factor"),
            *super().get_urls(),
        ]

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if self.needs_second_factor(request):
                target = reverse("admin:two_factor", current_app=self.name)
                response = redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
                add_never_cache_headers(response)
                return response
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def needs_second_factor(self, request):
        """A staff member whose session has not given a code yet, and who has a
        device, or must have one (OTP_REQUIRED_FOR_STAFF)."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        match = request.resolver_match
        if match is not None and match.url_name in BEFORE_SECOND_FACTOR:
            return False
        is_verified = getattr(user, "is_verified", None)
        if is_verified is not None and is_verified():
            return False
        return settings.OTP_REQUIRED_FOR_STAFF or user_has_device(user, confirmed=True)

    def two_factor(self, request):
        """Turn on two-factor authentication (scan, then confirm with a first code),
        give this session's code, or turn it off again."""
        user = request.user
        confirmed = list(devices_for_user(user, confirmed=True))
        verified = bool(getattr(user, "is_verified", lambda: False)())
        device = None
        if confirmed and verified:
            state = "on"
        elif confirmed:
            state = "verify"
        else:
            state = "enrol"
            device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by(
                "pk"
            ).first() or TOTPDevice.objects.create(
                user=user, name=_("Authenticator app"), confirmed=False
            )
        form = CodeForm(
            request.POST if request.method == "POST" else None,
            devices=[device] if device else confirmed,
        )
        if request.method == "POST" and form.is_valid():
            return self._two_factor_done(request, state, form.device)
        context = {
            **self.each_context(request),
            "title": _("Two-factor authentication"),
            "state": state,
            "form": form,
            "required": settings.OTP_REQUIRED_FOR_STAFF,
            "next": self._next_url(request, default=""),
        }
        if device is not None:
            context["qr_code"] = qr_data_uri(device.config_url)
            secret = b32encode(device.bin_key).decode()
            context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        return render(request, "admin/security/two_factor.html", context)

    def _two_factor_done(self, request, state, device):
        if state == "on":
            TOTPDevice.objects.filter(user=request.user).delete()
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            messages.success(request, _("Two-factor authentication is off."))
            return redirect("admin:two_factor")
        if state == "enrol":
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            messages.success(
                request,
                _(
                    "Two-factor authentication is on: from now on you log in with "
                    "a code from your app."
                ),
            )
        otp_login(request, device)
        return redirect(self._next_url(request, default=reverse("admin:index")))

    def _next_url(self, request, *, default):
        candidate = request.POST.get("next") or request.GET.get("next") or ""
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
        return default


def qr_data_uri(text):
    """The QR code of `text` as an SVG data URI (drawn here; no outside service)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + b64encode(buffer.getvalue()).decode()


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out login sees (AXES_LOCKOUT_CALLABLE): the admin's login page
    look, in the staff's language, status 429 with Retry-After."""
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    context = {
        **admin.site.each_context(request),
        "title": _("Login paused"),
        "minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response = render(request, "admin/security/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    add_never_cache_headers(response)
    return response
