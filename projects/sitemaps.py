from projects.models import Project
from symbiosis.registry import sitemap_sections
from symbiosis.seo import SectionSitemap


@sitemap_sections.register("projects")
class ProjectsSitemap(SectionSitemap):
    """The project list and every published project."""

    pages = ["projects:list"]

    def objects(self):
        return [Project.objects.published().only("slug", "updated").order_by("pk")]
