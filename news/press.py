"""The press room (placeholder until the press room lands)."""

from django.http import Http404
from django.views.generic import TemplateView


class PressRoomView(TemplateView):
    template_name = "news/press_room.html"


def press_kit(request):
    raise Http404


def download(request, pk, version):
    raise Http404
