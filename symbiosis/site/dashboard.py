"""What the secretariat sees first in the admin: what waits for them, what is
missing English, what comes next and who changed what lately.

Each part is shown only to staff who may see the records it lists. What is waiting
and what comes next are each app's to say (`<app>/dashboard.py`, registered in
`symbiosis.registry`); what lacks English and the latest changes are read from the
admin's own registry and the versions, for every app alike.
"""

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from reversion.models import Revision, Version

from symbiosis.admin_filters import MissingEnglishFilter
from symbiosis.admin_links import can_view, changelist_url
from symbiosis.registry import dashboard_inbox, dashboard_upcoming, dashboard_waiting

RECENT_CHANGES = 12


def missing_english(user, site=admin.site):
    """Per model whose admin offers the "Missing English" filter: how many records lack
    English, with a link to exactly those."""
    rows = []
    for model, model_admin in site._registry.items():
        if not can_view(user, model):
            continue
        for list_filter in model_admin.list_filter:
            if isinstance(list_filter, type) and issubclass(list_filter, MissingEnglishFilter):
                flt = list_filter(None, {"english": ["missing"]}, model, model_admin)
                count = flt.queryset(None, model._default_manager.all()).count()
                if count:
                    rows.append(
                        {
                            "label": capfirst(model._meta.verbose_name_plural),
                            "count": count,
                            "url": changelist_url(model, "english=missing"),
                        }
                    )
    return sorted(rows, key=lambda r: str(r["label"]))


def recent_changes(user):
    """The latest saved versions with who saved them; each item linked when the user may
    open it (and when it still exists: a deleted item links to its recovery list)."""
    revisions = (
        Revision.objects.select_related("user")
        .prefetch_related(
            Prefetch("version_set", queryset=Version.objects.select_related("content_type"))
        )
        .order_by("-date_created")[:RECENT_CHANGES]
    )
    rows = []
    for revision in revisions:
        items = []
        for version in revision.version_set.all():
            model = version.content_type.model_class()
            if model is None or not can_view(user, model):
                continue
            opts = model._meta
            try:
                url = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_history",
                    args=[quote(version.object_id)],
                )
            except NoReverseMatch:
                url = None
            items.append(
                {"label": version.object_repr, "model": capfirst(opts.verbose_name), "url": url}
            )
        if items:
            rows.append({"revision": revision, "items": items[:5], "more": len(items) - 5})
    return rows


def dashboard(user):
    return {
        "inbox": [row for rows in dashboard_inbox.values() for row in rows(user)],
        "waiting": [row for rows in dashboard_waiting.values() for row in rows(user)],
        "missing_english": missing_english(user),
        "upcoming_events": [row for rows in dashboard_upcoming.values() for row in rows(user)],
        "recent_changes": recent_changes(user),
    }
