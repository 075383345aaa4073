"""Projects in the site search (collected by search's autodiscovery)."""

from django.utils.translation import gettext_lazy as _

from projects.models import Project
from search.documents import fields, join, register
from search.text import plain_text


@register("project", _("Projects"), order=90, model=Project)
def project_entry(project, _context):
    title_en = project.title_en
    if project.acronym:
        title_da = f"{project.acronym}: {project.title_da}"
        title_en = f"{project.acronym}: {title_en}" if title_en else ""
    else:
        title_da = project.title_da
    return fields(
        project,
        title_da=title_da,
        title_en=title_en,
        text_da=join(project.summary_da, project.programme_da, plain_text(project.description_da)),
        text_en=join(project.summary_en, project.programme_en, plain_text(project.description_en)),
        url=("projects:detail", {"slug": project.slug}),
        is_public=project.is_public,
    )
