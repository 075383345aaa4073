from listings.models import Listing
from symbiosis.registry import sitemap_sections
from symbiosis.seo import SectionSitemap


@sitemap_sections.register("listings")
class ListingsSitemap(SectionSitemap):
    """The exchange's list and results, and every published listing. Not the form to
    post one, nor the page after sending: nothing there to find."""

    pages = ["listings:list", "listings:results"]

    def objects(self):
        return [Listing.objects.published().only("pk", "updated").order_by("pk")]
