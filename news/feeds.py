"""RSS and Atom feeds (placeholder until the news lands)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from news.models import Article


class LatestArticlesRss(Feed):
    title = "Kalundborg Symbiose"
    link = "/"

    def items(self):
        return Article.objects.published()[:20]


class LatestArticlesAtom(LatestArticlesRss):
    feed_type = Atom1Feed
