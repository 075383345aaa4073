"""The symbiosis diagram (placeholder until the diagram lands)."""

from django.views.generic import TemplateView


class DiagramView(TemplateView):
    template_name = "exchanges/diagram.html"
