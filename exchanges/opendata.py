"""Open data downloads (placeholder until the open data lands)."""

from django.http import Http404
from django.views.generic import TemplateView


class OpenDataView(TemplateView):
    template_name = "exchanges/open_data.html"


def download(request, dataset, fmt):
    raise Http404
