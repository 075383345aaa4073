"""The secretariat's side of the workspace: who has access, invitations, profile changes.

- **Invitations**: "Add invitation" mails the person a link (workspace/invitations.py);
  the list shows which are open, accepted, expired or withdrawn; "Withdraw" stops a link.
- **Workspace access** (`Membership`): a person's role in an organisation; changing the
  role or deleting the row takes effect at the person's next page.
- **Profile changes**: each with its values before and after side by side; "Approve and
  publish" changes the partner's public page, "Decline" keeps it as it is (with the
  secretariat's comment).
The data round's admin: workspace/admin_rounds.py; the reports': workspace/admin_reports.py.
"""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from symbiosis.versions.admin import VersionedAdmin
from workspace import (
    admin_reports,  # noqa: F401  (the reports' admin)
    admin_rounds,  # noqa: F401  (the data round's admin)
    invitations,
    profile,
)
from workspace.models import Invitation, Membership, ProfileChange


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["partner", "name", "email", "language", "role", "expires"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    form = InvitationForm
    list_display = ["name", "email", "partner", "role", "created", "expires", "state_label"]
    list_filter = ["role", "withdrawn", ("accepted", admin.EmptyFieldListFilter)]
    search_fields = ["name", "email", "partner__name"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner"]
    readonly_fields = ["created", "accepted", "invited_by", "user"]
    actions = ["withdraw"]

    @admin.display(description=_("state"))
    def state_label(self, invitation):
        return {
            "open": _("Waiting"),
            "accepted": _("Accepted"),
            "withdrawn": _("Withdrawn"),
            "expired": _("Expired"),
        }[invitation.state]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        # A sent invitation cannot be changed: withdraw it and send a new one.
        return [*self.readonly_fields, "partner", "name", "email", "language", "role"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        invitations.send(obj, by=request.user)
        messages.success(
            request, _("The invitation is on its way to %(email)s.") % {"email": obj.email}
        )

    @admin.action(description=_("Withdraw the chosen invitations (their links stop working)"))
    def withdraw(self, request, queryset):
        count = queryset.filter(accepted__isnull=True).update(withdrawn=True)
        self.message_user(
            request,
            ngettext("%(count)d invitation withdrawn.", "%(count)d invitations withdrawn.", count)
            % {"count": count},
        )


@admin.register(Membership)
class MembershipAdmin(VersionedAdmin):
    list_display = ["user", "partner", "role", "created"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "user__last_name", "partner__name"]
    list_select_related = ["user", "partner"]
    autocomplete_fields = ["user", "partner"]


@admin.register(ProfileChange)
class ProfileChangeAdmin(VersionedAdmin):
    list_display = ["partner", "created", "by", "status"]
    list_filter = ["status"]
    search_fields = ["partner__name"]
    list_select_related = ["partner", "by"]
    readonly_fields = [
        "partner",
        "by",
        "created",
        "status",
        "decided",
        "decided_by",
        "changes",
        "logo",
    ]
    fields = [
        "partner",
        "by",
        "created",
        "status",
        "changes",
        "logo",
        "comment",
        "decided",
        "decided_by",
    ]
    change_form_template = "admin/workspace/profilechange/change_form.html"

    def has_add_permission(self, request):
        return False  # proposed by partners in the workspace

    @admin.display(description=_("changes"))
    def changes(self, change):
        return render_to_string(
            "admin/workspace/profilechange/diff.html", {"rows": profile.labelled(change)}
        )

    def response_change(self, request, obj):
        decision = next((d for d in ("_approve", "_decline") if d in request.POST), None)
        if decision is None or obj.status != ProfileChange.Status.PENDING:
            return super().response_change(request, obj)
        with transaction.atomic():
            if decision == "_approve":
                profile.apply(obj)
                obj.status = ProfileChange.Status.APPROVED
                message = _("Approved: the profile of %(partner)s is published.")
            else:
                obj.status = ProfileChange.Status.DECLINED
                message = _("Declined: the profile of %(partner)s stays as it was.")
            obj.decided = timezone.now()
            obj.decided_by = request.user
            obj.save()
        self.message_user(request, message % {"partner": obj.partner.name}, messages.SUCCESS)
        return HttpResponseRedirect(request.path)
