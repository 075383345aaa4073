"""TEMPORARY: the profile page is being written (replaced before this lands)."""

from django.views.generic import TemplateView

from workspace.access import OrganisationMixin


class ProfileView(OrganisationMixin, TemplateView):
    template_name = "workspace/organisation.html"
