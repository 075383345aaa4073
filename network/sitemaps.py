from symbiosis.registry import sitemap_sections
from symbiosis.seo import SectionSitemap


@sitemap_sections.register("network")
class NetworkSitemap(SectionSitemap):
    """The national network page (each symbiosis is a part of it, not a page of its own)."""

    pages = ["network:index"]
