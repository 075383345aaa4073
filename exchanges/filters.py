"""Query-parameter filters shared by the flow pages, the diagram and the open data.

Parameters come from anyone: a value that is not valid is dropped, the page
says so in the visitor's language, and nothing raises.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from exchanges.models import Category, Flow
from symbiosis.dates import this_year
from symbiosis.forms import QueryFilterForm

FIRST_YEAR = 1961


class FlowFilterForm(QueryFilterForm):
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


def apply_flow_filters(queryset, values):
    if "category" in values:
        queryset = queryset.filter(resource__category=values["category"])
    if "status" in values:
        queryset = queryset.filter(status=values["status"])
    if "year" in values:
        queryset = queryset.in_year(values["year"])
    return queryset
