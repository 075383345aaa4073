"""The news's part of the admin dashboard: articles waiting, events coming."""

from django.utils import timezone

from news.models import Article, Event
from symbiosis.admin_links import can_view, change_url
from symbiosis.registry import dashboard_upcoming, dashboard_waiting


@dashboard_waiting.register("articles")
def waiting_articles(user):
    """Drafts and scheduled articles, the soonest first."""
    if not can_view(user, Article):
        return []
    now = timezone.now()
    return [
        {
            "object": article,
            "model": article.get_kind_display(),
            "url": change_url(article),
            "kind": article.get_status_display()
            if article.status == Article.Status.DRAFT
            else None,
            "scheduled": article.publish_at if article.status == Article.Status.PUBLISHED else None,
        }
        for article in Article.objects.exclude(
            status=Article.Status.PUBLISHED, publish_at__lte=now
        ).order_by("publish_at")[:20]
    ]


@dashboard_upcoming.register("events")
def upcoming_events(user):
    if not can_view(user, Event):
        return []
    return [
        {"object": event, "url": change_url(event)}
        for event in Event.objects.filter(end__gte=timezone.now()).order_by("start")[:5]
    ]
