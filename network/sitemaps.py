from symbiosis.seo import SectionSitemap


class NetworkSitemap(SectionSitemap):
    """The national network page (each symbiosis is a part of it, not a page of its own)."""

    pages = ["network:index"]
