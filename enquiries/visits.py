"""Study visits: the request form, the days that can be asked for, the invitation.

A group asks for up to three dates; the secretariat confirms one of them (or another)
in the admin (enquiries/admin_visits.py), and the visitor gets the invitation as an
`.ics` file. Which days can be asked for is decided in one place, `refusals()`, by the
secretariat's rules (`VisitCalendar`: notice, weekends, visits a day) and its closed
periods: the form and the admin's confirmation page ask the same function, so the
visitor reads the same reason the secretariat would.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db.models import Count
from django.forms.models import fields_for_model
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from icalendar import Calendar, Event, vCalAddress, vText

from enquiries.forms import MESSAGE_MAX_LENGTH, EnquiryForm
from enquiries.models import (
    ClosedPeriod,
    Interest,
    Status,
    VisitCalendar,
    VisitLanguage,
    VisitRequest,
)
from enquiries.views import EnquiryFormView

DATE_FIELDS = ("date_1", "date_2", "date_3")
# The form's fields as the page shows them: the contact person, the group, the dates.
FIELD_ORDER = [
    *("name", "email", "phone", "organisation", "group_size", "country"),
    *("visit_language", "visit_language_other", *DATE_FIELDS, "interests"),
    *("accessibility", "message"),
]
# Never change: a calendar recognises an invitation it already holds by its UID (the
# same domain as the events' calendar files, news/calendars.py).
UID_DOMAIN = "symbiosis.example.org"
PRODUCT_ID = "-//Kalundborg Symbiose//Study visits//{}"
# Visits happen in Kalundborg: the site's time zone (settings.TIME_ZONE).
VISIT_TIME_ZONE = timezone.get_default_timezone()
# The invitation's file name, in the visitor's language.
INVITATION_FILENAMES = {"da": "besoeg.ics", "en": "visit.ics"}


# Which days can be asked for.


def confirmed_counts(days):
    """{day: confirmed visits that day} for `days`, in one query."""
    rows = (
        VisitRequest.objects.filter(enquiry__status=Status.CONFIRMED, confirmed_date__in=days)
        .values("confirmed_date")
        .annotate(visits=Count("pk"))
    )
    return {row["confirmed_date"]: row["visits"] for row in rows}


def closed_days(days):
    """The days of `days` that fall in a closed period, in one query."""
    days = list(days)
    if not days:
        return set()
    periods = ClosedPeriod.objects.filter(start__lte=max(days), end__gte=min(days))
    return {day for day in days for period in periods if period.start <= day <= period.end}


def refusals(days, rules=None, today=None):
    """{day: why it cannot be asked for} for those of `days` that cannot; two queries
    (closed periods, confirmed visits) however many days."""
    rules = rules or VisitCalendar.current()
    today = today or timezone.localdate(timezone=VISIT_TIME_ZONE)
    days = [day for day in dict.fromkeys(days) if day]
    closed = closed_days(days)
    counts = confirmed_counts(days)
    earliest = today + datetime.timedelta(days=rules.days_ahead)
    reasons = {}
    for day in days:
        shown = formats.date_format(day, "DATE_FORMAT")
        if day < today:
            reasons[day] = _("%(day)s is in the past.") % {"day": shown}
        elif day < earliest:
            reasons[day] = ngettext(
                "%(day)s is too soon: we need %(days)s day's notice.",
                "%(day)s is too soon: we need %(days)s days' notice.",
                rules.days_ahead,
            ) % {"day": shown, "days": rules.days_ahead}
        elif rules.weekends_closed and day.weekday() >= 5:
            reasons[day] = _(
                "%(day)s is a Saturday or a Sunday: we receive no visits at weekends."
            ) % {"day": shown}
        elif day in closed:
            reasons[day] = _("%(day)s: the secretariat receives no visits then.") % {"day": shown}
        elif counts.get(day, 0) >= rules.visits_per_day:
            reasons[day] = _("%(day)s: that day is fully booked. Please choose another.") % {
                "day": shown
            }
    return reasons


def refusal(day, rules=None, today=None):
    """Why `day` cannot be asked for, or None when it can."""
    return refusals([day], rules, today).get(day)


# The form and its page.


class DateInput(forms.DateInput):
    """The browser's own date picker (the value in ISO format, as it sends it)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class VisitRequestForm(EnquiryForm):
    """What the secretariat needs to plan a visit: who, how many, when, what about."""

    kind = "visit"
    one_line_fields = (*EnquiryForm.one_line_fields, "country", "visit_language_other")
    visit_fields = (
        "group_size",
        "country",
        "visit_language",
        "visit_language_other",
        *DATE_FIELDS,
        "accessibility",
    )

    interests = forms.MultipleChoiceField(
        label=gettext_lazy("What would you like to hear about?"),
        choices=Interest.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta(EnquiryForm.Meta):
        fields = ["name", "email", "phone", "organisation", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "name": gettext_lazy("Contact person"),
            "organisation": gettext_lazy("Organisation, school or group"),
            "message": gettext_lazy("Anything else we should know?"),
        }

    def __init__(self, *args, **kwargs):
        # The visit's own fields, as the model has them (labels, limits); before
        # EnquiryForm.__init__, which adds the one-line check to some of them.
        self.base_fields = {**self.base_fields, **self.visit_field_set()}
        super().__init__(*args, **kwargs)
        self.rules = VisitCalendar.current()
        self.order_fields(FIELD_ORDER)
        self.fields["organisation"].required = True
        self.fields["phone"].help_text = _("Optional: for the day of the visit.")
        self.fields["visit_language"].choices = VisitLanguage.choices
        self.fields["visit_language_other"].help_text = _("Only if you chose another language.")
        self.fields["group_size"].widget.attrs.update(min=1, max=200)
        self.fields["message"].widget.attrs["maxlength"] = MESSAGE_MAX_LENGTH
        self.fields["accessibility"].help_text = _(
            "Wheelchair users, hearing loops, breaks: tell us and we plan for it."
        )
        earliest = timezone.localdate(timezone=VISIT_TIME_ZONE) + datetime.timedelta(
            days=self.rules.days_ahead
        )
        for name in DATE_FIELDS:
            self.fields[name].widget.attrs["min"] = earliest.isoformat()
        self.fields["date_1"].help_text = _("At least %(days)s days from today.") % {
            "days": self.rules.days_ahead
        }

    @classmethod
    def visit_field_set(cls):
        widgets = {name: DateInput for name in DATE_FIELDS}
        widgets["visit_language"] = forms.RadioSelect
        widgets["accessibility"] = forms.Textarea(attrs={"rows": 3})
        fields = fields_for_model(VisitRequest, fields=cls.visit_fields, widgets=widgets)
        fields["visit_language"].choices = VisitLanguage.choices  # no empty choice
        return fields

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("visit_language") == VisitLanguage.OTHER
            and not cleaned.get("visit_language_other", "").strip()
        ):
            self.add_error("visit_language_other", _("Please say which language."))
        chosen = {name: cleaned.get(name) for name in DATE_FIELDS if cleaned.get(name)}
        reasons = refusals(chosen.values(), self.rules)
        seen = set()
        for name, day in chosen.items():
            if day in seen:
                self.add_error(
                    name,
                    _("You gave %(day)s twice: please choose different dates.")
                    % {"day": formats.date_format(day, "DATE_FORMAT")},
                )
            elif day in reasons:
                self.add_error(name, reasons[day])
            seen.add(day)
        return cleaned

    def detail(self):
        """The unsaved visit request beside the enquiry."""
        values = {name: self.cleaned_data.get(name) for name in self.visit_fields}
        if values["visit_language"] != VisitLanguage.OTHER:
            values["visit_language_other"] = ""
        return VisitRequest(**values, interests=list(self.cleaned_data.get("interests", [])))


class VisitRequestView(EnquiryFormView):
    form_class = VisitRequestForm
    template_name = "enquiries/visit.html"
    sent_url = "enquiries:visit-sent"


# The invitation.


@dataclass(frozen=True)
class VisitTime:
    """When a confirmed visit starts and ends, in Danish time."""

    start: datetime.datetime
    end: datetime.datetime

    @classmethod
    def of(cls, visit):
        start = datetime.datetime.combine(
            visit.confirmed_date, visit.confirmed_start, tzinfo=VISIT_TIME_ZONE
        )
        return cls(start=start, end=start + datetime.timedelta(minutes=visit.duration_minutes))


def visit_uid(enquiry):
    return f"visit-{enquiry.pk}@{UID_DOMAIN}"


def secretariat_address():
    """The secretariat's address on one line: where a visit meets."""
    office = settings.SECRETARIAT
    return ", ".join(
        part
        for part in (office["name"], office["street"], f"{office['postcode']} {office['town']}")
        if part.strip()
    )


def invitation(visit, *, stamp=None):
    """The confirmed `visit` as an iCalendar invitation (METHOD:REQUEST), its texts in
    the visitor's language. Returns the file's text."""
    enquiry = visit.enquiry
    when = VisitTime.of(visit)
    office = settings.SECRETARIAT
    with translation.override(enquiry.language):
        summary = _("Study visit at %(site)s") % {"site": office["name"]}
        description = _("Study visit for %(group)s, %(size)s people.") % {
            "group": enquiry.organisation or enquiry.name,
            "size": visit.group_size,
        }
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID.format(enquiry.language.upper()))
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", visit_uid(enquiry))
    event.add("dtstamp", stamp or timezone.now().astimezone(datetime.UTC))
    event.add("sequence", 0)
    event.add("dtstart", when.start)
    event.add("dtend", when.end)
    event.add("summary", summary, parameters={"LANGUAGE": enquiry.language})
    event.add("description", description, parameters={"LANGUAGE": enquiry.language})
    event.add("location", secretariat_address())
    event.add("status", "CONFIRMED")
    organizer = vCalAddress(f"mailto:{office['email']}")
    organizer.params["CN"] = vText(office["name"])
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{enquiry.email}")
    attendee.params.update({"CN": vText(enquiry.name), "ROLE": "REQ-PARTICIPANT", "RSVP": "FALSE"})
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def invitation_attachment(visit):
    """(filename, content, mimetype) of the invitation, for symbiosis.mail."""
    filename = INVITATION_FILENAMES.get(visit.enquiry.language, "visit.ics")
    return (filename, invitation(visit), "text/calendar; method=REQUEST")
