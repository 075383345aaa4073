from projects.models import Project
from symbiosis.seo import SectionSitemap


class ProjectsSitemap(SectionSitemap):
    """The project list and every published project."""

    pages = ["projects:list"]

    def objects(self):
        return [Project.objects.published().only("slug", "updated").order_by("pk")]
