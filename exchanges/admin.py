from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from exchanges.models import Category, Flow, FlowFigure, ImpactStatement, Resource, units_for
from exchanges.units import Unit
from symbiosis.admin_filters import missing_english_filter
from symbiosis.versions.admin import VersionedAdmin


@admin.register(Resource)
class ResourceAdmin(VersionedAdmin):
    list_display = ["name_da", "name_en", "category", "default_unit"]
    list_filter = ["category"]
    search_fields = ["name_da", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class FlowFigureFormSet(BaseInlineFormSet):
    def clean(self):
        """The unit must fit the flow's resource, also when the flow is new or its
        resource changes in the same save."""
        super().clean()
        resource = getattr(self.instance, "resource", None) if self.instance.resource_id else None
        if resource is None:
            return
        allowed = units_for(resource.category)
        for form in self.forms:
            unit = form.cleaned_data.get("unit") if hasattr(form, "cleaned_data") else None
            if unit and unit not in allowed and not form.cleaned_data.get("DELETE"):
                form.add_error(
                    "unit",
                    _("%(unit)s does not fit a resource of the category %(category)s.")
                    % {"unit": Unit(unit).label, "category": Category(resource.category).label},
                )


class FlowFigureInline(admin.TabularInline):
    model = FlowFigure
    formset = FlowFigureFormSet
    extra = 1
    fields = [
        "year",
        "kind",
        "quantity",
        "unit",
        "co2_avoided_t",
        "water_saved_m3",
        "source",
        "source_url",
    ]


@admin.register(Flow)
class FlowAdmin(VersionedAdmin):
    list_display = ["__str__", "category", "year_started", "year_ended", "status", "is_public"]
    list_filter = [
        "resource__category",
        "status",
        "is_public",
        ("supplier", admin.RelatedOnlyFieldListFilter),
        ("receiver", admin.RelatedOnlyFieldListFilter),
        missing_english_filter("story"),
    ]
    list_select_related = ["supplier", "receiver", "resource"]
    search_fields = [
        "supplier__name",
        "receiver__name",
        "resource__name_da",
        "resource__name_en",
        "story_da",
        "story_en",
    ]
    autocomplete_fields = ["supplier", "receiver", "resource"]
    inlines = [FlowFigureInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "supplier",
                    "receiver",
                    "resource",
                    "status",
                    ("year_started", "year_ended"),
                    "is_public",
                ]
            },
        ),
        (_("Danish"), {"fields": ["story_da"]}),
        (_("English"), {"fields": ["story_en"]}),
    ]

    @admin.display(description=_("category"), ordering="resource__category")
    def category(self, flow):
        return flow.resource.get_category_display()


@admin.register(ImpactStatement)
class ImpactStatementAdmin(VersionedAdmin):
    list_display = ["year", "metric", "value", "unit", "note_da", "source"]
    list_filter = ["metric", "year"]
    search_fields = ["source", "note_da", "note_en", "method_da", "method_en"]
    fieldsets = [
        (None, {"fields": ["year", "metric", ("value", "unit"), "source", "source_url"]}),
        (_("Danish"), {"fields": ["note_da", "method_da"]}),
        (_("English"), {"fields": ["note_en", "method_en"]}),
    ]
