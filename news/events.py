"""Events, their programmes and speakers, and calendar files (iCalendar) for them.

Times are shown in Danish time (Europe/Copenhagen) with the zone stated, whatever
the visitor's own zone: the events happen in Kalundborg.
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from news import calendars
from news.models import Event, Session, Speaker
from symbiosis.addresses import absolute_url
from symbiosis.bilingual import active_language

# Day formats for the `date` filter: "mandag 24. oktober 2022", "Monday 24 October 2022".
DAY_FORMATS = {"da": "l j. F Y", "en": "l j F Y"}
PAST_EVENTS_PER_PAGE = 10


def public_speakers():
    """Speakers at a session of at least one event shown on the website."""
    return Speaker.objects.filter(
        Exists(Session.objects.filter(speakers=OuterRef("pk"), event__in=Event.objects.published()))
    )


def programme_sessions():
    """Sessions with their speakers (and the speakers' partners) in two queries."""
    return Session.objects.prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.select_related("partner"))
    )


class DanishTimeMixin:
    """Templates show dates in the visitor's language and times in Danish time."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["DAY_FORMAT"] = DAY_FORMATS.get(active_language(), DAY_FORMATS["en"])
        return context


class EventListView(DanishTimeMixin, ListView):
    """Upcoming events first (all of them: they are few), past events below, by pages."""

    template_name = "news/event_list.html"
    context_object_name = "past_events"
    paginate_by = PAST_EVENTS_PER_PAGE

    def get_queryset(self):
        self.now = timezone.now()
        return Event.objects.past(now=self.now)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first_page = context["page_obj"].number == 1
        context["upcoming_events"] = Event.objects.upcoming(now=self.now) if first_page else []
        context["show_upcoming"] = first_page
        context["calendar_url"] = absolute_url(self.request, reverse("news:calendar"))
        return context


class EventDetailView(DanishTimeMixin, DetailView):
    template_name = "news/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().prefetch_related(
            Prefetch("sessions", queryset=programme_sessions())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        days = []
        for session in event.sessions.all():
            day = timezone.localtime(session.start, timezone.get_default_timezone()).date()
            if not days or days[-1]["day"] != day:
                days.append({"day": day, "sessions": []})
            days[-1]["sessions"].append(session)
        context["programme_days"] = days
        context["is_past"] = event.end < timezone.now()
        return context


class SpeakerDetailView(DanishTimeMixin, DetailView):
    template_name = "news/speaker_detail.html"
    context_object_name = "speaker"

    def get_queryset(self):
        return public_speakers().select_related("partner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sessions"] = (
            self.object.sessions.filter(event__in=Event.objects.published())
            .select_related("event")
            .order_by("start", "pk")
        )
        return context


def _calendar_response(calendar, filename):
    response = HttpResponse(
        calendars.finished(calendar), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _session_url(request, session):
    page = absolute_url(request, session.event.get_absolute_url())
    return f"{page}#session-{session.pk}"


@require_safe
def calendar_feed(request):
    """Every published event, for a calendar app to subscribe to."""
    events = Event.objects.published().order_by("start", "pk")
    name = _("Kalundborg Symbiosis events")
    calendar = calendars.new_calendar(
        key="events",
        name=name,
        url=absolute_url(request, reverse("news:calendar")),
        subscribable=True,
    )
    for event in events:
        page = absolute_url(request, event.get_absolute_url())
        calendar.add_component(calendars.event_component(event, url=page))
    return _calendar_response(calendar, calendars.ics_filename(name))


@require_safe
def event_ics(request, slug):
    """One event as a calendar file."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    page = absolute_url(request, event.get_absolute_url())
    calendar = calendars.new_calendar(key=f"event-{event.pk}", name=str(event.title), url=page)
    calendar.add_component(calendars.event_component(event, url=page))
    return _calendar_response(calendar, calendars.ics_filename(event.slug))


@require_safe
def session_ics(request, slug, pk):
    """One session of an event's programme as a calendar file."""
    session = get_object_or_404(
        programme_sessions().select_related("event"),
        event__in=Event.objects.published(),
        event__slug=slug,
        pk=pk,
    )
    url = _session_url(request, session)
    calendar = calendars.new_calendar(
        key=f"session-{session.pk}", name=str(session.event.title), url=url
    )
    calendar.add_component(calendars.session_component(session, url=url))
    return _calendar_response(calendar, calendars.ics_filename(slug, session.title))
