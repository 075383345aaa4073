from pages.models import Page
from symbiosis.registry import sitemap_sections
from symbiosis.seo import SectionSitemap


@sitemap_sections.register("pages")
class PagesSitemap(SectionSitemap):
    """Every published page the secretariat wrote (drafts are left out)."""

    def objects(self):
        return [Page.objects.published().only("slug", "updated").order_by("pk")]
