"""Admin helpers shared by every app whose content has `_da`/`_en` columns."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MissingEnglishFilter(admin.SimpleListFilter):
    """ "English text: missing": rows with Danish text but no English in any of
    `fields` (a field may cross a relation, e.g. "sessions__title")."""

    title = _("English text")
    parameter_name = "english"
    fields = ()

    def lookups(self, request, model_admin):
        return [("missing", _("Missing English"))]

    def queryset(self, request, queryset):
        if self.value() != "missing":
            return queryset
        condition = Q()
        for field in self.fields:
            condition |= Q(**{f"{field}_en": ""}) & ~Q(**{f"{field}_da": ""})
        queryset = queryset.filter(condition)
        return queryset.distinct() if any("__" in f for f in self.fields) else queryset


def missing_english_filter(*fields):
    """A MissingEnglishFilter over `fields`: `list_filter = [missing_english_filter("title")]`."""
    return type("MissingEnglishFilter", (MissingEnglishFilter,), {"fields": fields})
