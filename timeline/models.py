import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from partners.models import Partner
from symbiosis.bilingual import Bilingual, active_language
from symbiosis.richtext import RichTextField
from symbiosis.uploads import ImageUploadField

FIRST_YEAR = 1961  # the refinery and the Tissø pipeline: where the story starts
YEARS_AHEAD = 5  # room for a milestone that is decided but not yet reached

# How a milestone's date is written, per language and precision. Kept here rather than
# in the locale's DATE_FORMAT: English Django writes "Dec. 16, 2019", the site wants
# "16 December 2019"; Danish month names come lower-case from Django ("16. december 2019").
DATE_FORMATS = {
    "da": {"day": "j. F Y", "month": "F Y"},
    "en": {"day": "j F Y", "month": "F Y"},
}


def latest_year():
    """The last year a milestone may have: this year and a few ahead."""
    return timezone.localdate().year + YEARS_AHEAD


class MilestoneQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True)


class Milestone(models.Model):
    """A moment in the history of the symbiosis, shown on the timeline."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(latest_year)],
        help_text=_("The year it happened, e.g. 1972."),
    )
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        choices=list(MONTHS.items()),
        help_text=_("Leave empty when only the year is known."),
    )
    day = models.PositiveSmallIntegerField(
        _("day"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Only with a month. Leave empty when the day is not known."),
    )
    title_da = models.CharField(
        _("title (Danish)"),
        max_length=200,
        help_text=_("A short headline, e.g. “Gas from the refinery dries plasterboard”."),
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    text_da = RichTextField(
        _("text (Danish)"), blank=True, help_text=_("A few sentences about what happened.")
    )
    text_en = RichTextField(_("text (English)"), blank=True)
    image = ImageUploadField(
        _("image"),
        upload_to="timeline/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        help_text=_("Optional. A JPEG, PNG or WebP photo of the moment."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt_da = models.CharField(
        _("image description (Danish)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Needed with an image."),
    )
    image_alt_en = models.CharField(
        _("image description (English)"),
        max_length=250,
        blank=True,
        help_text=_("Needed with an image."),
    )
    partners = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="milestones",
        verbose_name=_("partners"),
        help_text=_("The partners this milestone is about; linked from the timeline."),
    )
    flows = models.ManyToManyField(
        "exchanges.Flow",
        blank=True,
        related_name="milestones",
        verbose_name=_("flows"),
        help_text=_("The flows that began or changed here; linked from the timeline."),
    )
    is_public = models.BooleanField(
        _("shown on the website"),
        default=True,
        help_text=_("Untick to hide the milestone from the timeline."),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = MilestoneQuerySet.as_manager()

    title = Bilingual("title")
    text = Bilingual("text")
    image_alt = Bilingual("image_alt")

    class Meta:
        # A milestone known only by its year comes before the dated ones of that year,
        # on SQLite and PostgreSQL alike (they sort NULL differently by default).
        ordering = [
            "year",
            models.F("month").asc(nulls_first=True),
            models.F("day").asc(nulls_first=True),
            "pk",
        ]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(day__isnull=True) | models.Q(month__isnull=False),
                name="milestone_day_needs_month",
                violation_error_message=_("Give the month too, or leave the day empty."),
            ),
            models.CheckConstraint(
                condition=models.Q(month__isnull=True) | models.Q(month__range=(1, 12)),
                name="milestone_month_1_12",
            ),
            models.CheckConstraint(
                condition=models.Q(day__isnull=True) | models.Q(day__range=(1, 31)),
                name="milestone_day_1_31",
            ),
        ]

    def __str__(self):
        return f"{self.date_label_in('da')}: {self.title_da}"

    def get_absolute_url(self):
        return f"{reverse('timeline:index')}#{self.anchor}"

    @property
    def anchor(self):
        """The id of the milestone on the timeline page."""
        return f"milestone-{self.pk}"

    @property
    def decade(self):
        return self.year - self.year % 10

    def clean(self):
        errors = {}
        if self.day is not None and self.month is None:
            errors["day"] = _("Give the month too, or leave the day empty.")
        elif self.day is not None and self.year and self.month:
            try:
                datetime.date(self.year, self.month, self.day)
            except ValueError:
                errors["day"] = _("That day does not exist in that month.")
        if self.image:
            for field in ("image_alt_da", "image_alt_en"):
                if not getattr(self, field).strip():
                    errors[field] = _("Describe the image for people who cannot see it.")
        if errors:
            raise ValidationError(errors)

    @property
    def date_iso(self):
        """The date for <time datetime>: 2019-12-16, 2021-11 or 1988."""
        if self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def date_label(self):
        """The date as a visitor reads it in the active language."""
        return self.date_label_in(active_language())

    def date_label_in(self, language):
        formats = DATE_FORMATS.get(language, DATE_FORMATS["en"])
        if not self.month:
            return str(self.year)
        with translation.override(language):  # the month's name in that language
            if self.day:
                try:
                    day = datetime.date(self.year, self.month, self.day)
                except ValueError:  # saved around clean(): show what is certain
                    pass
                else:
                    return dateformat.format(day, formats["day"])
            return dateformat.format(datetime.date(self.year, self.month, 1), formats["month"])
