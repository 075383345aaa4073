from partners.models import Partner
from symbiosis.registry import sitemap_sections
from symbiosis.seo import SectionSitemap


@sitemap_sections.register("partners")
class PartnersSitemap(SectionSitemap):
    """The directory and every published partner."""

    pages = ["partners:list"]

    def objects(self):
        return [Partner.objects.published().only("slug", "updated").order_by("pk")]
