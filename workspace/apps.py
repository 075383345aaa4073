from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "workspace"
    verbose_name = _("Partners' workspace")
    # Accepted figures and approved profile changes reach public pages through the
    # flows' and partners' own rows, whose saving drops the page cache; this app's own
    # rows show on no public page.
    public_content = False
