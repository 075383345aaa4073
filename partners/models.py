from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from symbiosis.bilingual import Bilingual

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


class PartnerQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True)

    def members(self):
        return self.filter(membership__in=[Partner.Membership.FULL, Partner.Membership.ASSOCIATE])


class Partner(models.Model):
    """An organisation of the symbiosis: company, utility, municipality…"""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        UTILITY = "utility", _("Utility")
        MUNICIPALITY = "municipality", _("Municipality")
        KNOWLEDGE = "knowledge", _("Knowledge institution")
        OTHER = "other", _("Other")

    class Membership(models.TextChoices):
        FULL = "full", _("Member")
        ASSOCIATE = "associate", _("Associate member")
        FORMER = "former", _("Former member")
        NONE = "none", _("Not a member")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The partner's part of the web address, e.g. novo-nordisk. Not translated."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.COMPANY)
    membership = models.CharField(
        _("membership"), max_length=20, choices=Membership, default=Membership.FULL
    )
    year_joined = models.PositiveSmallIntegerField(
        _("year joined"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    year_left = models.PositiveSmallIntegerField(
        _("year left"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    sector_da = models.CharField(_("sector (Danish)"), max_length=120, blank=True)
    sector_en = models.CharField(_("sector (English)"), max_length=120, blank=True)
    summary_da = models.CharField(
        _("short description (Danish)"),
        max_length=300,
        help_text=_("One or two sentences shown in the partner directory."),
    )
    summary_en = models.CharField(_("short description (English)"), max_length=300, blank=True)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="partners/logos/", blank=True)
    is_public = models.BooleanField(
        _("shown on the website"),
        default=True,
        help_text=_("Untick to hide the partner from every public page."),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()

    sector = Bilingual("sector")
    summary = Bilingual("summary")
    description = Bilingual("description")

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_left__isnull=True)
                | models.Q(year_joined__isnull=True)
                | models.Q(year_left__gte=models.F("year_joined")),
                name="partner_left_after_joined",
                violation_error_message=_("The year left cannot be before the year joined."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})
