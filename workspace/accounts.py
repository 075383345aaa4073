"""Signing in to the workspace, invitations, and the workspace's front pages.

Partners sign in with their user name (or e-mail address) and a password, and a code
from an authenticator app when they have turned one on: the same rules, lockout and
slow-down as the admin's login (symbiosis/security/), so one set of defences covers
both doors. Why not passwordless links: docs/workspace.md.

No one signs up: the secretariat invites a person from the admin (workspace/admin.py);
the mailed link works once and until it expires, and sets the account's password.
"""

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView
from django_otp import devices_for_user
from django_otp import login as otp_login

from symbiosis.security import login as two_step
from symbiosis.security import throttle
from symbiosis.security.admin_site import lockout_response, slowed_down_response
from symbiosis.security.forms import CodeForm
from workspace import invitations
from workspace.access import ROBOTS, OrganisationMixin, WorkspaceMixin, memberships

_protected = [sensitive_post_parameters(), csrf_protect, never_cache]


def _private(response):
    response["X-Robots-Tag"] = ROBOTS
    return response


class SignInForm(AuthenticationForm):
    """User name or e-mail address, and the password. One answer to every failure."""

    username = forms.CharField(
        label=gettext_lazy("User name or e-mail address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": gettext_lazy(
            "That user name or e-mail address and password do not match an account of the "
            "workspace. Both are case-sensitive."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username", "")
        if "@" in username:
            user = get_user_model().objects.filter(email__iexact=username, is_active=True)
            if user.count() == 1:
                self.cleaned_data["username"] = user.get().get_username()
        return super().clean()


class SignInView(auth_views.LoginView):
    template_name = "workspace/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("workspace:home")

    @method_decorator(_protected)
    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            wait = throttle.wait_seconds(request.POST.get("username", "")[:150])
            if wait:
                return slowed_down_response(request, wait)
        return _private(super().dispatch(request, *args, **kwargs))

    def form_valid(self, form):
        user = form.get_user()
        if two_step.needs_code(user):
            two_step.remember_password_step(self.request, user, self.get_success_url())
            return redirect("workspace:login-code")
        return super().form_valid(form)


class CodeView(View):
    """Step two, for an account with an authenticator app: the code."""

    @method_decorator(_protected)
    def dispatch(self, request, *args, **kwargs):
        return _private(super().dispatch(request, *args, **kwargs))

    def get(self, request):
        return self._page(request, None)

    def post(self, request):
        return self._page(request, request.POST)

    def _page(self, request, data):
        step = two_step.password_step(request)
        if step is None:
            return redirect("workspace:login")
        user, backend, next_url = step
        credentials = {"username": user.get_username()}
        if data is not None:
            wait = throttle.wait_seconds(user.get_username())
            if wait:
                return slowed_down_response(request, wait)
            if AxesProxyHandler.is_locked(request, credentials):
                two_step.forget_password_step(request)
                return lockout_response(request)
        form = CodeForm(data, devices=list(devices_for_user(user, confirmed=True)))
        if data is not None:
            if form.is_valid():
                two_step.forget_password_step(request)
                auth_login(request, user, backend=backend)
                otp_login(request, form.device)
                return redirect(next_url or reverse("workspace:home"))
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                two_step.forget_password_step(request)
                return lockout_response(request)
        return render(request, "workspace/login_code.html", {"form": form})


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("workspace:login")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have signed out."))
        return response


class PasswordView(WorkspaceMixin, auth_views.PasswordChangeView):
    template_name = "workspace/password.html"
    success_url = reverse_lazy("workspace:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


class HomeView(WorkspaceMixin, TemplateView):
    """The person's organisations, and what waits for them in each."""

    template_name = "workspace/home.html"

    def get(self, request, *args, **kwargs):
        own = list(memberships(request.user))
        if len(own) == 1:
            # One organisation: its page is the workspace.
            return redirect("workspace:organisation", organisation=own[0].partner.slug)
        return super().get(request, *args, **kwargs)


class OrganisationView(OrganisationMixin, TemplateView):
    """One organisation: everything the person can do for it, each by a link."""

    template_name = "workspace/organisation.html"

    def get_context_data(self, **kwargs):
        from workspace import overview

        context = super().get_context_data(**kwargs)
        context.update(overview.of(self.partner, self.membership))
        return context


class AcceptForm(SetPasswordForm):
    """The new account's password (twice), checked by the site's password rules."""


class InvitationView(View):
    """The link in an invitation: set a password, and be signed in to the workspace.

    An invalid, expired, withdrawn or already used link gets a page that says which,
    and whom to ask for a new one (status 410 for a link that was good once)."""

    template_name = "workspace/invitation.html"

    @method_decorator(_protected)
    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        # The token is in the address: it goes to no other site (same-origin, not
        # no-referrer, which makes the form POST with "Origin: null" and fail CSRF).
        response["Referrer-Policy"] = "same-origin"
        return _private(response)

    def get(self, request, token):
        invitation, problem = invitations.find(token)
        if problem:
            return self._refused(request, problem)
        user = invitations.existing_account(invitation)
        form = None if user else AcceptForm(invitations.unsaved_user(invitation))
        return render(
            request,
            self.template_name,
            {"invitation": invitation, "form": form, "user_exists": user},
        )

    def post(self, request, token):
        with transaction.atomic():
            invitation, problem = invitations.find(token, lock=True)
            if problem:
                return self._refused(request, problem)
            user = invitations.existing_account(invitation)
            created = user is None
            if created:
                form = AcceptForm(invitations.unsaved_user(invitation), request.POST)
                if not form.is_valid():
                    return render(
                        request,
                        self.template_name,
                        {"invitation": invitation, "form": form, "user_exists": None},
                        status=400,
                    )
                user = invitations.accept(invitation, password=form.cleaned_data["new_password1"])
            else:
                invitations.accept(invitation)
        if request.user.pk != user.pk:
            if not created:
                # The link adds the organisation to an account that exists: its owner
                # signs in as always (the link alone is no password).
                messages.success(
                    request,
                    _("%(organisation)s is added to your account. Sign in to reach it.")
                    % {"organisation": invitation.partner.name},
                )
                return redirect("workspace:login")
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome. You now have access to %(organisation)s.")
            % {"organisation": invitation.partner.name},
        )
        return redirect("workspace:organisation", organisation=invitation.partner.slug)

    def _refused(self, request, problem):
        status = 404 if problem == "unknown" else 410
        return render(
            request, "workspace/invitation_refused.html", {"problem": problem}, status=status
        )
