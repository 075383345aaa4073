"""The secretariat's one inbox ("Henvendelser"): every message, visit request and
application, with filters, assignment, internal notes and the status history.

An enquiry moves on through the inbox's "next step" field (enquiries/workflow.py does
the move, keeps the history and mails the person); steps that need more than a
comment (confirming a visit's date, the board's decision) have pages of their own,
linked from the enquiry (enquiries/admin_visits.py, enquiries/admin_applications.py).

Enquiries are not versioned (no django-reversion): a version would keep the personal
data that the retention task erases.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enquiries import workflow
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

    def has_add_permission(self, request):
        return False  # enquiries come from the public forms

    def get_inlines(self, request, obj):
        if obj is not None and obj.kind == Kind.APPLICATION:
            return [admin_applications.PartnerApplicationInline, *self.inlines]
        return self.inlines

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
from enquiries import admin_applications, admin_visits  # noqa: E402, F401
