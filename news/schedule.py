"""Articles published at a set moment: the page cache is dropped when it comes
(`symbiosis.registry.scheduled_publications`)."""

from django.utils import timezone

from news.models import Article
from symbiosis.registry import scheduled_publications


@scheduled_publications.register("news.Article")
def next_article_moment():
    """When the next scheduled article goes live, or None when none is scheduled."""
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
