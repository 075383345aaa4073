"""The exchange's part of the admin dashboard: listings to review, the match pipeline."""

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from listings.models import PIPELINE, Listing, Match, Stage, Status
from symbiosis.admin_links import can_view, changelist_url
from symbiosis.registry import dashboard_inbox


@dashboard_inbox.register("listings")
def exchange_pipeline(user):
    """Listings awaiting review, then the matches per stage of the pipeline (two queries)."""
    rows = []
    if can_view(user, Listing):
        waiting = Listing.objects.filter(status=Status.REVIEW).count()
        if waiting:
            rows.append(
                {
                    "label": _("Listings awaiting review"),
                    "count": waiting,
                    "url": changelist_url(Listing, f"status__exact={Status.REVIEW}"),
                }
            )
    if can_view(user, Match):
        counts = dict(Match.objects.values_list("stage").annotate(count=Count("pk")).order_by())
        for stage in PIPELINE:
            if counts.get(stage.value):
                rows.append(
                    {
                        "label": _("Matches, %(stage)s")
                        % {"stage": capfirst(Stage(stage).label.lower())},
                        "count": counts[stage.value],
                        "url": changelist_url(Match, f"stage__exact={stage}"),
                    }
                )
    return rows
