"""iCalendar (RFC 5545) files for events and programme sessions.

Every file is stable: the same data gives the same bytes, so a calendar that
subscribes to the feed sees a change only when the secretariat changed something.
UIDs never depend on the host that served the file (a calendar would otherwise
keep two copies of an event fetched from two addresses), DTSTAMP and
LAST-MODIFIED come from the event's `updated`, and times are written in Danish
time with a VTIMEZONE for Europe/Copenhagen.

Texts (SUMMARY, DESCRIPTION, LOCATION) are in the active language, that is the
language of the URL, with a LANGUAGE parameter saying which language each text
is really in (Danish when English is missing).
"""

import datetime
import html
import re

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from symbiosis.bilingual import active_language

# Never change: calendars recognise an event they already hold by its UID.
UID_DOMAIN = "symbiosis.example.org"
PRODUCT_ID = "-//Kalundborg Symbiose//Events//{}"
# How often a subscribed calendar should look for changes (RFC 7986 REFRESH-INTERVAL).
REFRESH_INTERVAL = datetime.timedelta(hours=12)

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
PARAGRAPH_END = re.compile(r"</(p|h[1-6]|blockquote|pre|figure|ul|ol|table)>", re.IGNORECASE)
LINE_END = re.compile(r"</(li|tr)>|<br\s*/?>", re.IGNORECASE)


def event_uid(event):
    return f"event-{event.pk}@{UID_DOMAIN}"


def session_uid(session):
    return f"session-{session.pk}@{UID_DOMAIN}"


def ics_filename(*parts):
    """A readable ASCII file name: ("Årsmøde", "Velkomst") → aarsmoede-velkomst.ics."""
    name = "-".join(slugify(str(part).translate(DANISH_LETTERS)) for part in parts if part)
    return f"{name.strip('-')[:120] or 'calendar'}.ics"


def plain_text(rich_html):
    """Stored rich text as plain text for a calendar: paragraphs kept, tags dropped."""
    marked = LINE_END.sub("\n", PARAGRAPH_END.sub("\n\n", rich_html or ""))
    text = html.unescape(strip_tags(marked))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _in_copenhagen(moment):
    return moment.astimezone(timezone.get_default_timezone())


def _in_utc(moment):
    return moment.astimezone(datetime.UTC)


def _set_language(component, name, text):
    """Say which language a text is in (it may have fallen back to Danish)."""
    if name in component and getattr(text, "lang", None):
        component[name].params["LANGUAGE"] = text.lang


def _joined(*parts, separator=", "):
    return separator.join(str(part) for part in parts if part)


def event_location(event):
    return _joined(event.venue, event.address)


def session_location(session):
    return _joined(session.room, event_location(session.event))


def event_component(event, *, url):
    """The VEVENT of one event. `url`: the absolute address of its page."""
    description = _joined(plain_text(event.description), url, separator="\n\n")
    component = VEvent.new(
        uid=event_uid(event),
        summary=str(event.title),
        start=_in_copenhagen(event.start),
        end=_in_copenhagen(event.end),
        stamp=_in_utc(event.updated),
        last_modified=_in_utc(event.updated),
        description=description,
        location=event_location(event) or None,
        url=url,
        categories=[str(event.get_kind_display())],
    )
    _set_language(component, "SUMMARY", event.title)
    _set_language(component, "DESCRIPTION", event.description)
    return component


def session_component(session, *, url):
    """The VEVENT of one programme session (`session.event` and its speakers loaded)."""
    event = session.event
    speakers = [
        _joined(speaker.name, speaker.organisation_name) for speaker in session.speakers.all()
    ]
    description = _joined(
        str(session.description),
        _("Speakers: %(names)s") % {"names": "; ".join(speakers)} if speakers else "",
        _("Part of: %(event)s") % {"event": event.title},
        url,
        separator="\n\n",
    )
    component = VEvent.new(
        uid=session_uid(session),
        summary=str(session.title),
        start=_in_copenhagen(session.start),
        end=_in_copenhagen(session.end),
        # Sessions are edited on their event's page, which stamps the event.
        stamp=_in_utc(event.updated),
        last_modified=_in_utc(event.updated),
        description=description,
        location=session_location(session) or None,
        url=url,
    )
    _set_language(component, "SUMMARY", session.title)
    return component


def new_calendar(*, key, url, name=None, subscribable=False):
    """An empty VCALENDAR. `key` names it in its UID (Calendar.new would invent a random
    one, and the file would change at every request)."""
    language = active_language()
    calendar = Calendar.new(
        prodid=PRODUCT_ID.format(language.upper()),
        uid=f"calendar-{key}-{language}@{UID_DOMAIN}",
        name=name,
        url=url,
        refresh_interval=REFRESH_INTERVAL if subscribable else None,
    )
    if subscribable:
        calendar.add("X-PUBLISHED-TTL", REFRESH_INTERVAL)  # the same, for Outlook
    return calendar


def finished(calendar):
    """Add the VTIMEZONE blocks the events refer to and serialise."""
    calendar.add_missing_timezones()
    return calendar.to_ical()
