"""The admin site: login in two steps (password, then the two-factor code), a lockout
page, and the pages where staff turn two-factor authentication on and off
(symbiosis.security.apps.AdminConfig makes this the default site, so `admin.site` and
`@admin.register` use it). The login's rules: symbiosis/security/login.py."""

from base64 import b32encode, b64encode
from functools import update_wrapper
from io import BytesIO
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.sites import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from symbiosis.security import login, notices, throttle
from symbiosis.security.forms import AdminLoginForm, CodeForm, PasswordAndCodeForm

# Admin pages a signed-in staff member may open before the second factor.
BEFORE_SECOND_FACTOR = {"logout", "two_factor", "jsi18n"}
_protected = [sensitive_post_parameters(), csrf_protect, never_cache]


class PasswordStepView(LoginView):
    """Django's login view, except that the right password of an account that needs a
    code leads to the code step instead of logging in."""

    @method_decorator(_protected)
    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            wait = throttle.wait_seconds(request.POST.get("username", "")[:150])
            if wait:
                return slowed_down_response(request, wait)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        if login.needs_code(user):
            login.remember_password_step(self.request, user, self.get_success_url())
            return redirect("admin:login_code")
        return super().form_valid(form)


class SymbiosisAdminSite(AdminSite):
    login_form = AdminLoginForm
    login_template = "admin/security/login.html"

    def get_urls(self):
        return [
            path("login/code/", self.login_code, name="login_code"),
            path("two-factor/", self.admin_view(self.two_factor), name="two_factor"),
            path("two-factor/link/", self.enrol_by_link, name="two_factor_enrol"),
            path(
                "two-factor/link/<uidb64>/<token>/",
                self.open_enrolment_link,
                name="two_factor_link",
            ),
            *super().get_urls(),
        ]

    def login(self, request, extra_context=None):
        """Django's AdminSite.login with the two-step view."""
        redirect_url = LoginView().get_redirect_url(request) or reverse(
            "admin:index", current_app=self.name
        )
        if request.method == "GET" and self.has_permission(request):
            return redirect(redirect_url)
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
            REDIRECT_FIELD_NAME: redirect_url,
            **(extra_context or {}),
        }
        request.current_app = self.name
        return PasswordStepView.as_view(
            extra_context=context,
            authentication_form=self.login_form,
            template_name=self.login_template,
        )(request)

    @method_decorator(_protected)
    def login_code(self, request):
        """Step two: the code, for the account whose password this session gave."""
        step = login.password_step(request)
        if step is None:
            return redirect("admin:login")
        user, backend, next_url = step
        credentials = {"username": user.get_username()}
        if request.method == "POST":
            wait = throttle.wait_seconds(user.get_username())
            if wait:
                return slowed_down_response(request, wait)
            if AxesProxyHandler.is_locked(request, credentials):
                login.forget_password_step(request)
                return lockout_response(request)
        devices = list(devices_for_user(user, confirmed=True))
        form = CodeForm(request.POST if request.method == "POST" else None, devices=devices)
        if request.method == "POST":
            if form.is_valid():
                login.forget_password_step(request)
                auth_login(request, user, backend=backend)
                otp_login(request, form.device)
                return redirect(self._safe(request, next_url) or reverse("admin:index"))
            # A wrong code is a failed login; axes answers with the lockout page when
            # this one reaches the limit (AxesMiddleware).
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                login.forget_password_step(request)
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "form": form,
            "has_device": bool(devices),
        }
        return render(request, "admin/security/login_code.html", context)

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
        """Turn two-factor authentication on (scan, then confirm with a first code),
        give this session's code, make new recovery codes, or turn it off (password and
        code). Once it is required, enrolling here takes a session that gave a code
        before (moving to a new phone); others need an administrator's link."""
        user = request.user
        confirmed = list(TOTPDevice.objects.filter(user=user, confirmed=True))
        verified = bool(getattr(user, "is_verified", lambda: False)())
        if confirmed and verified:
            return self._two_factor_on(request, confirmed)
        if confirmed:
            state = "verify"
        elif settings.OTP_REQUIRED_FOR_STAFF and not request.session.get(login.MAY_ENROL_KEY):
            state = "needs_link"
        else:
            state = "enrol"
        device = unconfirmed_device(user) if state == "enrol" else None
        devices = [device] if device else list(devices_for_user(user, confirmed=True))
        form = CodeForm(request.POST if request.method == "POST" else None, devices=devices)
        if state != "needs_link" and request.method == "POST" and form.is_valid():
            if state == "enrol":
                request.session.pop(login.MAY_ENROL_KEY, None)
                codes = confirm_device(request, form.device)
                return self._recovery_codes_page(request, codes, enrolled=True)
            otp_login(request, form.device)
            return redirect(self._next_url(request, default=reverse("admin:index")))
        return self._two_factor_page(request, state=state, form=form, device=device)

    def _two_factor_on(self, request, confirmed):
        action = request.POST.get("action") if request.method == "POST" else None
        form = PasswordAndCodeForm(
            request.POST if action else None,
            devices=list(devices_for_user(request.user, confirmed=True)),
            user=request.user,
            request=request,
        )
        if action and form.is_valid():
            if action == "recovery":
                codes = login.new_recovery_codes(request.user)
                notices.recovery_codes_made(request.user)
                return self._recovery_codes_page(request, codes, enrolled=False)
            TOTPDevice.objects.filter(user=request.user).delete()
            StaticDevice.objects.filter(user=request.user).delete()
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            if settings.OTP_REQUIRED_FOR_STAFF:
                # Password and code given just now: this session may scan a new phone.
                request.session[login.MAY_ENROL_KEY] = True
            messages.success(request, _("Two-factor authentication is off."))
            return redirect("admin:two_factor")
        if action and "code" in form.errors and "password" not in form.errors:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": request.user.get_username()},
                request=request,
            )
        return self._two_factor_page(request, state="on", form=form, action=action)

    def _two_factor_page(self, request, *, state, form, device=None, action=None):
        context = {
            **self.each_context(request),
            "title": _("Two-factor authentication"),
            "state": state,
            "form": form,
            "action": action,
            "required": settings.OTP_REQUIRED_FOR_STAFF,
            "next": self._next_url(request, default=""),
            "recovery_left": recovery_codes_left(request.user),
        }
        if device is not None:
            context.update(device_context(device))
        return render(request, "admin/security/two_factor.html", context)

    def _recovery_codes_page(self, request, codes, *, enrolled):
        context = {
            **self.each_context(request),
            "title": _("Your recovery codes"),
            "codes": codes,
            "enrolled": enrolled,
            "next": self._next_url(request, default=reverse("admin:index")),
        }
        response = render(request, "admin/security/recovery_codes.html", context)
        add_never_cache_headers(response)
        return response

    @method_decorator(_protected)
    def open_enrolment_link(self, request, uidb64, token):
        """The mailed link: checked, kept in the session, and the address without the
        token shown (as Django's password reset does: no token in the Referer)."""
        user = login.user_of_link(uidb64, token)
        if user is None:
            context = {**self.each_context(request), "title": _("Two-factor authentication")}
            return render(request, "admin/security/link_invalid.html", context, status=400)
        request.session[login.ENROL_KEY] = {"user": user.pk, "token": token}
        return redirect("admin:two_factor_enrol")

    @method_decorator(_protected)
    def enrol_by_link(self, request):
        """Enrol with the link's session, the password and the first code."""
        kept = request.session.get(login.ENROL_KEY) or {}
        user = login.user_of_token(kept.get("user"), kept.get("token", ""))
        if user is None:
            context = {**self.each_context(request), "title": _("Two-factor authentication")}
            return render(request, "admin/security/link_invalid.html", context, status=400)
        credentials = {"username": user.get_username()}
        if request.method == "POST":
            wait = throttle.wait_seconds(user.get_username())
            if wait:
                return slowed_down_response(request, wait)
            if AxesProxyHandler.is_locked(request, credentials):
                return lockout_response(request)
        device = unconfirmed_device(user)
        form = PasswordAndCodeForm(
            request.POST if request.method == "POST" else None,
            devices=[device],
            user=user,
            request=request,
        )
        if request.method == "POST":
            if form.is_valid():
                request.session.pop(login.ENROL_KEY, None)
                auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                codes = confirm_device(request, form.device)
                return self._recovery_codes_page(request, codes, enrolled=True)
            if "code" in form.errors and "password" not in form.errors:
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        context = {
            **self.each_context(request),
            "title": _("Two-factor authentication"),
            "state": "link",
            "form": form,
            "link_user": user,
            "required": settings.OTP_REQUIRED_FOR_STAFF,
            **device_context(device),
        }
        return render(request, "admin/security/two_factor.html", context)

    def _next_url(self, request, *, default):
        return self._safe(request, request.POST.get("next") or request.GET.get("next")) or default

    @staticmethod
    def _safe(request, candidate):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
        return ""


def unconfirmed_device(user):
    """The device being set up for `user` (one at a time), made when first needed."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by(
        "pk"
    ).first() or TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


def confirm_device(request, device):
    """The first code was right: the device counts from now on, this session is
    verified by it, and the staff member gets recovery codes (returned, shown once)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    return login.new_recovery_codes(device.user)


def recovery_codes_left(user):
    if not user.is_authenticated:
        return 0
    device = StaticDevice.objects.filter(user=user).first()
    return device.token_set.count() if device else 0


def device_context(device):
    secret = b32encode(device.bin_key).decode()
    return {
        "qr_code": qr_data_uri(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }


def qr_data_uri(text):
    """The QR code of `text` as an SVG data URI (drawn here; no outside service)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + b64encode(buffer.getvalue()).decode()


def _in_admin(request):
    return request.path.startswith(reverse("admin:index"))


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out login sees (AXES_LOCKOUT_CALLABLE): the admin's login page
    look, in the staff's language, status 429 with Retry-After."""
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    if _in_admin(request):
        context.update(admin.site.each_context(request), title=_("Login paused"))
        template = "admin/security/locked_out.html"
    else:
        # Another sign-in page (the partners' workspace): the public site's look.
        template = "security/locked_out.html"
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(minutes * 60)
    add_never_cache_headers(response)
    return response


def slowed_down_response(request, seconds):
    """Many failed logins for one account from several addresses: this try waits."""
    context = {"seconds": seconds}
    if _in_admin(request):
        context.update(admin.site.each_context(request), title=_("Login slowed down"))
        template = "admin/security/slowed_down.html"
    else:
        template = "security/slowed_down.html"
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response
