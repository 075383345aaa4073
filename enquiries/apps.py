from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = _("Enquiries")
    # What people send is never shown on a public page: saving one keeps the page cache.
    public_content = False
