from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import DetailView, ListView

from projects.forms import ProjectFilterForm
from projects.models import Participant, Project
from projects.money import format_money

# Running projects first: they are what visitors ask about.
STATUS_ORDER = [Project.Status.RUNNING, Project.Status.PLANNED, Project.Status.COMPLETED]


class ProjectListView(ListView):
    template_name = "projects/project_list.html"
    context_object_name = "projects"

    def get_queryset(self):
        return Project.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One query; the status comes from the dates, so grouping and filtering by it
        # happen in Python on the same rows.
        today = timezone.localdate()
        everyone = list(context["projects"])
        for project in everyone:
            project.current_status = project.status_on(today)
        form = ProjectFilterForm(self.request.GET)
        chosen = form.values.get("status")
        projects = [p for p in everyone if chosen in (None, p.current_status)]
        context.update(
            projects=projects,
            filter_form=form,
            is_filtered=chosen is not None,
            groups=[
                (status, [p for p in projects if p.current_status == status])
                for status in STATUS_ORDER
                if any(p.current_status == status for p in projects)
            ],
        )
        return context


class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return (
            Project.objects.published()
            .select_related("grant_holder")
            .prefetch_related(
                "fundings",
                # A hidden partner is secret: its row is left out, role and country too.
                Prefetch(
                    "participants",
                    queryset=Participant.objects.select_related("partner").exclude(
                        partner__is_public=False
                    ),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        fundings = list(project.fundings.all())
        context.update(
            fundings=fundings,
            funding_totals=funding_totals(fundings),
            participants=list(project.participants.all()),
        )
        return context


def funding_totals(fundings):
    """[(currency, formatted sum)] for each currency with more than one grant.

    Grants are added only to grants in the same currency.
    """
    totals = []
    for currency in dict.fromkeys(f.currency for f in fundings):
        same = [f.amount for f in fundings if f.currency == currency]
        if len(same) > 1:
            totals.append((currency, format_money(sum(same), currency)))
    return totals
