from exchanges.models import Flow
from symbiosis.registry import sitemap_sections
from symbiosis.seo import SectionSitemap


@sitemap_sections.register("flows")
class FlowsSitemap(SectionSitemap):
    """The flow table, the diagram, the impact and open data pages, and every published flow."""

    pages = ["exchanges:flows", "exchanges:diagram", "exchanges:impact", "exchanges:open-data"]

    def objects(self):
        return [Flow.objects.published().only("pk", "updated").order_by("pk")]
