"""The study-visit admin: the secretariat's rules and closed periods, the two steps
with a page of their own (confirm a date, decline with a reason) and the month
calendar of confirmed visits.

Imported by enquiries/admin.py, which adds `VisitRequestInline` to a visit's enquiry;
this module never imports it back. The step pages and the calendar hang off the rules'
admin (`VisitCalendarAdmin.get_urls`): its entry in the admin's index opens the
calendar, which links to the rules and the closed periods.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from enquiries import visits, workflow
from enquiries.models import ClosedPeriod, Status, VisitCalendar, VisitRequest
from symbiosis import dates

STEP_PERMISSION = "enquiries.change_enquiry"
CALENDAR_PERMISSIONS = ("enquiries.view_enquiry", "enquiries.change_enquiry")
OTHER_DATE = "other"


# On the enquiry's page.


class VisitRequestInline(admin.StackedInline):
    """The visit's details on its enquiry's page, read only, with the links to the
    steps: a confirmed date or a reason is given on the step's page, never typed in."""

    model = VisitRequest
    verbose_name_plural = _("study visit")
    can_delete = False
    fields = [
        "steps",
        "group_size",
        "country",
        "language",
        "requested_dates",
        "interest_list",
        "accessibility",
        "confirmed",
        "decline_reason",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("next step"))
    def steps(self, visit):
        links = []
        following = visit.enquiry.next_statuses()
        if Status.CONFIRMED in following:
            links.append((step_url("confirm", visit), _("Confirm a date…")))
        if Status.DECLINED in following:
            links.append((step_url("decline", visit), _("Decline…")))
        if not links:
            return "—"
        return format_html_join(" ", '<a class="button" href="{}">{}</a>', links)

    @admin.display(description=_("language of the visit"))
    def language(self, visit):
        shown = visit.get_visit_language_display()
        return f"{shown}: {visit.visit_language_other}" if visit.visit_language_other else shown

    @admin.display(description=_("dates asked for"))
    def requested_dates(self, visit):
        return ", ".join(formats.date_format(day, "DATE_FORMAT") for day in visit.dates)

    @admin.display(description=_("interests"))
    def interest_list(self, visit):
        return "; ".join(str(label) for label in visit.get_interests_display()) or "—"

    @admin.display(description=_("confirmed for"))
    def confirmed(self, visit):
        if not visit.confirmed_date or visit.enquiry.status != Status.CONFIRMED:
            return "—"
        when = visits.VisitTime.of(visit)
        return "{} {}–{}".format(
            formats.date_format(when.start.date(), "DATE_FORMAT"),
            formats.time_format(when.start.time(), "TIME_FORMAT"),
            formats.time_format(when.end.time(), "TIME_FORMAT"),
        )


def step_url(step, visit):
    return reverse(f"admin:enquiries_visit_{step}", args=[visit.pk])


# The step pages' forms.


class ConfirmVisitForm(forms.Form):
    """One of the dates asked for, or another; the time; and, when the day breaks the
    rules, the secretariat's word that it confirms anyway."""

    choice = forms.ChoiceField(label=_("date"), widget=forms.RadioSelect)
    other_date = forms.DateField(
        label=_("another date"),
        required=False,
        widget=visits.DateInput,
        help_text=_("Only when you chose “another date” above."),
    )
    start = forms.TimeField(label=_("starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(label=_("duration (minutes)"), min_value=30)
    confirm_anyway = forms.BooleanField(
        label=_("confirm anyway"),
        required=False,
        help_text=_(
            "The day is closed, fully booked or too soon, and you confirm it all the same."
        ),
    )
    comment = forms.CharField(
        label=_("message to the visitor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Put in the mail and kept in the history (what to bring, who meets them)."),
    )

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.fields["choice"].choices = [
            (day.isoformat(), formats.date_format(day, "DATE_FORMAT")) for day in visit.dates
        ] + [(OTHER_DATE, _("another date"))]

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("choice")
        if choice == OTHER_DATE:
            day = cleaned.get("other_date")
            if day is None and "other_date" not in self.errors:
                self.add_error("other_date", _("Give the date."))
        elif choice:
            day = datetime.date.fromisoformat(choice)
        else:
            day = None
        cleaned["day"] = day
        if day is None:
            return cleaned
        if day < dates.today():
            raise ValidationError(_("That date is in the past."), code="past")
        reason = visits.refusal(day)
        if reason and not cleaned.get("confirm_anyway"):
            raise ValidationError(
                _("%(reason)s Tick “confirm anyway” to confirm it all the same.")
                % {"reason": reason},
                code="refused",
            )
        return cleaned


class DeclineVisitForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mailed to the visitor as written, in their words' language, and kept."),
    )


# The calendar.


@dataclass(frozen=True)
class CalendarVisit:
    """One confirmed visit in a day's cell."""

    start: datetime.time
    group: str
    size: int
    url: str


@dataclass
class CalendarDay:
    day: datetime.date
    in_month: bool
    is_today: bool
    closed: list = field(default_factory=list)  # the reasons of the periods it is in
    visits: list = field(default_factory=list)

    @property
    def is_weekend(self):
        return self.day.weekday() >= 5


def month_of(value, today):
    """The first day of the month "2027-03" names; this month for anything else."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except (ValueError, OverflowError):
        return today.replace(day=1)


def shifted(first, months):
    index = first.year * 12 + first.month - 1 + months
    year, month = divmod(index, 12)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return None
    return datetime.date(year, month + 1, 1)


def month_weeks(first, today):
    """The weeks (Monday first) of `first`'s month, each day with its visits and closed
    periods: two queries, however many visits."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        first.year, first.month
    )
    days = {
        day: CalendarDay(day, day.month == first.month, day == today) for w in weeks for day in w
    }
    grid_start, grid_end = weeks[0][0], weeks[-1][-1]
    for period in ClosedPeriod.objects.filter(start__lte=grid_end, end__gte=grid_start):
        for day, cell in days.items():
            if period.start <= day <= period.end:
                cell.closed.append(period.reason or _("closed"))
    confirmed = (
        VisitRequest.objects.filter(
            enquiry__status=Status.CONFIRMED, confirmed_date__range=(grid_start, grid_end)
        )
        .select_related("enquiry")
        .order_by("confirmed_date", "confirmed_start", "pk")
    )
    for visit in confirmed:
        days[visit.confirmed_date].visits.append(
            CalendarVisit(
                start=visit.confirmed_start,
                group=visit.enquiry.organisation or visit.enquiry.name,
                size=visit.group_size,
                url=visit.enquiry.get_admin_url(),
            )
        )
    return [[days[day] for day in week] for week in weeks]


# The admin.


@admin.register(VisitCalendar)
class VisitCalendarAdmin(admin.ModelAdmin):
    """The one row of rules; its list is the calendar, and the steps' pages live here."""

    fields = ["visits_per_day", "days_ahead", "weekends_closed"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not VisitCalendar.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False  # without the row the defaults apply; change it instead

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("calendar/", wrap(self.calendar_view), name="enquiries_visit_calendar"),
            path(
                "visit/<int:pk>/confirm/", wrap(self.confirm_view), name="enquiries_visit_confirm"
            ),
            path(
                "visit/<int:pk>/decline/", wrap(self.decline_view), name="enquiries_visit_decline"
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:enquiries_visit_calendar")

    def response_change(self, request, obj):
        if "_continue" in request.POST:
            return super().response_change(request, obj)
        self.message_user(request, _("The rules are saved."), messages.SUCCESS)
        return redirect("admin:enquiries_visit_calendar")

    response_add = response_change

    # The calendar.

    def calendar_view(self, request):
        if not any(request.user.has_perm(p) for p in CALENDAR_PERMISSIONS):
            raise PermissionDenied
        today = dates.today()
        first = month_of(request.GET.get("month"), today)
        rules = VisitCalendar.objects.first()
        previous, following = shifted(first, -1), shifted(first, 1)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Study visits: %(month)s")
            % {"month": formats.date_format(first, "YEAR_MONTH_FORMAT")},
            "weeks": month_weeks(first, today),
            "weekdays": [formats.date_format(day, "l") for day in calendar_week()],
            "previous": previous and previous.strftime("%Y-%m"),
            "following": following and following.strftime("%Y-%m"),
            "this_month": today.replace(day=1) != first and today.strftime("%Y-%m"),
            "rules": rules or VisitCalendar.current(),
            "rules_url": (
                reverse("admin:enquiries_visitcalendar_change", args=[rules.pk])
                if rules
                else reverse("admin:enquiries_visitcalendar_add")
            ),
            "closed_url": reverse("admin:enquiries_closedperiod_changelist"),
        }
        return TemplateResponse(request, "admin/enquiries/visit_calendar.html", context)

    # The steps.

    def step_visit(self, request, pk, status):
        """The visit whose enquiry may take the step `status`, for a user who may."""
        if not request.user.has_perm(STEP_PERMISSION):
            raise PermissionDenied
        visit = get_object_or_404(VisitRequest.objects.select_related("enquiry"), pk=pk)
        if status not in visit.enquiry.next_statuses():
            self.message_user(
                request,
                _("This request is “%(status)s”: that step is no longer open.")
                % {"status": visit.enquiry.get_status_display()},
                messages.WARNING,
            )
            return visit, redirect(visit.enquiry.get_admin_url())
        return visit, None

    def step_page(self, request, template, visit, form, title):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "visit": visit,
            "enquiry": visit.enquiry,
            "form": form,
            "enquiry_opts": visit.enquiry._meta,
        }
        return TemplateResponse(request, template, context)

    def confirm_view(self, request, pk):
        visit, gone = self.step_visit(request, pk, Status.CONFIRMED)
        if gone:
            return gone
        initial = {
            "choice": visit.date_1.isoformat(),
            "start": visit.confirmed_start,
            "duration_minutes": visit.duration_minutes,
        }
        form = ConfirmVisitForm(request.POST or None, visit=visit, initial=initial)
        if request.method == "POST" and form.is_valid():
            confirm(visit, form.cleaned_data, by=request.user)
            self.message_user(
                request,
                _("The visit is confirmed; the visitor gets the invitation by mail."),
                messages.SUCCESS,
            )
            return redirect(visit.enquiry.get_admin_url())
        return self.step_page(
            request, "admin/enquiries/visit_confirm.html", visit, form, _("Confirm a date")
        )

    def decline_view(self, request, pk):
        visit, gone = self.step_visit(request, pk, Status.DECLINED)
        if gone:
            return gone
        form = DeclineVisitForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            decline(visit, form.cleaned_data["reason"], by=request.user)
            self.message_user(
                request, _("The request is declined; the visitor is told why."), messages.SUCCESS
            )
            return redirect(visit.enquiry.get_admin_url())
        return self.step_page(
            request, "admin/enquiries/visit_decline.html", visit, form, _("Decline the request")
        )


def calendar_week():
    """Seven days from a Monday, for the weekdays' names."""
    monday = datetime.date(2024, 1, 1)
    return [monday + datetime.timedelta(days=n) for n in range(7)]


@transaction.atomic
def confirm(visit, choice, *, by):
    """Keep the date and time on the visit, then move its enquiry on with the mail
    carrying the invitation (both or neither)."""
    visit.confirmed_date = choice["day"]
    visit.confirmed_start = choice["start"]
    visit.duration_minutes = choice["duration_minutes"]
    visit.save(update_fields=["confirmed_date", "confirmed_start", "duration_minutes"])
    when = visits.VisitTime.of(visit)
    workflow.move(
        visit.enquiry,
        Status.CONFIRMED,
        by=by,
        comment=choice.get("comment", ""),
        mail="visit_confirmed",
        mail_context={
            "visit": visit,
            "start": when.start,
            "end": when.end,
            "address": visits.secretariat_address(),
        },
        attachments=[visits.invitation_attachment(visit)],
    )


@transaction.atomic
def decline(visit, reason, *, by):
    """Keep the reason on the visit and move its enquiry on, mailing the reason."""
    visit.decline_reason = reason
    visit.save(update_fields=["decline_reason"])
    workflow.move(
        visit.enquiry,
        Status.DECLINED,
        by=by,
        comment=reason,
        mail="visit_declined",
        mail_context={"visit": visit, "reason": reason},
    )


@admin.register(ClosedPeriod)
class ClosedPeriodAdmin(admin.ModelAdmin):
    list_display = ["start", "end", "reason"]
    date_hierarchy = "start"
    search_fields = ["reason"]
