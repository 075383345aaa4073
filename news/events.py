"""Events, programmes, speakers and calendars (placeholder until the events land)."""

from django.http import Http404
from django.views.generic import DetailView, ListView

from news.models import Event, Speaker


class EventListView(ListView):
    template_name = "news/event_list.html"
    queryset = Event.objects.published()


class EventDetailView(DetailView):
    template_name = "news/event_detail.html"
    queryset = Event.objects.published()


class SpeakerDetailView(DetailView):
    template_name = "news/speaker_detail.html"
    queryset = Speaker.objects.all()


def calendar_feed(request):
    raise Http404


def event_ics(request, slug):
    raise Http404


def session_ics(request, slug, pk):
    raise Http404
