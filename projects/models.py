"""EU, national and regional projects the symbiosis has run or taken part in."""

from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from partners.models import Partner
from projects.money import format_money
from symbiosis.bilingual import Bilingual
from symbiosis.richtext import RichTextField, render_rich_text


class Currency(models.TextChoices):
    DKK = "DKK", _("Danish kroner (DKK)")
    EUR = "EUR", _("Euro (EUR)")


class Country(models.TextChoices):
    """Countries of project partners: the EU, its neighbours and the Baltic Sea region."""

    AT = "AT", _("Austria")
    BE = "BE", _("Belgium")
    BG = "BG", _("Bulgaria")
    BY = "BY", _("Belarus")
    CH = "CH", _("Switzerland")
    CY = "CY", _("Cyprus")
    CZ = "CZ", _("Czechia")
    DE = "DE", _("Germany")
    DK = "DK", _("Denmark")
    EE = "EE", _("Estonia")
    ES = "ES", _("Spain")
    FI = "FI", _("Finland")
    FR = "FR", _("France")
    GB = "GB", _("United Kingdom")
    GR = "GR", _("Greece")
    HR = "HR", _("Croatia")
    HU = "HU", _("Hungary")
    IE = "IE", _("Ireland")
    IS = "IS", _("Iceland")
    IT = "IT", _("Italy")
    LT = "LT", _("Lithuania")
    LU = "LU", _("Luxembourg")
    LV = "LV", _("Latvia")
    MT = "MT", _("Malta")
    NL = "NL", _("Netherlands")
    NO = "NO", _("Norway")
    PL = "PL", _("Poland")
    PT = "PT", _("Portugal")
    RO = "RO", _("Romania")
    RU = "RU", _("Russia")
    SE = "SE", _("Sweden")
    SI = "SI", _("Slovenia")
    SK = "SK", _("Slovakia")
    UA = "UA", _("Ukraine")


class DateText(NamedTuple):
    """A date for a <time> element: `iso` for datetime="…", `text` for the reader."""

    iso: str
    text: str


# precision: (ISO form for <time datetime>, the language's format)
DATE_FORMATS = {
    "day": ("Y-m-d", "DATE_FORMAT"),
    "month": ("Y-m", "YEAR_MONTH_FORMAT"),
    "year": ("Y", "Y"),
}


def _today():
    return timezone.localdate()


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True)

    def with_effective_end(self):
        return self.alias(effective_end=Coalesce("amended_end", "end"))

    def planned(self, today=None):
        return self.filter(start__gt=today or _today())

    def running(self, today=None):
        today = today or _today()
        return self.with_effective_end().filter(start__lte=today, effective_end__gte=today)

    def completed(self, today=None):
        return self.with_effective_end().filter(effective_end__lt=today or _today())


class Project(models.Model):
    """A funded project with a period, a budget, grants and partners.

    The status (planned, running, completed) is worked out from the dates and today's
    date rather than stored, so it can never be forgotten when a project ends.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")

    class Precision(models.TextChoices):
        DAY = "day", _("Exact days")
        MONTH = "month", _("Months only")
        YEAR = "year", _("Years only")

    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The project's part of the web address, e.g. valuewaste. Not translated."),
    )
    acronym = models.CharField(
        _("acronym"),
        max_length=40,
        blank=True,
        help_text=_("The project's short name, if it has one, e.g. UBIS."),
    )
    programme_da = models.CharField(
        _("programme (Danish)"),
        max_length=200,
        help_text=_(
            "The funding programme, e.g. Interreg Baltic Sea Region or Horizon 2020. "
            "Write proper names the same in both languages."
        ),
    )
    programme_en = models.CharField(_("programme (English)"), max_length=200, blank=True)
    fund = models.CharField(
        _("fund"),
        max_length=100,
        blank=True,
        help_text=_("The EU fund behind the programme, short, e.g. ERDF."),
    )
    grant_reference = models.CharField(
        _("grant agreement or reference number"),
        max_length=100,
        blank=True,
        help_text=_("As written in the grant letter, e.g. 818312."),
    )
    start = models.DateField(_("start date"))
    end = models.DateField(_("end date"), help_text=_("The end date first approved."))
    amended_end = models.DateField(
        _("amended end date"),
        null=True,
        blank=True,
        help_text=_(
            "Only if the project was extended or shortened. The site shows it with the "
            "original end date beside it."
        ),
    )
    date_precision = models.CharField(
        _("dates known to"),
        max_length=10,
        choices=Precision,
        default=Precision.DAY,
        help_text=_(
            "If only the month or the year is known, enter the first day of the start "
            "month or year and the last day of the end month or year: the site then shows "
            "months or years only."
        ),
    )
    total_budget = models.DecimalField(
        _("total budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Leave empty if the budget is not known; the site then says so."),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=Currency,
        default=Currency.DKK,
        help_text=_("The currency of the total budget."),
    )
    grant_holder = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects_held",
        verbose_name=_("grant holder (partner)"),
        help_text=_("Choose the partner that received the grant, if it is one of ours."),
    )
    grant_holder_name = models.CharField(
        _("grant holder (other)"),
        max_length=200,
        blank=True,
        help_text=_("Only if the grant holder is not a partner of the symbiosis."),
    )
    partner_count = models.PositiveSmallIntegerField(
        _("number of partners"),
        null=True,
        blank=True,
        help_text=_(
            "The number of partners in the whole project, if you do not list them all "
            "below, e.g. 17."
        ),
    )
    country_count = models.PositiveSmallIntegerField(
        _("number of countries"), null=True, blank=True, help_text=_("E.g. 6.")
    )
    website = models.URLField(_("website"), blank=True)
    summary_da = models.TextField(
        _("summary (Danish)"),
        max_length=600,
        help_text=_("Two or three sentences, shown in the project list. Plain text."),
    )
    summary_en = models.TextField(_("summary (English)"), max_length=600, blank=True)
    description_da = RichTextField(_("description (Danish)"), blank=True)
    description_en = RichTextField(_("description (English)"), blank=True)
    is_public = models.BooleanField(
        _("shown on the website"),
        default=True,
        help_text=_("Untick to hide the project from every public page."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=100,
        help_text=_("Lower numbers are shown first; projects with the same number newest first."),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    title = Bilingual("title")
    programme = Bilingual("programme")
    summary = Bilingual("summary")
    description = Bilingual("description")

    class Meta:
        ordering = ["order", "-start", "title_da"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="project_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(amended_end__isnull=True)
                | models.Q(amended_end__gte=models.F("start")),
                name="project_amended_end_after_start",
                violation_error_message=_("The amended end date cannot be before the start."),
            ),
            models.CheckConstraint(
                condition=models.Q(grant_holder__isnull=True) | models.Q(grant_holder_name=""),
                name="project_one_grant_holder",
                violation_error_message=_(
                    "Choose the grant holder among the partners or type its name, not both."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.acronym}: {self.title_da}" if self.acronym else self.title_da

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("A project cannot end before it starts.")
        if self.amended_end and self.end and self.amended_end == self.end:
            errors["amended_end"] = _(
                "The amended end date is the same as the end date: leave it empty."
            )
        elif self.amended_end and self.start and self.amended_end < self.start:
            errors["amended_end"] = _("The amended end date cannot be before the start.")
        if self.grant_holder_id and self.grant_holder_name.strip():
            errors["grant_holder_name"] = _(
                "Choose the grant holder among the partners or type its name, not both."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def final_end(self):
        return self.amended_end or self.end

    def status_on(self, today):
        if self.start > today:
            return self.Status.PLANNED
        if self.final_end < today:
            return self.Status.COMPLETED
        return self.Status.RUNNING

    @property
    def status(self):
        return self.status_on(_today())

    def get_status_display(self):
        return self.status.label

    def _date_text(self, value):
        iso, readable = DATE_FORMATS[self.date_precision]
        return DateText(date_format(value, iso), date_format(value, readable))

    @property
    def start_text(self):
        return self._date_text(self.start)

    @property
    def end_text(self):
        """The end that holds: the amended one when there is one."""
        return self._date_text(self.final_end)

    @property
    def original_end_text(self):
        """The first approved end, shown beside an amended one; None otherwise."""
        return self._date_text(self.end) if self.amended_end else None

    @property
    def budget_display(self):
        """'11.999.467 kr.' / 'DKK 11,999,467', or None when the budget is not known."""
        if self.total_budget is None:
            return None
        return format_money(self.total_budget, self.currency)

    @property
    def description_html(self):
        return render_rich_text(self.description)

    @property
    def holder_name(self):
        """The grant holder's name for the public page: a hidden partner's is secret."""
        if self.grant_holder_id:
            return self.grant_holder.name if self.grant_holder.is_public else ""
        return self.grant_holder_name


def grants_over_budget(project, grants):
    """(currency, sum of grants, budget) if the `(amount, currency)` grants in the
    project's own currency add up to more than its total budget, else None.

    Grants in other currencies are not converted, and never added to these.
    """
    if project.total_budget is None:
        return None
    own = sum(
        (amount for amount, currency in grants if currency == project.currency and amount),
        Decimal(0),
    )
    if own > project.total_budget:
        return project.currency, own, project.total_budget
    return None


class Funding(models.Model):
    """A grant towards the project from one source, in one currency."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="fundings", verbose_name=_("project")
    )
    source_da = models.CharField(
        _("source (Danish)"),
        max_length=200,
        help_text=_("Who gave the grant, e.g. Den Europæiske Fond for Regionaludvikling."),
    )
    source_en = models.CharField(
        _("source (English)"),
        max_length=200,
        blank=True,
        help_text=_("E.g. European Regional Development Fund."),
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency, default=Currency.DKK)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    source = Bilingual("source")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="funding_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            )
        ]

    def __str__(self):
        return f"{self.source_da}: {self.amount} {self.currency}"

    @property
    def amount_display(self):
        return format_money(self.amount, self.currency)


class Participant(models.Model):
    """An organisation taking part: a partner of the symbiosis, or another by name."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participants", verbose_name=_("project")
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="project_participations",
        verbose_name=_("partner of the symbiosis"),
        help_text=_("Choose here if the organisation is one of our partners (it gets a link)."),
    )
    name = models.CharField(
        _("other organisation"),
        max_length=200,
        blank=True,
        help_text=_("Otherwise type the organisation's name."),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country, blank=True)
    role_da = models.CharField(
        _("role (Danish)"), max_length=120, blank=True, help_text=_("E.g. Leadpartner.")
    )
    role_en = models.CharField(
        _("role (English)"), max_length=120, blank=True, help_text=_("E.g. Lead partner.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Lower numbers are shown first.")
    )

    role = Bilingual("role")

    class Meta:
        ordering = ["order", "name", "pk"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(partner__isnull=True) & ~models.Q(name=""))
                | (models.Q(partner__isnull=False) & models.Q(name="")),
                name="participant_partner_or_name",
                violation_error_message=_(
                    "Choose a partner of the symbiosis or type the name of another "
                    "organisation: one of the two."
                ),
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.partner.name if self.partner_id else self.name

    def clean(self):
        has_partner, has_name = bool(self.partner_id), bool(self.name.strip())
        if has_partner == has_name:
            raise ValidationError(
                {
                    "name": _(
                        "Choose a partner of the symbiosis or type the name of another "
                        "organisation: one of the two."
                    )
                }
            )
