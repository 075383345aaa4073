from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "workspace"
    verbose_name = _("Partners' workspace")
    # Accepted figures and approved profile changes reach public pages through the
    # flows' and partners' own rows, whose saving drops the page cache; this app's own
    # rows show on no public page.
    public_content = False

    def ready(self):
        # A listing changed in the workspace is in the version history with who changed
        # it (access.revision), as every workspace change is. Without its contact's name
        # and address: those are erased when their time is up (listings/retention.py), and
        # a version must not keep them longer.
        import reversion

        from listings.models import Listing

        if not reversion.is_registered(Listing):
            reversion.register(Listing, exclude=("contact_name", "contact_email"))
