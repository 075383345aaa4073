"""The side-stream exchange: what organisations have to spare and what they need.

A `Listing` is one offer (a surplus, a by-product, residual heat, water, spare
capacity) or one want, posted by an organisation: a partner, or an organisation that is
not one, kept as an unpublished `Partner` (membership "not a member") so it has a name,
an address and an industry like every other. A listing is public only once the
secretariat has reviewed it (status "published" or "matched") and only as its
visibility allows: with the organisation's name, anonymously ("a company in Holbæk":
no name, logo, contact or exact place anywhere), or for the secretariat alone.

A `Match` is the secretariat's work on one offer and one want that could go together,
from the suggestion (listings/matching/) to an established flow: each step is kept as
a `MatchStep`. An established match leaves a planned `Flow` behind (exchanges).

The contact person's name and address (who posted the listing, who is introduced) are
personal data: erased LISTING_CONTACT_RETENTION_MONTHS after the listing closed or
expired (listings/retention.py).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from exchanges.models import Category, Flow, Resource, units_for
from exchanges.units import Unit
from partners.models import Partner
from symbiosis import dates
from symbiosis.bilingual import LocalizedText, active_language


class Kind(models.TextChoices):
    OFFER = "offer", _("Offer")
    WANT = "want", _("Want")


class OfferType(models.TextChoices):
    """What an offer is; a want is a need and has none."""

    SURPLUS = "surplus", _("Surplus")
    BY_PRODUCT = "by_product", _("By-product or residual product")
    HEAT = "heat", _("Surplus heat")
    WATER = "water", _("Water")
    CAPACITY = "capacity", _("Spare capacity")


class Per(models.TextChoices):
    ONCE = "once", _("once")
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")
    YEAR = "year", _("per year")


# How many of each period a year holds: 1,000 t/month is 12,000 t/year.
PER_YEAR = {
    Per.DAY: Decimal(365),
    Per.WEEK: Decimal(52),
    Per.MONTH: Decimal(12),
    Per.YEAR: Decimal(1),
}


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public, with the organisation's name")
    ANONYMOUS = "anonymous", _("Public, but anonymous (only the municipality is shown)")
    SECRETARIAT = "secretariat", _("Only for the secretariat")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("Awaiting review")
    PUBLISHED = "published", _("Published")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")


# The statuses a listing shows publicly in (when its visibility allows).
PUBLIC_STATUSES = (Status.PUBLISHED, Status.MATCHED)

# Where a listing may go from each status; the admin offers only these steps. Back to
# review: a published listing its organisation edits in the workspace, a closed or
# expired one it renews (workspace/exchange.py); the secretariat reads it again.
TRANSITIONS = {
    Status.DRAFT: [Status.REVIEW, Status.PUBLISHED, Status.CLOSED],
    Status.REVIEW: [Status.PUBLISHED, Status.DRAFT, Status.CLOSED],
    Status.PUBLISHED: [Status.MATCHED, Status.CLOSED, Status.EXPIRED, Status.REVIEW],
    Status.MATCHED: [Status.PUBLISHED, Status.CLOSED],
    Status.CLOSED: [Status.PUBLISHED, Status.REVIEW],
    Status.EXPIRED: [Status.PUBLISHED, Status.CLOSED, Status.REVIEW],
}


def validate_ewc(value):
    from listings import codes

    try:
        codes.normalise_ewc(value)
    except codes.CodeError as error:
        raise ValidationError(str(error), code="ewc") from error


def validate_nace(value):
    from listings import codes

    try:
        codes.normalise_nace(value)
    except codes.CodeError as error:
        raise ValidationError(str(error), code="nace") from error


class EitherLanguage:
    """Descriptor like `symbiosis.bilingual.Bilingual`, but a listing may be written in
    English alone: the text in the active language, else the other one, marked as a
    fallback (`lang_attr`, `fallback_note`)."""

    def __init__(self, field):
        self.field = field

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.text(self.field, active_language())


class ListingQuerySet(models.QuerySet):
    def published(self):
        """Listings a visitor may see: reviewed, not for the secretariat only."""
        return self.filter(status__in=PUBLIC_STATUSES).exclude(visibility=Visibility.SECRETARIAT)

    def for_matching(self):
        """Listings the matcher compares: published or matched, whatever the visibility
        (the secretariat sees every suggestion; pages show only the public ones)."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def with_related(self):
        return self.select_related("organisation", "resource")


class Listing(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    offer_type = models.CharField(
        _("what is offered"),
        max_length=20,
        choices=OfferType,
        blank=True,
        help_text=_("Offers only."),
    )
    key = models.CharField(
        _("external key"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The listing's id in an imported file (manage.py import_listings)."),
    )
    organisation = models.ForeignKey(
        Partner,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="listings",
        help_text=_(
            "A partner, or an organisation that is not one (kept as a partner that is not "
            "shown on the website)."
        ),
    )
    title_da = models.CharField(_("title (Danish)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("resource"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="listings",
        help_text=_("The resource of the diagram it is, when there is one (steam, gypsum…)."),
    )
    ewc_code = models.CharField(
        _("waste code (EWC)"),
        max_length=6,
        blank=True,
        validators=[validate_ewc],
        help_text=_("The List of Waste code when it is a waste, e.g. 10 01 05."),
    )
    nace_code = models.CharField(
        _("industry (NACE code)"),
        max_length=8,
        blank=True,
        validators=[validate_nace],
        help_text=_("The listing's industry, e.g. 23.51. Empty: its organisation's."),
    )
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=16,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit, blank=True)
    per = models.CharField(_("per"), max_length=10, choices=Per, blank=True)
    quality = models.TextField(
        _("quality"),
        blank=True,
        help_text=_("Purity, moisture, contaminants, form…"),
    )
    temperature = models.DecimalField(
        _("temperature (°C)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("For heat, steam and water."),
    )
    pressure = models.DecimalField(
        _("pressure (bar)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("For steam and gases."),
    )
    place = models.CharField(
        _("municipality"),
        max_length=100,
        blank=True,
        help_text=_("Where it is. Empty: where the organisation is."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(
        _("available until"),
        null=True,
        blank=True,
        help_text=_("The listing expires after this day; its contact is reminded before."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility, default=Visibility.PUBLIC
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    language = models.CharField(
        _("written in"), max_length=2, choices=settings.LANGUAGES, default="da"
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact's e-mail"), blank=True)
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    consent_version = models.CharField(max_length=20, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ListingQuerySet.as_manager()

    title = EitherLanguage("title")
    description = EitherLanguage("description")

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        indexes = [models.Index(fields=["status", "visibility", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title_da="", title_en=""),
                name="listing_has_a_title",
                violation_error_message=_("Give the listing a title in Danish or English."),
            ),
            models.CheckConstraint(
                condition=models.Q(available_until__isnull=True)
                | models.Q(available_from__isnull=True)
                | models.Q(available_until__gte=models.F("available_from")),
                name="listing_until_after_from",
                violation_error_message=_("A listing cannot end before it begins."),
            ),
        ]

    def __str__(self):
        return self.title_da or self.title_en

    def get_absolute_url(self):
        return reverse("listings:detail", kwargs={"pk": self.pk})

    def get_absolute_url_in(self, language):
        with translation.override(language):
            return self.get_absolute_url()

    def text(self, field, language):
        """`field` ("title", "description") in `language`, else in the other language."""
        other = "en" if language == "da" else "da"
        text = getattr(self, f"{field}_{language}", "") or ""
        if text.strip():
            return LocalizedText(text, lang=language, is_fallback=False)
        return LocalizedText(getattr(self, f"{field}_{other}", ""), lang=other, is_fallback=True)

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES and self.visibility != Visibility.SECRETARIAT

    @property
    def is_anonymous(self):
        return self.visibility == Visibility.ANONYMOUS

    def next_statuses(self):
        return TRANSITIONS.get(Status(self.status), [])

    @property
    def industry_code(self):
        """The listing's NACE code, else its organisation's."""
        return self.nace_code or self.organisation.nace

    def per_year(self):
        """The quantity in a year (None for a one-off or without a period)."""
        if self.quantity is None or self.per not in PER_YEAR:
            return None
        return self.quantity * PER_YEAR[Per(self.per)]

    def clean(self):
        errors = {}
        if self.kind == Kind.WANT and self.offer_type:
            errors["offer_type"] = _("A want is a need: leave “what is offered” empty.")
        if self.quantity is not None and not self.unit:
            errors["unit"] = _("Give the quantity's unit.")
        if self.unit and self.category and self.unit not in units_for(self.category):
            errors["unit"] = _("%(unit)s does not fit a listing of the category %(category)s.") % {
                "unit": Unit(self.unit).label,
                "category": Category(self.category).label,
            }
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.resource_id and self.category and self.resource.category != self.category:
            errors["resource"] = _("The resource is of another category than the listing.")
        if (
            self.available_from
            and self.available_until
            and self.available_until < self.available_from
        ):
            errors["available_until"] = _("A listing cannot end before it begins.")
        if not (self.title_da or self.title_en):
            errors["title_da"] = _("Give the listing a title in Danish or English.")
        if errors:
            raise ValidationError(errors)

    def is_due(self, today=None):
        today = today or dates.today()
        return self.available_until is not None and self.available_until < today


class Stage(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONTACTED = "contacted", _("Contacted")
    DIALOGUE = "dialogue", _("In dialogue")
    AGREED = "agreed", _("Agreed")
    ESTABLISHED = "established", _("Established")
    REJECTED = "rejected", _("Rejected")


# The pipeline in order (the dashboard counts each), and the steps a match may take.
PIPELINE = [Stage.SUGGESTED, Stage.CONTACTED, Stage.DIALOGUE, Stage.AGREED, Stage.ESTABLISHED]
STAGE_STEPS = {
    Stage.SUGGESTED: [Stage.CONTACTED, Stage.REJECTED],
    Stage.CONTACTED: [Stage.DIALOGUE, Stage.REJECTED],
    Stage.DIALOGUE: [Stage.AGREED, Stage.REJECTED],
    Stage.AGREED: [Stage.ESTABLISHED, Stage.REJECTED],
    Stage.ESTABLISHED: [],
    Stage.REJECTED: [Stage.SUGGESTED],
}


class RejectionReason(models.TextChoices):
    TECHNICAL = "technical", _("Not feasible technically (quality, form)")
    QUANTITY = "quantity", _("Quantities or timing do not fit")
    DISTANCE = "distance", _("Too far apart")
    ECONOMY = "economy", _("Not worth it economically")
    REGULATION = "regulation", _("Rules or permits stand in the way")
    INTEREST = "interest", _("One side is not interested")
    WRONG = "wrong", _("The suggestion was wrong")
    OTHER = "other", _("Other")


class MatchQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related(
            "offer__organisation", "want__organisation", "offer__resource", "want__resource"
        )

    def agreed(self):
        return self.filter(stage__in=[Stage.AGREED, Stage.ESTABLISHED])


class Match(models.Model):
    """One offer and one want the secretariat works to bring together."""

    offer = models.ForeignKey(
        Listing,
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="matches_as_offer",
        limit_choices_to={"kind": Kind.OFFER},
    )
    want = models.ForeignKey(
        Listing,
        verbose_name=_("want"),
        on_delete=models.CASCADE,
        related_name="matches_as_want",
        limit_choices_to={"kind": Kind.WANT},
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.SUGGESTED)
    score = models.DecimalField(
        _("score"), max_digits=4, decimal_places=3, null=True, blank=True, editable=False
    )
    reasons = models.JSONField(
        _("reasons"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Why the matcher suggested it, in Danish and English."),
    )
    rejection_reason = models.CharField(
        _("why rejected"), max_length=20, choices=RejectionReason, blank=True
    )
    rejection_note = models.TextField(_("about the rejection"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    flow = models.OneToOneField(
        Flow,
        verbose_name=_("planned flow"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="match",
        editable=False,
    )
    created = models.DateTimeField(_("opened"), auto_now_add=True)
    updated = models.DateTimeField(_("changed"), auto_now=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-updated", "-pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["offer", "want"], name="match_one_per_pair"),
        ]

    def __str__(self):
        return f"{self.offer} → {self.want}"

    def get_admin_url(self):
        return reverse("admin:listings_match_change", args=[self.pk])

    def next_stages(self):
        return STAGE_STEPS.get(Stage(self.stage), [])

    def clean(self):
        errors = {}
        if self.offer_id and self.offer.kind != Kind.OFFER:
            errors["offer"] = _("Choose an offer here.")
        if self.want_id and self.want.kind != Kind.WANT:
            errors["want"] = _("Choose a want here.")
        if errors:
            raise ValidationError(errors)


class MatchStep(models.Model):
    """A match's move from one stage to the next: who, when, why."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="steps")
    old_stage = models.CharField(_("from"), max_length=20, choices=Stage, blank=True)
    new_stage = models.CharField(_("to"), max_length=20, choices=Stage)
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
        ordering = ["at", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return f"{self.get_old_stage_display() or '–'} → {self.get_new_stage_display()}"
