from django.urls import path
from django.utils.translation import gettext_lazy as _

from news import events, feeds, press, views

app_name = "news"

urlpatterns = [
    # News (news/views.py, news/feeds.py)
    path(_("news/"), views.ArticleListView.as_view(), name="articles"),
    path(_("news/feed/rss/"), feeds.LatestArticlesRss(), name="rss"),
    path(_("news/feed/atom/"), feeds.LatestArticlesAtom(), name="atom"),
    path(_("news/<slug:slug>/"), views.ArticleDetailView.as_view(), name="article"),
    # Events, programmes, speakers and calendars (news/events.py)
    path(_("events/"), events.EventListView.as_view(), name="events"),
    path(_("events/calendar.ics"), events.calendar_feed, name="calendar"),
    path(_("events/<slug:slug>/"), events.EventDetailView.as_view(), name="event"),
    path(_("events/<slug:slug>.ics"), events.event_ics, name="event-ics"),
    path(_("events/<slug:slug>/sessions/<int:pk>.ics"), events.session_ics, name="session-ics"),
    path(_("speakers/<slug:slug>/"), events.SpeakerDetailView.as_view(), name="speaker"),
    # The press room (news/press.py)
    path(_("press/"), press.PressRoomView.as_view(), name="press"),
    path(_("press/press-kit.zip"), press.press_kit, name="press-kit"),
    path(_("press/<int:pk>/<str:version>/"), press.download, name="press-download"),
]
