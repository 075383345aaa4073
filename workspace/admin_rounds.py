"""The secretariat's side of the data round: opening a round (the mail to the editors),
who has answered and who is overdue, reviewing an answer (accept, which publishes, or
return for changes with a comment) and the pairs of figures that disagree."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exchanges.models import FlowFigure
from symbiosis import dates
from symbiosis.versions.admin import VersionedAdmin
from workspace import round_work
from workspace.models import Answer, DataRound, ReportedFigure


def answer_link(answer):
    return reverse("admin:workspace_answer_change", args=[answer.pk])


@admin.register(DataRound)
class DataRoundAdmin(VersionedAdmin):
    list_display = ("year", "deadline", "status", "answered", "opened", "reminded")
    list_filter = ("status",)
    readonly_fields = ("opened", "reminded")
    actions = ["open_and_mail"]
    change_form_template = "admin/workspace/dataround/change_form.html"

    def get_queryset(self, request):
        answered = Q(answers__status__in=round_work.REPORTED)
        return (
            super().get_queryset(request).annotate(answered_count=Count("answers", filter=answered))
        )

    @admin.display(description=_("answered / asked"))
    def answered(self, obj):
        return f"{obj.answered_count} / {round_work.expected_partners(obj).count()}"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.is_open:
            self.mail_editors(request, [obj])

    def mail_editors(self, request, rounds):
        for data_round in rounds:
            sent = round_work.open_round(data_round)
            self.message_user(
                request,
                ngettext(
                    "The round %(year)s is open: %(count)d mail to the editors is on its way.",
                    "The round %(year)s is open: %(count)d mails to the editors are on their way.",
                    sent,
                )
                % {"year": data_round.year, "count": sent},
                messages.SUCCESS,
            )

    @admin.action(description=_("Open the round and mail the editors"), permissions=["change"])
    def open_and_mail(self, request, queryset):
        closed = queryset.exclude(status=DataRound.Status.OPEN)
        closed.update(status=DataRound.Status.OPEN)
        self.mail_editors(request, list(queryset))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        data_round = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if data_round is not None:
            extra_context.update(round_overview(data_round))
        return super().change_view(request, object_id, form_url, extra_context)


def round_overview(data_round):
    """The round's admin page: every partner asked, its answer, who is overdue, and the
    pairs that disagree."""
    answers = {a.partner_id: a for a in data_round.answers.all()}
    late = data_round.deadline < dates.today()
    rows = []
    for partner in round_work.expected_partners(data_round):
        answer = answers.get(partner.pk)
        done = answer is not None and answer.status in round_work.REPORTED
        rows.append(
            {
                "partner": partner,
                "answer": answer,
                "url": answer_link(answer) if answer else None,
                "overdue": late and not done,
            }
        )
    pairs = round_work.disagreements(data_round)
    flagged = {
        pk
        for pair in pairs
        for pk in (pair.supplier_figure.answer_id, pair.receiver_figure.answer_id)
    }
    return {"expected": rows, "disagreements": pairs, "flagged_ids": flagged}


class FlaggedFilter(admin.SimpleListFilter):
    title = _("flagged")
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("yes", _("Both ends differ by more than 10 %")), ("no", _("Not flagged"))]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        ids = round_work.flagged_answer_ids()
        if self.value() == "yes":
            return queryset.filter(pk__in=ids)
        return queryset.exclude(pk__in=ids)


class ReportedFigureInline(admin.TabularInline):
    model = ReportedFigure
    extra = 0
    can_delete = False
    fields = ("flow", "quantity", "unit", "method", "may_publish", "comment")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the partner"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What should be changed: it is mailed to the organisation's editors."),
    )


@admin.register(Answer)
class AnswerAdmin(VersionedAdmin):
    list_display = ("partner", "round", "status", "submitted", "flag")
    list_filter = ("round", "status", FlaggedFilter)
    list_select_related = ("partner", "round")
    readonly_fields = ("round", "partner", "submitted", "submitted_by", "reviewed", "reviewed_by")
    fields = (
        "round",
        "partner",
        "status",
        "submitted",
        "submitted_by",
        "reviewed",
        "reviewed_by",
        "comment",
    )
    inlines = [ReportedFigureInline]
    actions = ["accept_answers"]
    change_form_template = "admin/workspace/answer/change_form.html"

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "status")

    def changelist_view(self, request, extra_context=None):
        self.flagged_ids = round_work.flagged_answer_ids()
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("flagged"))
    def flag(self, obj):
        return "⚑" if obj.pk in getattr(self, "flagged_ids", set()) else ""

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/review/",
                self.admin_site.admin_view(self.review_view),
                name="workspace_answer_review",
            )
        ]
        return urls + super().get_urls()

    @admin.action(
        description=_("Accept the answers and publish their figures"), permissions=["change"]
    )
    def accept_answers(self, request, queryset):
        accepted = 0
        for answer in queryset.filter(status=Answer.Status.SUBMITTED).select_related(
            "round", "partner"
        ):
            with self.create_revision(request):
                round_work.accept(answer, by=request.user)
            accepted += 1
        self.message_user(
            request,
            ngettext("%(count)d answer accepted.", "%(count)d answers accepted.", accepted)
            % {"count": accepted},
            messages.SUCCESS,
        )

    def review_view(self, request, pk):
        """The buttons of the answer's page: accept, or return with a comment."""
        answer = get_object_or_404(Answer.objects.select_related("round", "partner"), pk=pk)
        if request.method != "POST":
            raise Http404
        if not self.has_change_permission(request, answer):
            raise PermissionDenied
        back = HttpResponseRedirect(answer_link(answer))
        if answer.status != Answer.Status.SUBMITTED:
            self.message_user(
                request, _("Only a submitted answer can be reviewed."), messages.ERROR
            )
            return back
        if "accept" in request.POST:
            with self.create_revision(request):
                written = round_work.accept(answer, by=request.user)
            self.message_user(
                request,
                ngettext(
                    "Accepted: %(count)d figure is published.",
                    "Accepted: %(count)d figures are published.",
                    len(written),
                )
                % {"count": len(written)},
                messages.SUCCESS,
            )
            return back
        form = ReturnForm(request.POST)
        if not form.is_valid():
            self.message_user(
                request, _("Say in a comment what the partner should change."), messages.ERROR
            )
            return back
        with self.create_revision(request):
            round_work.return_for_changes(
                answer, by=request.user, comment=form.cleaned_data["comment"]
            )
        self.message_user(
            request, _("Returned to the partner with your comment."), messages.SUCCESS
        )
        return back

    def change_view(self, request, object_id, form_url="", extra_context=None):
        answer = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if answer is not None:
            extra_context.update(answer_overview(answer))
            extra_context["return_form"] = ReturnForm()
            extra_context["review_url"] = reverse("admin:workspace_answer_review", args=[answer.pk])
        return super().change_view(request, object_id, form_url, extra_context)


def answer_overview(answer):
    """Each reported figure beside last year's published figure and the other end's."""
    figures = list(
        answer.figures.select_related("flow__supplier", "flow__receiver", "flow__resource")
    )
    flows = [f.flow_id for f in figures]
    last = {
        f.flow_id: f
        for f in FlowFigure.objects.realised().filter(flow__in=flows, year=answer.round.year - 1)
    }
    others = {
        f.flow_id: f
        for f in ReportedFigure.objects.filter(answer__round=answer.round, flow__in=flows)
        .exclude(answer=answer)
        .select_related("answer")
    }
    flagged = {pair.flow.pk for pair in round_work.disagreements(answer.round)}
    rows = [
        {
            "figure": f,
            "last_year": last.get(f.flow_id),
            "other": others.get(f.flow_id),
            "flagged": f.flow_id in flagged,
        }
        for f in figures
    ]
    return {"figure_rows": rows, "answer_flagged": any(r["flagged"] for r in rows)}
