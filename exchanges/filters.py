"""Query-parameter filters shared by the flow pages, the diagram and the open data.

Parameters come from anyone: a value that is not valid is dropped, the page
says so in the visitor's language, and nothing raises.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from exchanges.models import Category, Flow

FIRST_YEAR = 1961


def this_year():
    return datetime.date.today().year


class FlowFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All categories")), *Category.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *Flow.Status.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), required=False)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is not None and not FIRST_YEAR <= year <= this_year():
            raise forms.ValidationError(
                _("Choose a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": this_year()}
            )
        return year

    @property
    def values(self):
        """The valid filters only: {'category': 'water', 'year': 1990, …}; invalid ones dropped."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data[name]
            for name in self.fields
            if name not in self.errors and data.get(name) not in (None, "")
        }

    @property
    def problems(self):
        """Messages about dropped values, for the page to show."""
        self.is_valid()
        return [message for errors in self.errors.values() for message in errors]


def apply_flow_filters(queryset, values):
    if "category" in values:
        queryset = queryset.filter(resource__category=values["category"])
    if "status" in values:
        queryset = queryset.filter(status=values["status"])
    if "year" in values:
        queryset = queryset.in_year(values["year"])
    return queryset
