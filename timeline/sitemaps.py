from symbiosis.seo import SectionSitemap


class TimelineSitemap(SectionSitemap):
    """The history page (milestones are parts of it, not pages of their own)."""

    pages = ["timeline:index"]
