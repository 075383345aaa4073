from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from projects.models import Funding, Participant, Project, grants_over_budget
from projects.money import format_money
from symbiosis.admin_filters import missing_english_filter
from symbiosis.versions.admin import VersionedAdmin


class StatusFilter(admin.SimpleListFilter):
    """Planned, running or completed: worked out from the dates and today."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Project.Status.choices

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == Project.Status.PLANNED:
            return queryset.planned(today)
        if self.value() == Project.Status.RUNNING:
            return queryset.running(today)
        if self.value() == Project.Status.COMPLETED:
            return queryset.completed(today)
        return queryset


class FundingFormSet(BaseInlineFormSet):
    def clean(self):
        """The grants in the project's own currency may not add up to more than its
        total budget, also when the budget is changed in the same save."""
        super().clean()
        grants = [
            (form.cleaned_data.get("amount"), form.cleaned_data.get("currency"))
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        over = grants_over_budget(self.instance, grants)
        if over:
            currency, grants_sum, budget = over
            raise ValidationError(
                _(
                    "The grants in %(currency)s add up to %(grants)s, which is more than the "
                    "project's total budget of %(budget)s. Correct the amounts or the budget."
                )
                % {
                    "currency": currency,
                    "grants": format_money(grants_sum, currency),
                    "budget": format_money(budget, currency),
                },
                code="over_budget",
            )


class FundingInline(admin.TabularInline):
    model = Funding
    formset = FundingFormSet
    extra = 1
    fields = ["source_da", "source_en", "amount", "currency", "order"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 1
    fields = ["partner", "name", "country", "role_da", "role_en", "order"]
    autocomplete_fields = ["partner"]


@admin.register(Project)
class ProjectAdmin(VersionedAdmin):
    list_display = [
        "title_da",
        "acronym",
        "programme_da",
        "start",
        "final_end_date",
        "status_label",
        "budget",
        "has_english",
        "is_public",
        "on_site",
    ]
    list_filter = [
        StatusFilter,
        "programme_da",
        "currency",
        "is_public",
        missing_english_filter("title", "programme", "summary", "description"),
    ]
    search_fields = [
        "title_da",
        "title_en",
        "acronym",
        "programme_da",
        "programme_en",
        "summary_da",
        "summary_en",
        "grant_reference",
        "grant_holder__name",
        "grant_holder_name",
    ]
    list_select_related = ["grant_holder"]
    prepopulated_fields = {"slug": ["title_da"]}
    autocomplete_fields = ["grant_holder"]
    inlines = [FundingInline, ParticipantInline]
    fieldsets = [
        (None, {"fields": ["acronym", "slug", ("is_public", "order")]}),
        (_("Danish"), {"fields": ["title_da", "programme_da", "summary_da", "description_da"]}),
        (_("English"), {"fields": ["title_en", "programme_en", "summary_en", "description_en"]}),
        (
            _("Grant"),
            {
                "fields": [
                    "fund",
                    "grant_reference",
                    ("total_budget", "currency"),
                    ("grant_holder", "grant_holder_name"),
                ],
                "description": _(
                    "Leave the total budget empty if it is not known. Give the grant holder "
                    "either as a partner or as a name, not both. The grants below in the "
                    "project's currency may not add up to more than the total budget; "
                    "grants in another currency are shown but never added to it."
                ),
            },
        ),
        (
            _("Period"),
            {"fields": [("start", "end", "amended_end"), "date_precision"]},
        ),
        (_("Consortium"), {"fields": [("partner_count", "country_count"), "website"]}),
    ]

    @admin.display(description=_("ends"), ordering="end")
    def final_end_date(self, project):
        return project.final_end

    @admin.display(description=_("status"))
    def status_label(self, project):
        return project.get_status_display()

    @admin.display(description=_("total budget"), ordering="total_budget")
    def budget(self, project):
        return project.budget_display or "–"

    @admin.display(description=_("English"), boolean=True)
    def has_english(self, project):
        return bool(project.title_en.strip() and project.summary_en.strip())

    @admin.display(description=_("on the site"))
    def on_site(self, project):
        if not project.is_public:
            return "–"
        return format_html('<a href="{}">{}</a>', project.get_absolute_url(), _("View"))
