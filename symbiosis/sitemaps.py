"""The sitemap's sections (symbiosis/seo.py): the front page here, each app's in its
own `sitemaps.py`. The section name is in the address: /sitemap-partners.xml."""

from exchanges.sitemaps import ExchangesSitemap
from network.sitemaps import NetworkSitemap
from news.sitemaps import NewsSitemap
from pages.sitemaps import PagesSitemap
from partners.sitemaps import PartnersSitemap
from projects.sitemaps import ProjectsSitemap
from symbiosis.seo import SectionSitemap
from timeline.sitemaps import TimelineSitemap


class HomeSitemap(SectionSitemap):
    pages = ["home"]


# Classes, not instances: each request reads the published objects afresh.
SITEMAPS = {
    "home": HomeSitemap,
    "partners": PartnersSitemap,
    "flows": ExchangesSitemap,
    "news": NewsSitemap,
    "history": TimelineSitemap,
    "projects": ProjectsSitemap,
    "network": NetworkSitemap,
    "pages": PagesSitemap,
}
