from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.models import Partner


class MissingEnglishFilter(admin.SimpleListFilter):
    title = _("English text")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing English"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(
                Q(summary_en="")
                | (Q(sector_en="") & ~Q(sector_da=""))
                | (Q(description_en="") & ~Q(description_da=""))
            )
        return queryset


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "membership", "year_joined", "is_public"]
    list_filter = ["membership", "kind", "is_public", MissingEnglishFilter]
    search_fields = ["name", "summary_da", "summary_en", "sector_da", "sector_en"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "membership", "year_joined", "year_left"]}),
        (_("Danish"), {"fields": ["sector_da", "summary_da", "description_da"]}),
        (_("English"), {"fields": ["sector_en", "summary_en", "description_en"]}),
        (_("On the website"), {"fields": ["website", "logo", "is_public"]}),
    ]
