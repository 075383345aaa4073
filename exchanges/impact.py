"""What the symbiosis saves (placeholder until the impact page lands)."""

from django.views.generic import TemplateView


class ImpactView(TemplateView):
    template_name = "exchanges/impact.html"
