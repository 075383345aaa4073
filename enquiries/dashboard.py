"""The inbox's part of the admin dashboard: how many enquiries of each kind wait."""

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from enquiries.models import OPEN_STATUSES, Enquiry, Kind, Status
from symbiosis.admin_links import can_view, changelist_url
from symbiosis.registry import dashboard_inbox


@dashboard_inbox.register("enquiries")
def waiting_enquiries(user):
    """Per kind and open status, one line with its count and a link to exactly those
    (one query); "received" lines first, as nobody has looked at them yet."""
    if not can_view(user, Enquiry):
        return []
    counts = (
        Enquiry.objects.waiting().values("kind", "status").annotate(count=Count("pk")).order_by()
    )
    found = {(row["kind"], row["status"]): row["count"] for row in counts}
    rows = []
    for status in OPEN_STATUSES:
        for kind in Kind:
            count = found.get((kind.value, status.value))
            if count:
                rows.append(
                    {
                        "label": _("%(kind)s, %(status)s")
                        % {"kind": capfirst(kind.label), "status": Status(status).label.lower()},
                        "count": count,
                        "url": changelist_url(
                            Enquiry, f"kind__exact={kind}&status__exact={status}"
                        ),
                    }
                )
    return rows
