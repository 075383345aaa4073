from partners.models import Partner
from symbiosis.seo import SectionSitemap


class PartnersSitemap(SectionSitemap):
    """The directory and every published partner."""

    pages = ["partners:list"]

    def objects(self):
        return [Partner.objects.published().only("slug", "updated").order_by("pk")]
