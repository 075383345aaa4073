from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pages.models import Page
from symbiosis.admin_filters import missing_english_filter
from symbiosis.versions.admin import VersionedAdmin


@admin.register(Page)
class PageAdmin(VersionedAdmin):
    list_display = [
        "title_da",
        "slug",
        "status",
        "navigation",
        "nav_order",
        "has_english",
        "updated",
    ]
    list_editable = ["nav_order"]
    list_filter = [
        "status",
        "navigation",
        "feature",
        missing_english_filter("title", "lead", "body"),
    ]
    search_fields = ["title_da", "title_en", "lead_da", "lead_en", "body_da", "body_en", "slug"]
    prepopulated_fields = {"slug": ["title_da"]}
    fieldsets = [
        (
            _("Publishing"),
            {
                "fields": ["status", "slug", ("navigation", "nav_order"), "feature"],
                "description": _(
                    "A page is on the website when its status is Published. Drafts can be "
                    "seen by staff at the same address, marked as a preview."
                ),
            },
        ),
        (_("Danish"), {"fields": ["title_da", "lead_da", "body_da"]}),
        (_("English"), {"fields": ["title_en", "lead_en", "body_en"]}),
    ]

    @admin.display(description=_("English"), boolean=True)
    def has_english(self, page):
        return bool(page.title_en and (page.body_en or not page.body_da))
