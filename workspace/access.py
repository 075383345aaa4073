"""Who may see and change what in the workspace: the one place that decides.

Every workspace page that shows an organisation's data takes the organisation from
the URL (its slug) through `membership_for()`: a person who is not a member of that
organisation gets a 404, exactly as for an organisation that does not exist, so an
address says nothing about what lies behind it. Every object below the organisation
(a listing, an answer) is then looked up *within* that organisation's rows, never by
its id alone. A viewer may open every page; a change (any POST) needs an editor.
"""

from contextlib import contextmanager

import reversion
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from workspace.models import Membership

# Workspace pages are never indexed (and never in a sitemap): this header, and the
# robots meta tag of templates/workspace/base.html.
ROBOTS = "noindex, nofollow"


def memberships(user):
    """The person's memberships, with their organisations, by organisation name."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, user__is_active=True).select_related("partner")


def membership_for(user, slug):
    """The person's membership of the organisation `slug`, or Http404."""
    membership = memberships(user).filter(partner__slug=slug).first()
    if membership is None:
        raise Http404(_("No organisation of yours has this address."))
    return membership


def require_editor(membership):
    if not membership.may_edit:
        raise PermissionDenied(_("You may read your organisation's pages but not change them."))


class WorkspaceMixin(AccessMixin):
    """A signed-in page of the workspace: never cached, never indexed."""

    def get_login_url(self):
        return reverse("workspace:login")

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = ROBOTS
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["workspace_memberships"] = memberships(self.request.user)
        return context


class OrganisationMixin(WorkspaceMixin):
    """A page about one of the person's organisations (`<slug:organisation>` in the URL):
    `self.membership` and `self.partner`; a POST needs an editor (403 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.membership = membership_for(request.user, kwargs["organisation"])
            self.partner = self.membership.partner
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                require_editor(self.membership)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["membership"] = self.membership
        context["partner"] = self.partner
        return context


@contextmanager
def revision(request, comment):
    """One atomic change made in the workspace, kept in the version history with who
    made it (django-reversion)."""
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(request.user)
        reversion.set_comment(comment)
        yield
