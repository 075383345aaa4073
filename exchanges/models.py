from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exchanges.units import Dimension, Quantity, Unit, dimension_of
from partners.models import Partner
from symbiosis import dates
from symbiosis.bilingual import Bilingual

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


class Category(models.TextChoices):
    ENERGY = "energy", _("Energy")
    WATER = "water", _("Water")
    MATERIAL = "material", _("Materials")


# Which kinds of unit fit each category: steam is weighed in tonnes, gas measured
# in m³; water is measured by volume; materials by mass or volume, never in MWh.
CATEGORY_DIMENSIONS = {
    Category.ENERGY: {Dimension.ENERGY, Dimension.MASS, Dimension.VOLUME},
    Category.WATER: {Dimension.VOLUME},
    Category.MATERIAL: {Dimension.MASS, Dimension.VOLUME},
}


def units_for(category):
    return [u for u in Unit if dimension_of(u) in CATEGORY_DIMENSIONS[Category(category)]]


class Resource(models.Model):
    """What flows: steam, surface water, gypsum…"""

    name_da = models.CharField(_("name (Danish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    default_unit = models.CharField(
        _("default unit"),
        max_length=10,
        choices=Unit,
        help_text=_("The unit yearly figures for this resource are usually given in."),
    )

    name = Bilingual("name")

    class Meta:
        ordering = ["category", "name_da"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self):
        return self.name_da

    def clean(self):
        if (
            self.category
            and self.default_unit
            and self.default_unit not in units_for(self.category)
        ):
            raise ValidationError(
                {
                    "default_unit": _(
                        "%(unit)s does not fit a resource of the category %(category)s."
                    )
                    % {
                        "unit": Unit(self.default_unit).label,
                        "category": Category(self.category).label,
                    }
                }
            )


class FlowQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True, supplier__is_public=True, receiver__is_public=True)

    def in_year(self, year):
        """Flows running at some time in `year` (planned flows are not running)."""
        return self.exclude(status=Flow.Status.PLANNED).filter(
            models.Q(year_started__lte=year) | models.Q(year_started__isnull=True),
            models.Q(year_ended__gte=year) | models.Q(year_ended__isnull=True),
        )

    def with_related(self):
        return self.select_related("supplier", "receiver", "resource")


class Flow(models.Model):
    """A stream of a resource from one partner to another."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    supplier = models.ForeignKey(
        Partner,
        verbose_name=_("supplier"),
        on_delete=models.PROTECT,
        related_name="flows_out",
        help_text=_("The partner that gives off the resource."),
    )
    receiver = models.ForeignKey(
        Partner,
        verbose_name=_("receiver"),
        on_delete=models.PROTECT,
        related_name="flows_in",
        help_text=_("The partner that takes the resource in."),
    )
    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.PROTECT, related_name="flows"
    )
    story_da = models.TextField(_("story (Danish)"), blank=True)
    story_en = models.TextField(_("story (English)"), blank=True)
    year_started = models.PositiveSmallIntegerField(
        _("year started"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    year_ended = models.PositiveSmallIntegerField(
        _("year ended"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.ACTIVE)
    is_public = models.BooleanField(_("shown on the website"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = FlowQuerySet.as_manager()

    story = Bilingual("story")

    class Meta:
        ordering = ["year_started", "pk"]
        verbose_name = _("flow")
        verbose_name_plural = _("flows")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(supplier=models.F("receiver")),
                name="flow_supplier_is_not_receiver",
                violation_error_message=_("A flow must go between two different partners."),
            ),
            models.CheckConstraint(
                condition=models.Q(year_ended__isnull=True)
                | models.Q(year_started__isnull=True)
                | models.Q(year_ended__gte=models.F("year_started")),
                name="flow_ends_after_start",
                violation_error_message=_("A flow cannot end before it started."),
            ),
        ]

    def __str__(self):
        return f"{self.resource}: {self.supplier} → {self.receiver}"

    def get_absolute_url(self):
        return reverse("exchanges:flow", kwargs={"pk": self.pk})

    @property
    def category(self):
        return self.resource.category

    def clean(self):
        errors = {}
        if self.supplier_id and self.supplier_id == self.receiver_id:
            errors["receiver"] = _("A flow must go between two different partners.")
        if self.year_started and self.year_ended and self.year_ended < self.year_started:
            errors["year_ended"] = _("A flow cannot end before it started.")
        if self.status == self.Status.ENDED and not self.year_ended:
            errors["year_ended"] = _("An ended flow needs the year it ended.")
        if errors:
            raise ValidationError(errors)


class FlowFigureQuerySet(models.QuerySet):
    def realised(self):
        return self.filter(kind=FlowFigure.Kind.REALISED)


class FlowFigure(models.Model):
    """One year's figures for a flow, each with its method or source."""

    class Kind(models.TextChoices):
        REALISED = "realised", _("Realised")
        EXPECTED = "expected", _("Expected")

    flow = models.ForeignKey(
        Flow, verbose_name=_("flow"), on_delete=models.CASCADE, related_name="figures"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.REALISED)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=16,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit, blank=True)
    co2_avoided_t = models.DecimalField(
        _("CO₂ avoided (t)"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    water_saved_m3 = models.DecimalField(
        _("water saved (m³)"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    source = models.CharField(
        _("method or source"),
        max_length=300,
        help_text=_("Where the figures come from, or how they were worked out."),
    )
    source_url = models.URLField(_("link to the source"), blank=True)

    objects = FlowFigureQuerySet.as_manager()

    class Meta:
        ordering = ["flow", "year"]
        verbose_name = _("yearly figure")
        verbose_name_plural = _("yearly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["flow", "year", "kind"],
                name="one_figure_per_flow_year_kind",
                violation_error_message=_(
                    "This flow already has a figure of this kind for that year."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.flow} {self.year}"

    @property
    def amount(self):
        """The quantity as a unit-aware `Quantity`, or None."""
        if self.quantity is None or not self.unit:
            return None
        return Quantity(self.quantity, self.unit)

    def clean(self):
        errors = {}
        if (self.quantity is None) != (not self.unit):
            errors["unit"] = _("Give both a quantity and its unit, or neither.")
        if self.unit and self.flow_id:
            category = self.flow.resource.category
            if self.unit not in units_for(category):
                errors["unit"] = _(
                    "%(unit)s does not fit a resource of the category %(category)s."
                ) % {"unit": Unit(self.unit).label, "category": Category(category).label}
        if self.kind == self.Kind.REALISED and self.year and self.year > dates.this_year():
            errors["year"] = _("A realised figure cannot be for a year that has not come yet.")
        if errors:
            raise ValidationError(errors)


class ImpactStatement(models.Model):
    """A total the partnership has published for a year, with its source."""

    class Metric(models.TextChoices):
        CO2 = "co2", _("CO₂ avoided")
        WATER = "water", _("Water saved")
        ENERGY = "energy", _("Energy saved")
        MATERIALS = "materials", _("Materials reused")
        MONEY = "money", _("Money saved")

    METRIC_DIMENSIONS = {
        Metric.CO2: {Dimension.MASS},
        Metric.WATER: {Dimension.VOLUME},
        Metric.ENERGY: {Dimension.ENERGY},
        Metric.MATERIALS: {Dimension.MASS},
        Metric.MONEY: {Dimension.MONEY_EUR, Dimension.MONEY_DKK},
    }

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    metric = models.CharField(_("what"), max_length=20, choices=Metric)
    value = models.DecimalField(
        _("value"), max_digits=16, decimal_places=3, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit)
    note_da = models.CharField(
        _("note (Danish)"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'per year' or 'savings for the companies'."),
    )
    note_en = models.CharField(_("note (English)"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("link to the source"), blank=True)
    method_da = models.TextField(_("method (Danish)"), blank=True)
    method_en = models.TextField(_("method (English)"), blank=True)

    note = Bilingual("note")
    method = Bilingual("method")

    class Meta:
        ordering = ["year", "metric", "pk"]
        verbose_name = _("published impact figure")
        verbose_name_plural = _("published impact figures")

    def __str__(self):
        return f"{self.year} {self.get_metric_display()}: {self.amount}"

    @property
    def amount(self):
        return Quantity(self.value, self.unit)

    def clean(self):
        if (
            self.metric
            and self.unit
            and (dimension_of(self.unit) not in self.METRIC_DIMENSIONS[self.Metric(self.metric)])
        ):
            raise ValidationError({"unit": _("This unit does not fit what is measured.")})
