"""Admin for the timeline: the milestones of the symbiosis's history.

An uploaded image is checked by the site's one upload policy (the model's
`symbiosis.uploads.ImageUploadField` brings it to the form: a real JPEG, PNG or WebP
within the size and pixel limits; SVG and PDF refused) and stored under a safe name,
without its metadata.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from symbiosis.admin_filters import missing_english_filter
from symbiosis.versions.admin import VersionedAdmin
from timeline.models import Milestone


class MilestoneAdminForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = [
            "year",
            "month",
            "day",
            "title_da",
            "text_da",
            "title_en",
            "text_en",
            "image",
            "image_alt_da",
            "image_alt_en",
            "partners",
            "flows",
            "is_public",
        ]


class DecadeFilter(admin.SimpleListFilter):
    title = _("decade")
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        years = Milestone.objects.order_by().values_list("year", flat=True).distinct()
        decades = sorted({year - year % 10 for year in years})
        return [(str(d), f"{d}–{d + 9}") for d in decades]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value.isdigit() and len(value) == 4:
            decade = int(value)
            return queryset.filter(year__gte=decade, year__lte=decade + 9)
        return queryset


@admin.register(Milestone)
class MilestoneAdmin(VersionedAdmin):
    form = MilestoneAdminForm
    list_display = ["date", "title_da", "has_english", "has_image", "is_public"]
    list_display_links = ["date", "title_da"]
    list_filter = [
        "is_public",
        DecadeFilter,
        missing_english_filter("title", "text", "image_alt"),
    ]
    search_fields = ["title_da", "title_en", "text_da", "text_en"]
    autocomplete_fields = ["partners", "flows"]
    fieldsets = [
        (
            _("When"),
            {
                "fields": [("year", "month", "day")],
                "description": _(
                    "Give the year; add the month and the day only when they are known. "
                    "The timeline writes the date as precisely as you give it."
                ),
            },
        ),
        (_("Danish"), {"fields": ["title_da", "text_da"]}),
        (_("English"), {"fields": ["title_en", "text_en"]}),
        (_("Image"), {"fields": ["image", ("image_alt_da", "image_alt_en")]}),
        (_("Links"), {"fields": ["partners", "flows"]}),
        (_("On the website"), {"fields": ["is_public"]}),
    ]

    @admin.display(description=_("date"), ordering="year")
    def date(self, milestone):
        return milestone.date_label

    @admin.display(description=_("English"), boolean=True)
    def has_english(self, milestone):
        return bool(milestone.title_en.strip())

    @admin.display(description=_("image"), boolean=True)
    def has_image(self, milestone):
        return bool(milestone.image)
