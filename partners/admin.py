from django.contrib import admin
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from partners.models import BoardSeat, FormerName, Partner, Person
from symbiosis import dates
from symbiosis.admin_filters import missing_english_filter
from symbiosis.versions.admin import VersionedAdmin


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


class BoardSeatInline(admin.TabularInline):
    model = BoardSeat
    fk_name = "partner"
    extra = 0
    fields = ["office", "person", "person_name", "started", "ended", "order"]
    autocomplete_fields = ["person"]
    verbose_name_plural = _("board seats and offices held for this organisation")


@admin.register(Partner)
class PartnerAdmin(VersionedAdmin):
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
    inlines = [FormerNameInline, PersonInline, BoardSeatInline]
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
class PersonAdmin(VersionedAdmin):
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


class CurrentSeatFilter(admin.SimpleListFilter):
    title = _("in office")
    parameter_name = "in_office"

    def lookups(self, request, model_admin):
        return [("current", _("Current")), ("former", _("Former"))]

    def queryset(self, request, queryset):
        today = dates.today()
        if self.value() == "current":
            return queryset.on(today)
        if self.value() == "former":
            return queryset.filter(ended__lt=today)
        return queryset


@admin.register(BoardSeat)
class BoardSeatAdmin(VersionedAdmin):
    list_display = ["office", "holder", "partner", "started", "ended"]
    list_display_links = ["office", "holder"]
    list_filter = [CurrentSeatFilter, "office", ("partner", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["person", "partner"]
    search_fields = ["person__name", "person_name", "partner__name"]
    autocomplete_fields = ["person", "partner"]
    date_hierarchy = "started"
    fieldsets = [
        (
            None,
            {
                "fields": ["office", "person", "person_name", "partner"],
                "description": _(
                    "Choose a registered person, or type the name of someone who is not "
                    "registered. The organisation follows the person when left empty."
                ),
            },
        ),
        (_("Period"), {"fields": [("started", "ended"), "order"]}),
    ]

    @admin.display(description=_("name"), ordering=Coalesce("person__name", "person_name"))
    def holder(self, seat):
        return seat.name
