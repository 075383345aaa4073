"""The history page: every public milestone since 1961, grouped by decade."""

from itertools import groupby

from django.db.models import Prefetch
from django.views.generic import ListView

from exchanges.models import Flow
from partners.models import Partner
from timeline.models import Milestone


class TimelineView(ListView):
    template_name = "timeline/index.html"
    context_object_name = "milestones"

    def get_queryset(self):
        # Three queries whatever the number of milestones: the milestones, their
        # partners, their flows (with the flows' partners and resources joined).
        return Milestone.objects.published().prefetch_related(
            Prefetch("partners", queryset=Partner.objects.published().order_by("name")),
            Prefetch(
                "flows",
                queryset=Flow.objects.published().with_related().order_by("year_started", "pk"),
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decades"] = [
            {"decade": decade, "anchor": f"decade-{decade}", "milestones": list(items)}
            for decade, items in groupby(context["milestones"], key=lambda m: m.decade)
        ]
        return context
