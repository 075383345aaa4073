from symbiosis.registry import sitemap_sections
from symbiosis.seo import SectionSitemap


@sitemap_sections.register("history")
class TimelineSitemap(SectionSitemap):
    """The history page (milestones are parts of it, not pages of their own)."""

    pages = ["timeline:index"]
