from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from network.models import Symbiosis
from symbiosis.admin_filters import missing_english_filter
from symbiosis.versions.admin import VersionedAdmin


@admin.register(Symbiosis)
class SymbiosisAdmin(VersionedAdmin):
    list_display = ["name", "town", "role", "founded", "is_public", "order"]
    list_editable = ["order"]
    list_filter = ["role", "is_public", missing_english_filter("description")]
    search_fields = ["name", "town", "coordinator", "description_da", "description_en"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "role", "coordinator", "founded", "website"]}),
        (_("Danish"), {"fields": ["description_da"]}),
        (_("English"), {"fields": ["description_en"]}),
        (
            _("Place on the map"),
            {
                "fields": ["town", ("latitude", "longitude")],
                "description": _(
                    "The town's position is enough: the map is small. Find it on any map "
                    "service and copy the two numbers (latitude first)."
                ),
            },
        ),
        (_("On the website"), {"fields": ["is_public", "order"]}),
    ]
