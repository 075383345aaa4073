"""What the secretariat sees first in the admin: what waits for them, what is
missing English, what comes next and who changed what lately.

Each part is shown only to staff who may see the records it lists.
"""

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import capfirst
from reversion.models import Revision, Version

from news.models import Article, Event
from pages.models import Page
from symbiosis.admin_filters import MissingEnglishFilter

RECENT_CHANGES = 12


def _can_view(user, model):
    return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}") or user.has_perm(
        f"{model._meta.app_label}.change_{model._meta.model_name}"
    )


def _change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])


def _changelist_url(model, query=""):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{query}" if query else url


def waiting(user):
    """Drafts and scheduled articles, drafts of pages: (label, url, when) rows."""
    rows = []
    if _can_view(user, Article):
        now = timezone.now()
        for article in Article.objects.exclude(
            status=Article.Status.PUBLISHED, publish_at__lte=now
        ).order_by("publish_at")[:20]:
            rows.append(
                {
                    "object": article,
                    "model": article.get_kind_display(),
                    "url": _change_url(article),
                    "kind": article.get_status_display()
                    if article.status == Article.Status.DRAFT
                    else None,
                    "scheduled": article.publish_at
                    if article.status == Article.Status.PUBLISHED
                    else None,
                }
            )
    if _can_view(user, Page):
        for page in Page.objects.filter(status=Page.Status.DRAFT).order_by("-updated")[:20]:
            rows.append(
                {
                    "object": page,
                    "model": capfirst(Page._meta.verbose_name),
                    "url": _change_url(page),
                    "kind": page.get_status_display(),
                    "scheduled": None,
                }
            )
    return rows


def missing_english(user, site=admin.site):
    """Per model whose admin offers the "Missing English" filter: how many records lack
    English, with a link to exactly those."""
    rows = []
    for model, model_admin in site._registry.items():
        if not _can_view(user, model):
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
                            "url": _changelist_url(model, "english=missing"),
                        }
                    )
    return sorted(rows, key=lambda r: str(r["label"]))


def upcoming_events(user):
    if not _can_view(user, Event):
        return []
    return [
        {"object": event, "url": _change_url(event)}
        for event in Event.objects.filter(end__gte=timezone.now()).order_by("start")[:5]
    ]


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
            if model is None or not _can_view(user, model):
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
        "waiting": waiting(user),
        "missing_english": missing_english(user),
        "upcoming_events": upcoming_events(user),
        "recent_changes": recent_changes(user),
    }
