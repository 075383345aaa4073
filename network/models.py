from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from symbiosis import dates
from symbiosis.bilingual import Bilingual

# Denmark, roughly: from Gedser (54.56 N) to Skagen (57.75 N), from Blåvandshuk
# (8.07 E) to Ertholmene east of Bornholm (15.19 E).
SOUTH, NORTH = 54.5, 57.8
WEST, EAST = 8.0, 15.2

# Ids the network page itself uses: a symbiosis's slug is the id of its entry.
RESERVED_SLUGS = {"main", "network-intro", "network-map", "network-list"}


def this_year():
    # Named here for the year validator (its migration names network.models.this_year).
    return dates.this_year()


def validate_slug_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is used by the page itself. Choose another slug."),
            code="reserved",
            params={"slug": value},
        )


class SymbiosisQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True)


class Symbiosis(models.Model):
    """Another industrial symbiosis in Denmark, or an organisation of the national network."""

    class Role(models.TextChoices):
        FOUNDER = "founder", _("Founder of the network")
        MEMBER = "member", _("Member symbiosis")
        FACILITATOR = "facilitator", _("National facilitator")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text=_("Its part of the web address, e.g. industriel-symbiose-nord. Not translated."),
    )
    town = models.CharField(
        _("town"), max_length=100, help_text=_("Where it is based, e.g. Aalborg.")
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(SOUTH), MaxValueValidator(NORTH)],
        help_text=_("Of the town, e.g. 57.0488 for Aalborg. Must lie in Denmark (54.5 to 57.8)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(WEST), MaxValueValidator(EAST)],
        help_text=_("E.g. 9.9217 for Aalborg. Must lie in Denmark (8.0 to 15.2)."),
    )
    coordinator = models.CharField(
        _("coordinator"),
        max_length=200,
        blank=True,
        help_text=_("Who runs it, e.g. a municipality, a port or a consultancy."),
    )
    founded = models.PositiveSmallIntegerField(
        _("founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(this_year)],
        help_text=_("The year it started. Leave empty when you do not know it."),
    )
    website = models.URLField(_("website"), blank=True)
    description_da = models.CharField(
        _("description (Danish)"),
        max_length=400,
        help_text=_("One or two sentences shown in the list."),
    )
    description_en = models.CharField(_("description (English)"), max_length=400, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    is_public = models.BooleanField(
        _("shown on the website"),
        default=True,
        help_text=_("Untick to hide it from the network page and its map."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Lower numbers are shown first.")
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = SymbiosisQuerySet.as_manager()

    description = Bilingual("description")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("symbiosis")
        verbose_name_plural = _("symbioses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__range=(SOUTH, NORTH))
                & models.Q(longitude__range=(WEST, EAST)),
                name="symbiosis_in_denmark",
                violation_error_message=_("The position must lie in Denmark."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('network:index')}#{self.slug}"
