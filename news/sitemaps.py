from news.events import public_speakers
from news.models import Article, Event
from symbiosis.registry import sitemap_sections
from symbiosis.seo import SectionSitemap


@sitemap_sections.register("news")
class NewsSitemap(SectionSitemap):
    """News, events and the press room, with every published article, event and the
    speakers of published events (speakers keep no modified time: no lastmod)."""

    pages = ["news:articles", "news:events", "news:press"]

    def objects(self):
        return [
            Article.objects.published().only("slug", "updated").order_by("pk"),
            Event.objects.published().only("slug", "updated").order_by("pk"),
            public_speakers().only("slug").order_by("pk"),
        ]
