from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Project
from symbiosis.forms import QueryFilterForm


class ProjectFilterForm(QueryFilterForm):
    """The list's filter from the query string; invalid values are dropped, never a 500."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All projects")), *Project.Status.choices],
        required=False,
    )
