"""What people send the secretariat: messages, study-visit requests, applications to join.

Every one is an `Enquiry`, the row of the secretariat's one inbox ("Henvendelser"): who
wrote, in which language, what it is about, where it stands and who takes care of it.
A study-visit request carries a `VisitRequest` beside it, an application a
`PartnerApplication`; the inbox lists them all alike. Each change of status is kept as
a `StatusChange` (who, when, why) and the secretariat's own remarks as `Note`s.

Personal data is kept for ENQUIRY_RETENTION_MONTHS after the enquiry was last changed,
then anonymised by a daily task (enquiries/retention.py): the row stays for the
statistics, the person's name, address and words do not.
"""

import uuid
from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.models import Partner
from partners.registry_numbers import validate_cvr, validate_nace


class Kind(models.TextChoices):
    CONTACT = "contact", _("Message")
    VISIT = "visit", _("Study-visit request")
    APPLICATION = "application", _("Application to join")


class Topic(models.TextChoices):
    GENERAL = "general", _("General question")
    PRESS = "press", _("Press")
    PARTNERSHIP = "partnership", _("Partnership and membership")
    STUDY_VISIT = "study_visit", _("Study visit")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_REVIEW = "in_review", _("In review")
    ANSWERED = "answered", _("Answered")
    CONFIRMED = "confirmed", _("Visit confirmed")
    BOARD = "board", _("Awaiting the board")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")


# Where each kind of enquiry may go from each status: the admin offers only these.
TRANSITIONS = {
    Kind.CONTACT: {
        Status.RECEIVED: [Status.IN_REVIEW, Status.ANSWERED, Status.CLOSED],
        Status.IN_REVIEW: [Status.ANSWERED, Status.CLOSED],
        Status.ANSWERED: [Status.CLOSED, Status.IN_REVIEW],
        Status.CLOSED: [Status.IN_REVIEW],
    },
    Kind.VISIT: {
        Status.RECEIVED: [Status.IN_REVIEW, Status.CONFIRMED, Status.DECLINED],
        Status.IN_REVIEW: [Status.CONFIRMED, Status.DECLINED],
        Status.CONFIRMED: [Status.DECLINED, Status.CLOSED],
        Status.DECLINED: [],
        Status.CLOSED: [],
    },
    Kind.APPLICATION: {
        Status.RECEIVED: [Status.IN_REVIEW, Status.DECLINED],
        Status.IN_REVIEW: [Status.BOARD, Status.DECLINED],
        Status.BOARD: [Status.APPROVED, Status.DECLINED],
        Status.APPROVED: [],
        Status.DECLINED: [],
    },
}
# Statuses that still wait for the secretariat (the dashboard counts these).
OPEN_STATUSES = [Status.RECEIVED, Status.IN_REVIEW, Status.BOARD]

LANGUAGES = [("da", _("Danish")), ("en", _("English"))]


class EnquiryQuerySet(models.QuerySet):
    def waiting(self):
        """Not yet answered, decided or closed."""
        return self.filter(status__in=OPEN_STATUSES, anonymised__isnull=True)

    def by_email(self, email):
        """Everything sent from one address, whatever its case (export and erasure)."""
        return self.filter(email__iexact=email.strip())


class Enquiry(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.CONTACT)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.RECEIVED)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic, default=Topic.GENERAL)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=LANGUAGES,
        default="da",
        help_text=_("The language the person wrote in: every mail to them is in it."),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_enquiries",
    )
    flagged = models.BooleanField(
        _("sent without the automatic spam check"),
        default=False,
        help_text=_(
            "The browser did not run the spam check (JavaScript off): read it with care. "
            "It passed the rate limit and the hidden trap field."
        ),
    )
    consent_version = models.CharField(
        _("privacy text accepted"),
        max_length=20,
        help_text=_("The version of the privacy text shown on the form when it was sent."),
    )
    # One per form shown: a double click or a resubmission finds the first row.
    submission = models.UUIDField(_("submission"), unique=True, default=uuid.uuid4, editable=False)
    created = models.DateTimeField(_("received"), auto_now_add=True)
    updated = models.DateTimeField(_("changed"), auto_now=True)
    anonymised = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-created"]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["email"]),
        ]

    def __str__(self):
        who = self.organisation or self.name
        return f"{self.get_kind_display()}: {who}"

    def get_admin_url(self):
        return reverse("admin:enquiries_enquiry_change", args=[self.pk])

    def next_statuses(self):
        return TRANSITIONS[self.kind].get(self.status, [])


class StatusChange(models.Model):
    """One step of an enquiry, kept so anyone can see how it got where it is."""

    enquiry = models.ForeignKey(
        Enquiry, verbose_name=_("enquiry"), on_delete=models.CASCADE, related_name="history"
    )
    old_status = models.CharField(_("from"), max_length=20, choices=Status, blank=True)
    new_status = models.CharField(_("to"), max_length=20, choices=Status)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_old_status_display() or '–'} → {self.get_new_status_display()}"


class Note(models.Model):
    """The secretariat's own remark on an enquiry; never sent to the person."""

    enquiry = models.ForeignKey(
        Enquiry, verbose_name=_("enquiry"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("note"))
    created = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created", "pk"]

    def __str__(self):
        return self.text[:60]


class TopicInbox(models.Model):
    """Which address hears of new enquiries about a topic (the secretariat's address
    when a topic has none)."""

    topic = models.CharField(_("topic"), max_length=20, choices=Topic, unique=True)
    email = models.EmailField(_("notify this address"))

    class Meta:
        verbose_name = _("inbox for a topic")
        verbose_name_plural = _("inboxes for topics")
        ordering = ["topic"]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.email}"

    @classmethod
    def address_for(cls, topic):
        inbox = cls.objects.filter(topic=topic).first()
        return inbox.email if inbox else settings.SECRETARIAT["email"]


class Interest(models.TextChoices):
    ENERGY = "energy", _("Energy: steam, heat and surplus heat")
    WATER = "water", _("Water: surface water, waste water and its reuse")
    MATERIALS = "materials", _("Materials: gypsum, sludge, residual products")
    HISTORY = "history", _("The partnership's history and how it is organised")
    BUSINESS = "business", _("The business case and how partners work together")
    POLICY = "policy", _("Policy, planning and starting a symbiosis elsewhere")


class VisitLanguage(models.TextChoices):
    DA = "da", _("Danish")
    EN = "en", _("English")
    OTHER = "other", _("Another language (we will try to arrange it)")


class VisitRequest(models.Model):
    """A group that wants to visit: up to three dates to choose from."""

    enquiry = models.OneToOneField(
        Enquiry, on_delete=models.CASCADE, primary_key=True, related_name="visit"
    )
    group_size = models.PositiveSmallIntegerField(
        _("group size"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    country = models.CharField(_("country"), max_length=100)
    visit_language = models.CharField(
        _("language of the visit"), max_length=10, choices=VisitLanguage, default=VisitLanguage.EN
    )
    visit_language_other = models.CharField(_("which language"), max_length=60, blank=True)
    date_1 = models.DateField(_("first choice of date"))
    date_2 = models.DateField(_("second choice of date"), null=True, blank=True)
    date_3 = models.DateField(_("third choice of date"), null=True, blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    accessibility = models.TextField(_("accessibility needs"), blank=True)
    confirmed_date = models.DateField(_("confirmed date"), null=True, blank=True)
    confirmed_start = models.TimeField(_("starts at"), default=time(10, 0))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=120, validators=[MinValueValidator(30)]
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        verbose_name = _("study-visit request")
        verbose_name_plural = _("study-visit requests")

    def __str__(self):
        return str(self.enquiry)

    @property
    def dates(self):
        return [d for d in (self.date_1, self.date_2, self.date_3) if d]

    def get_interests_display(self):
        labels = dict(Interest.choices)
        return [labels[i] for i in self.interests if i in labels]


class VisitCalendar(models.Model):
    """The secretariat's rules for study visits: one row, edited in the admin."""

    visits_per_day = models.PositiveSmallIntegerField(
        _("visits a day at most"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_("A day with this many confirmed visits is refused on the form."),
    )
    days_ahead = models.PositiveSmallIntegerField(
        _("days' notice at least"),
        default=14,
        help_text=_("How many days ahead a visit must be asked for."),
    )
    weekends_closed = models.BooleanField(_("no visits on Saturdays and Sundays"), default=True)

    class Meta:
        verbose_name = _("study-visit rules")
        verbose_name_plural = _("study-visit rules")

    def __str__(self):
        return str(_("Study-visit rules"))

    @classmethod
    def current(cls):
        return cls.objects.first() or cls()


class ClosedPeriod(models.Model):
    """Days the secretariat receives no visits (holidays, a conference)."""

    start = models.DateField(_("from"))
    end = models.DateField(_("until (inclusive)"))
    reason = models.CharField(_("reason (internal)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="closed_period_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.start} – {self.end}"


class PartnerApplication(models.Model):
    """An organisation that wants to join; the board decides."""

    enquiry = models.OneToOneField(
        Enquiry, on_delete=models.CASCADE, primary_key=True, related_name="application"
    )
    cvr = models.CharField(_("CVR number"), max_length=8, validators=[validate_cvr])
    street = models.CharField(_("street address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    town = models.CharField(_("town"), max_length=100)
    nace = models.CharField(
        _("industry (NACE code)"), max_length=8, validators=[validate_nace], blank=True
    )
    membership = models.CharField(
        _("membership wanted"),
        max_length=20,
        choices=[
            (Partner.Membership.FULL, Partner.Membership.FULL.label),
            (Partner.Membership.ASSOCIATE, Partner.Membership.ASSOCIATE.label),
        ],
        default=Partner.Membership.FULL,
    )
    shares = models.TextField(_("what it could share"), blank=True)
    needs = models.TextField(_("what it needs"), blank=True)
    board_meeting = models.DateField(_("board meeting"), null=True, blank=True)
    decision_note = models.TextField(_("the board's note"), blank=True)
    partner = models.OneToOneField(
        Partner,
        verbose_name=_("partner draft"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )

    class Meta:
        verbose_name = _("application to join")
        verbose_name_plural = _("applications to join")

    def __str__(self):
        return str(self.enquiry)

    def clean(self):
        if self.partner_id and not self.board_meeting:
            raise ValidationError({"board_meeting": _("Give the date of the board's meeting.")})
