"""RSS and Atom feeds of the latest published articles, one per language.

The language comes from the URL prefix (/da/…, /en/…): titles and descriptions
are in that language, or in Danish where English is missing. Links are absolute
(SITE_URL when set, otherwise the request's host).
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from news.models import Article
from symbiosis.addresses import site_root

FEED_LENGTH = 20
# Time of day given to an article whose original date differs from its publish_at day.
NOON = datetime.time(12, 0)


@dataclass(frozen=True)
class FeedRequest:
    """What the feed needs from the request, passed as Django's feed `obj`."""

    root: str
    path: str

    def absolute(self, path):
        return self.root + path


def published_moment(article):
    """The original publication date as an aware datetime: the exact publish_at moment
    when it falls on that day, otherwise noon (Danish time) of the day."""
    moment = timezone.localtime(article.publish_at, timezone.get_default_timezone())
    if moment.date() == article.first_published:
        return moment
    return datetime.datetime.combine(
        article.first_published, NOON, tzinfo=timezone.get_default_timezone()
    )


class LatestArticlesRss(Feed):
    author_name = "Kalundborg Symbiose"

    def get_object(self, request, *args, **kwargs):
        root = site_root(request)
        return FeedRequest(root=root, path=request.path)

    def title(self, obj):
        return gettext("Kalundborg Symbiosis: news")

    def description(self, obj):
        return gettext("News, press releases and newsletters from Kalundborg Symbiosis.")

    def link(self, obj):
        return obj.absolute(reverse("news:articles"))

    def feed_url(self, obj):
        return obj.absolute(obj.path)

    def items(self, obj):
        articles = list(Article.objects.published()[:FEED_LENGTH])
        for article in articles:
            # Items reach item_link() alone; the site's root travels with them.
            article.feed_link = obj.absolute(article.get_absolute_url())
        return articles

    def item_title(self, item):
        return str(item.title)

    def item_description(self, item):
        return str(item.lead)

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return published_moment(item)

    def item_updateddate(self, item):
        return max(published_moment(item), item.updated)

    def item_categories(self, item):
        return [item.get_kind_display()]


class LatestArticlesAtom(LatestArticlesRss):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
