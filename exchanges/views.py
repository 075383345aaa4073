from django.views.generic import DetailView, ListView

from exchanges.filters import FlowFilterForm, apply_flow_filters
from exchanges.models import Flow


class FlowListView(ListView):
    template_name = "exchanges/flow_list.html"
    context_object_name = "flows"

    def get_queryset(self):
        self.filter_form = FlowFilterForm(self.request.GET)
        flows = Flow.objects.published().with_related()
        return apply_flow_filters(flows, self.filter_form.values)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        return context


class FlowDetailView(DetailView):
    template_name = "exchanges/flow_detail.html"
    context_object_name = "flow"

    def get_queryset(self):
        return Flow.objects.published().with_related()
