"""The partner's form of a data round: one row per flow into or out of the organisation
running in the round's year, with last year's published figure beside it.

"Save draft" keeps every valid row (an invalid one is shown again with its errors, so
nothing typed is lost); "Submit to the secretariat" needs every row valid and complete.
A closed round, or an answer the secretariat has, is shown read-only.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from exchanges.models import Category, Flow, FlowFigure, units_for
from exchanges.units import Unit
from workspace import round_work
from workspace.access import OrganisationMixin, revision
from workspace.models import Answer, DataRound, ReportedFigure


class FigureForm(forms.Form):
    """One flow's figure. Draft rules (a unit that fits, no negative number) always hold;
    `completeness_errors()` adds what a submitted answer needs besides."""

    quantity = forms.DecimalField(
        label=gettext_lazy("Quantity"),
        required=False,
        max_digits=16,
        decimal_places=3,
        min_value=0,
        error_messages={"min_value": gettext_lazy("A quantity cannot be negative.")},
    )
    unit = forms.ChoiceField(label=gettext_lazy("Unit"), required=False)
    method = forms.CharField(
        label=gettext_lazy("Method or source"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("How the figure was measured or worked out."),
    )
    may_publish = forms.BooleanField(
        label=gettext_lazy("May be published"), required=False, initial=True
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, flow, last_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.flow = flow
        self.last_year = last_year
        self.category = Category(flow.resource.category)
        fitting = units_for(self.category)
        self.fields["unit"].choices = [("", "—")] + [(u.value, u.label) for u in fitting]
        self.fields["unit"].error_messages["invalid_choice"] = _(
            "%(unit)s does not fit a resource of the category %(category)s: "
            "choose one of %(units)s."
        ) % {
            "unit": "%(value)s",
            "category": self.category.label,
            "units": ", ".join(u.label for u in fitting),
        }
        if last_year is not None:
            self.fields["comment"].help_text = _(
                "Required if the figure differs by more than half from last year's."
            )

    @property
    def needs_comment(self):
        """Does the figure as entered change by more than ±50 % on last year's?"""
        data = getattr(self, "cleaned_data", None) or {}
        new = round_work.amount(data.get("quantity"), data.get("unit"))
        return round_work.needs_comment(new, self.last_year)

    def completeness_errors(self):
        """What a submitted answer needs of this row beyond a valid draft: {field: message}."""
        data = self.cleaned_data
        errors = {}
        if data.get("quantity") is None:
            errors["quantity"] = _("Give the year's quantity (0 if nothing went this way).")
        if not data.get("unit"):
            errors["unit"] = _("Choose the unit.")
        if self.needs_comment and not data.get("comment", "").strip():
            errors["comment"] = _(
                "The figure differs by more than half from last year's: say why in a comment."
            )
        return errors


@dataclass(frozen=True)
class Row:
    flow: Flow
    incoming: bool
    counterpart: object
    last_year: FlowFigure | None
    form: FigureForm
    reported: ReportedFigure | None


def initial_of(reported, last_year, flow):
    if reported is not None:
        return {
            "quantity": reported.quantity,
            "unit": reported.unit,
            "method": reported.method,
            "may_publish": reported.may_publish,
            "comment": reported.comment,
        }
    unit = (
        last_year.unit if last_year is not None and last_year.unit else flow.resource.default_unit
    )
    return {"unit": unit, "may_publish": True}


class RoundView(OrganisationMixin, TemplateView):
    """/account/organisations/<organisation>/data/<year>/: the organisation's answer."""

    template_name = "workspace/round.html"

    def setup_round(self):
        self.round = get_object_or_404(DataRound, year=self.kwargs["year"])
        self.answer = Answer.objects.filter(round=self.round, partner=self.partner).first()
        self.flows = list(round_work.flows_of(self.partner, self.round.year))
        last = FlowFigure.objects.realised().filter(flow__in=self.flows, year=self.round.year - 1)
        self.last_year = {figure.flow_id: figure for figure in last}
        reported = self.answer.figures.all() if self.answer else []
        self.reported = {figure.flow_id: figure for figure in reported}

    @property
    def locked_reason(self):
        """Why the figures cannot be changed now, or None."""
        if not self.round.is_open:
            return _(
                "The data round for %(year)s is closed: the figures can no longer be changed."
            ) % {"year": self.round.year}
        if self.answer and not self.answer.may_change:
            return _(
                "Your answer has been sent to the secretariat: it can be changed only if the "
                "secretariat returns it."
            )
        return None

    def rows(self, data=None):
        rows = []
        for flow in self.flows:
            incoming = flow.receiver_id == self.partner.pk
            last = self.last_year.get(flow.pk)
            reported = self.reported.get(flow.pk)
            form = FigureForm(
                data,
                prefix=f"flow-{flow.pk}",
                flow=flow,
                last_year=last.amount if last else None,
                initial=initial_of(reported, last, flow),
            )
            rows.append(
                Row(
                    flow=flow,
                    incoming=incoming,
                    counterpart=flow.supplier if incoming else flow.receiver,
                    last_year=last,
                    form=form,
                    reported=reported,
                )
            )
        return rows

    def get(self, request, *args, **kwargs):
        self.setup_round()
        return self.render_to_response(self.get_context_data(rows=self.rows()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            data_round=self.round,
            answer=self.answer,
            locked=self.locked_reason,
            read_only=bool(self.locked_reason) or not self.membership.may_edit,
            round_message=self.round.message_en
            if self.request.LANGUAGE_CODE == "en"
            else self.round.message_da,
            units=dict(Unit.choices),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.setup_round()
        if self.locked_reason:
            messages.error(request, self.locked_reason)
            return HttpResponseRedirect(request.path)
        submitting = "submit" in request.POST
        rows = self.rows(request.POST)
        valid = [row for row in rows if row.form.is_valid()]
        with revision(request, _("Figures of the data round %(year)s") % {"year": self.round.year}):
            answer, _created = Answer.objects.get_or_create(round=self.round, partner=self.partner)
            answer = Answer.objects.select_for_update().get(pk=answer.pk)
            if not answer.may_change:
                messages.error(
                    request, self.locked_reason or _("The answer cannot be changed now.")
                )
                return HttpResponseRedirect(request.path)
            for row in valid:
                save_figure(answer, row.flow, row.form.cleaned_data)
            incomplete = False
            if submitting:
                for row in valid:
                    for field, message in row.form.completeness_errors().items():
                        row.form.add_error(field, message)
                        incomplete = True
            if submitting and len(valid) == len(rows) and not incomplete:
                answer.status = Answer.Status.SUBMITTED
                answer.submitted = timezone.now()
                answer.submitted_by = request.user
                answer.save()
                messages.success(
                    request,
                    _("Thank you: your figures for %(year)s have been sent to the secretariat.")
                    % {"year": self.round.year},
                )
                return HttpResponseRedirect(request.path)
            answer.save()  # its `updated`
        self.answer = answer
        if len(valid) == len(rows) and not submitting:
            messages.success(request, _("Your draft has been saved."))
            return HttpResponseRedirect(request.path)
        if submitting:
            messages.error(
                request,
                _(
                    "Not sent yet: some figures need changes (see below). "
                    "The rest is kept as a draft."
                ),
            )
        else:
            messages.warning(
                request, _("The draft is saved, except the figures that need changes (see below).")
            )
        return self.render_to_response(self.get_context_data(rows=rows), status=200)


def save_figure(answer, flow, data):
    figure, _created = ReportedFigure.objects.get_or_create(answer=answer, flow=flow)
    figure.quantity = data.get("quantity")
    figure.unit = data.get("unit") or ""
    figure.method = data.get("method", "")
    figure.may_publish = bool(data.get("may_publish"))
    figure.comment = data.get("comment", "")
    figure.save()
    return figure
