"""The applications admin pages; imported by enquiries/admin.py.

An application's enquiry shows the organisation's details in an inline
(`PartnerApplicationInline`), with a link to the board's decision page. That page is
the one way to approve or decline (admin.STEPS_WITH_A_PAGE): it asks for the date of
the board's meeting and its note, and approving makes the partner draft
(enquiries/applications.py). It hangs off the application's own admin, which has no
list of its own: the inbox is where applications are found.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from enquiries import applications
from enquiries.models import PartnerApplication, Status
from symbiosis import dates
from symbiosis.admin_links import change_url

# Where each status may go on the decision page; approval only from the board.
DECISIONS_FROM = {
    Status.RECEIVED: [Status.DECLINED],
    Status.IN_REVIEW: [Status.DECLINED],
    Status.BOARD: [Status.APPROVED, Status.DECLINED],
}
DECISION_LABELS = {
    Status.APPROVED: _("Approve: the organisation becomes a partner"),
    Status.DECLINED: _("Decline"),
}


def decision_url(application):
    return reverse("admin:enquiries_partnerapplication_decision", args=[application.pk])


class PartnerApplicationInline(admin.StackedInline):
    """What the application says about the organisation, read-only, on its enquiry."""

    model = PartnerApplication
    can_delete = False
    extra = 0
    max_num = 1
    verbose_name_plural = _("the application")
    fields = [
        ("cvr", "nace"),
        "street",
        ("postcode", "town"),
        "membership",
        "shares",
        "needs",
        ("board_meeting", "decision_note"),
        "decision",
    ]
    readonly_fields = [
        name for row in fields for name in (row if isinstance(row, tuple) else [row])
    ]

    def has_add_permission(self, request, obj=None):
        return False  # an application comes with its form

    def has_change_permission(self, request, obj=None):
        return False  # decided on the decision page, not edited

    @admin.display(description=_("board decision"))
    def decision(self, application):
        if application.partner_id:
            return format_html(
                '{} <a href="{}">{}</a>',
                _("Approved. Partner draft:"),
                change_url(application.partner),
                application.partner,
            )
        if application.enquiry.status not in DECISIONS_FROM:
            return _("Decided.")
        label = (
            _("Record the board's decision")
            if application.enquiry.status == Status.BOARD
            else _("Decline before the board meets")
        )
        return format_html('<a class="button" href="{}">{}</a>', decision_url(application), label)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("the board's decision"),
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _(
                "That decision cannot be taken now. An application is approved only once it "
                "awaits the board, and one that is decided stays decided."
            )
        },
    )
    meeting = forms.DateField(
        label=_("date of the board meeting"), required=False, widget=AdminDateWidget
    )
    note = forms.CharField(
        label=_("the board's note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 70}),
        help_text=_(
            "Mailed to the applicant with the decision, in their language: write it so. "
            "Required when declining."
        ),
    )

    def __init__(self, *args, status, **kwargs):
        super().__init__(*args, **kwargs)
        self.status = status
        self.fields["decision"].choices = [
            (s, DECISION_LABELS[s]) for s in DECISIONS_FROM.get(status, [])
        ]
        if status == Status.BOARD:
            self.fields["meeting"].required = True
        else:
            self.fields["meeting"].help_text = _("Empty when the board has not met about it.")

    def clean_meeting(self):
        meeting = self.cleaned_data["meeting"]
        if meeting and meeting > dates.today():
            raise ValidationError(
                _("The meeting cannot be in the future: record the decision once it is made."),
                code="future",
            )
        return meeting

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if (
            decision == Status.APPROVED
            and not cleaned.get("meeting")
            and "meeting" not in self.errors
        ):
            self.add_error("meeting", _("Give the date of the board's meeting."))
        if decision == Status.DECLINED and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say in a sentence or two why: the applicant reads it."))
        return cleaned


@admin.register(PartnerApplication)
class PartnerApplicationAdmin(admin.ModelAdmin):
    """Only the decision page: an application is read and moved on in the inbox."""

    def get_model_perms(self, request):
        return {}  # not on the admin's index: the inbox lists applications

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # deleted with its enquiry

    def changelist_view(self, request, extra_context=None):
        return redirect(reverse("admin:enquiries_enquiry_changelist") + "?kind__exact=application")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = get_object_or_404(PartnerApplication, pk=object_id)
        return redirect(application.enquiry.get_admin_url())

    def get_urls(self):
        decision = path(
            "<int:pk>/decision/",
            self.admin_site.admin_view(self.decision_view),
            name="enquiries_partnerapplication_decision",
        )
        return [decision, *super().get_urls()]

    def decision_view(self, request, pk):
        """Approve or decline, with the board meeting's date and its note. Approval
        only from "awaiting the board"; the page says how to get there otherwise."""
        if not request.user.has_perm("enquiries.change_enquiry"):
            raise PermissionDenied
        application = get_object_or_404(
            PartnerApplication.objects.select_related("enquiry", "partner"), pk=pk
        )
        enquiry = application.enquiry
        form = DecisionForm(request.POST or None, status=enquiry.status)
        if request.method == "POST" and form.is_valid():
            try:
                self._decide(request, application, form.cleaned_data)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect(enquiry.get_admin_url())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "enquiry_opts": enquiry._meta,
            "title": _("The board's decision: %(organisation)s")
            % {"organisation": enquiry.organisation},
            "application": application,
            "enquiry": enquiry,
            "form": form,
            "can_decide": enquiry.status in DECISIONS_FROM,
            "awaiting_board": enquiry.status == Status.BOARD,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/enquiries/application_decision.html", context)

    def _decide(self, request, application, data):
        meeting, note = data["meeting"], data["note"].strip()
        if data["decision"] == Status.APPROVED:
            partner = applications.approve(application, by=request.user, meeting=meeting, note=note)
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _(
                        "Approved; the applicant has been told. The partner draft is not on "
                        "the website yet: write its short description, then publish it:"
                    ),
                    change_url(partner),
                    partner,
                ),
                messages.SUCCESS,
            )
        else:
            applications.decline(application, by=request.user, meeting=meeting, note=note)
            self.message_user(
                request, _("Declined; the applicant has been told."), messages.SUCCESS
            )
