from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from partners.models import FormerName, Partner, Person
from symbiosis.admin_filters import missing_english_filter


class PersonInline(admin.StackedInline):
    model = Person
    extra = 0
    fields = [
        ("name", "order"),
        ("role_da", "role_en"),
        ("email", "phone"),
        "linkedin",
        "photo",
        ("is_public", "is_press_contact"),
    ]


class FormerNameInline(admin.TabularInline):
    model = FormerName
    extra = 0


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "membership", "year_joined", "is_public"]
    list_filter = [
        "membership",
        "kind",
        "is_public",
        missing_english_filter("summary", "sector", "description"),
    ]
    search_fields = [
        "name",
        "former_names__name",
        "summary_da",
        "summary_en",
        "sector_da",
        "sector_en",
    ]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FormerNameInline, PersonInline]
    readonly_fields = ["flows"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "membership", ("year_joined", "year_left")]}),
        (_("Danish"), {"fields": ["sector_da", "summary_da", "description_da"]}),
        (_("English"), {"fields": ["sector_en", "summary_en", "description_en"]}),
        (_("On the website"), {"fields": ["website", "logo", "is_public"]}),
        (
            _("Address and map"),
            {"fields": ["street", ("postcode", "town"), ("latitude", "longitude")]},
        ),
        (
            _("Diagram"),
            {
                "fields": [("diagram_x", "diagram_y")],
                "description": _("Leave empty to let the diagram place the partner automatically."),
            },
        ),
        (_("Flows"), {"fields": ["flows"]}),
    ]

    @admin.display(description=_("flows out and in"))
    def flows(self, partner):
        if not partner.pk:
            return "–"
        flows = [
            *partner.flows_out.select_related("resource", "receiver"),
            *partner.flows_in.select_related("resource", "supplier"),
        ]
        if not flows:
            return _("No flows yet.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                ((reverse("admin:exchanges_flow_change", args=[f.pk]), str(f)) for f in flows),
            ),
        )


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "role_da", "is_public", "is_press_contact", "order"]
    list_filter = [
        "is_public",
        "is_press_contact",
        ("organisation", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["organisation"]
    search_fields = ["name", "role_da", "role_en", "email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_editable = ["order"]
