from symbiosis.registry import sitemap_sections
from symbiosis.seo import SectionSitemap


@sitemap_sections.register("enquiries")
class EnquiriesSitemap(SectionSitemap):
    """The forms and the privacy page; not the "thank you" pages (noindex, nothing to find)."""

    pages = ["enquiries:contact", "enquiries:visit", "enquiries:apply", "enquiries:privacy"]
