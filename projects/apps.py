from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")
    # Its rows show on public pages: saving or deleting one drops the page cache.
    public_content = True
