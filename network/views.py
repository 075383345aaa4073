"""The national network page: Symbiose Netværk Danmark, its symbioses and a map."""

from django.views.generic import ListView

from network.map import network_map
from network.models import Symbiosis


class NetworkView(ListView):
    template_name = "network/index.html"
    context_object_name = "symbioses"

    def get_queryset(self):
        return Symbiosis.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        symbioses = list(context["symbioses"])  # one query, for the list and the map alike
        context["symbioses"] = symbioses
        context["map"] = network_map(symbioses)
        shown = {s.role for s in symbioses}
        context["roles"] = [(v, label) for v, label in Symbiosis.Role.choices if v in shown]
        return context
