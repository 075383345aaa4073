from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Partner
from symbiosis.forms import QueryFilterForm


class PartnerFilterForm(QueryFilterForm):
    """Directory filters from the query string; invalid values are dropped, never a 500."""

    membership = forms.ChoiceField(
        label=_("Membership"),
        choices=[("", _("All")), *Partner.Membership.choices],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Partner.Kind.choices], required=False
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, data, *, sectors):
        super().__init__(data)
        self.fields["sector"].choices = [("", _("All sectors")), *sectors]
