"""The secretariat's one inbox ("Henvendelser"): every message, visit request and
application, with filters, assignment, internal notes and the status history.

An enquiry moves on through the inbox's "next step" field (enquiries/workflow.py does
the move, keeps the history and mails the person); steps that need more than a
comment (confirming a visit's date, the board's decision) have pages of their own,
linked from the enquiry (enquiries/admin_visits.py, enquiries/admin_applications.py).

Enquiries are not versioned (no django-reversion): a version would keep the personal
data that the retention task erases.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from enquiries import retention, workflow
from enquiries.models import Enquiry, Kind, Note, Status, StatusChange, TopicInbox

# Steps taken on a page of their own (a date or a decision to give), not in the inbox.
STEPS_WITH_A_PAGE = {
    (Kind.VISIT, Status.CONFIRMED),
    (Kind.VISIT, Status.DECLINED),
    (Kind.APPLICATION, Status.APPROVED),
    (Kind.APPLICATION, Status.DECLINED),
}


class NoteInline(admin.StackedInline):
    model = Note
    extra = 1
    fields = ["text", "author", "created"]
    readonly_fields = ["author", "created"]

    def has_change_permission(self, request, obj=None):
        return False  # a note is kept as written; add another to correct it


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ["at", "old_status", "new_status", "by", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EnquiryAdminForm(forms.ModelForm):
    next_status = forms.ChoiceField(label=_("next step"), required=False)
    step_comment = forms.CharField(
        label=_("comment on the step"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the history; mailed to the person when the step sends mail."),
    )

    class Meta:
        model = Enquiry
        fields = ["assigned_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        enquiry = self.instance
        steps = (
            [s for s in enquiry.next_statuses() if (enquiry.kind, s) not in STEPS_WITH_A_PAGE]
            if enquiry.pk
            else []
        )
        self.fields["next_status"].choices = [("", _("– stays as it is –"))] + [
            (s, Status(s).label) for s in steps
        ]


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    form = EnquiryAdminForm
    list_display = ["created", "kind", "who", "topic", "status", "assigned_to", "flagged"]
    list_filter = ["kind", "status", "topic", "assigned_to", "flagged", "language"]
    search_fields = ["name", "email", "organisation", "message"]
    date_hierarchy = "created"
    list_select_related = ["assigned_to"]
    inlines = [NoteInline, StatusChangeInline]
    readonly_fields = [
        "kind",
        "status",
        "topic",
        "name",
        "email",
        "phone",
        "organisation",
        "message",
        "language",
        "flagged",
        "consent_version",
        "created",
        "updated",
        "anonymised",
    ]
    fieldsets = [
        (None, {"fields": ["kind", "status", "topic", "created", "updated"]}),
        (
            _("From"),
            {"fields": ["name", "email", "phone", "organisation", "language"]},
        ),
        (_("What they wrote"), {"fields": ["message"]}),
        (_("Handling"), {"fields": ["assigned_to", "next_status", "step_comment"]}),
        (_("Records"), {"fields": ["flagged", "consent_version", "anonymised"]}),
    ]

    actions = ["export_addresses", "erase_addresses"]

    def has_add_permission(self, request):
        return False  # enquiries come from the public forms

    def get_inlines(self, request, obj):
        if obj is not None and obj.kind == Kind.VISIT:
            return [admin_visits.VisitRequestInline, *self.inlines]
        if obj is not None and obj.kind == Kind.APPLICATION:
            return [admin_applications.PartnerApplicationInline, *self.inlines]
        return self.inlines

    @admin.action(description=_("Export everything held about these e-mail addresses (JSON)"))
    def export_addresses(self, request, queryset):
        addresses = sorted({e.email.lower() for e in queryset if e.email})
        data = {address: retention.export(address) for address in addresses}
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="henvendelser-udtraek.json"'
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(
        description=_("Erase everything held about these e-mail addresses"),
        permissions=["delete"],
    )
    def erase_addresses(self, request, queryset):
        addresses = sorted({e.email.lower() for e in queryset if e.email})
        if request.POST.get("confirmed") == "yes":
            erased = sum(retention.erase(address) for address in addresses)
            self.message_user(
                request,
                ngettext("%(count)d enquiry anonymised.", "%(count)d enquiries anonymised.", erased)
                % {"count": erased},
                messages.SUCCESS,
            )
            return None
        held = Enquiry.objects.filter(email__in=addresses).count() if addresses else 0
        return TemplateResponse(
            request,
            "admin/enquiries/erase_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Erase personal data"),
                "opts": self.model._meta,
                "addresses": addresses,
                "held": held,
                "queryset": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.display(description=_("from"), ordering="organisation")
    def who(self, obj):
        return obj.organisation or obj.name

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        step = form.cleaned_data.get("next_status")
        if step:
            try:
                workflow.move(
                    obj,
                    step,
                    by=request.user,
                    comment=form.cleaned_data.get("step_comment", ""),
                    mail=workflow.step_mail(obj.kind, step),
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for note in notes:
            if isinstance(note, Note) and note.author_id is None:
                note.author = request.user
            note.save()
        formset.save_m2m()


@admin.register(TopicInbox)
class TopicInboxAdmin(admin.ModelAdmin):
    list_display = ["topic", "email"]


# The pages of the steps with a page, and the visit and application rows' own admin.
from enquiries import admin_applications, admin_visits  # noqa: E402
