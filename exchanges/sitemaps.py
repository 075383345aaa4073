from exchanges.models import Flow
from symbiosis.seo import SectionSitemap


class ExchangesSitemap(SectionSitemap):
    """The flow table, the diagram, the impact and open data pages, and every published flow."""

    pages = ["exchanges:flows", "exchanges:diagram", "exchanges:impact", "exchanges:open-data"]

    def objects(self):
        return [Flow.objects.published().only("pk", "updated").order_by("pk")]
