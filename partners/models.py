from django.core.exceptions import ValidationError
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
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Of the site in Kalundborg, e.g. 55.6796. Used for the open map data."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("E.g. 11.0886."),
    )
    diagram_x = models.PositiveSmallIntegerField(
        _("diagram position, across"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1000)],
        help_text=_(
            "0 (left) to 1000 (right). Leave both positions empty to let the diagram "
            "place the partner by itself."
        ),
    )
    diagram_y = models.PositiveSmallIntegerField(
        _("diagram position, down"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1000)],
        help_text=_("0 (top) to 1000 (bottom)."),
    )
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

    def clean(self):
        if (self.diagram_x is None) != (self.diagram_y is None):
            raise ValidationError(
                {"diagram_y": _("Give both diagram positions, or leave both empty.")}
            )
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})


class FormerName(models.Model):
    """A name the partner had before, e.g. DONG Energy for Ørsted."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="former_names", verbose_name=_("partner")
    )
    name = models.CharField(_("name"), max_length=200)
    year_from = models.PositiveSmallIntegerField(
        _("from year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    year_to = models.PositiveSmallIntegerField(
        _("until year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )

    class Meta:
        ordering = ["year_to", "name"]
        verbose_name = _("former name")
        verbose_name_plural = _("former names")

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True, organisation__is_public=True)

    def press_contacts(self):
        return self.published().filter(is_press_contact=True)


class Person(models.Model):
    """Someone the public may contact: at a partner or in the secretariat."""

    name = models.CharField(_("name"), max_length=200)
    role_da = models.CharField(_("role (Danish)"), max_length=200, blank=True)
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="people", verbose_name=_("organisation")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    linkedin = models.URLField(_("LinkedIn profile"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="people/", blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Lower numbers are shown first.")
    )
    is_public = models.BooleanField(_("shown on the website"), default=True)
    is_press_contact = models.BooleanField(
        _("press contact"), default=False, help_text=_("Shown in the press room.")
    )

    objects = PersonQuerySet.as_manager()

    role = Bilingual("role")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:vcard", kwargs={"pk": self.pk})
