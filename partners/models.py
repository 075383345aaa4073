from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from partners.registry_numbers import validate_cvr, validate_nace
from symbiosis import dates
from symbiosis.bilingual import Bilingual, active_language
from symbiosis.uploads import ImageUploadField

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
    cvr = models.CharField(
        _("CVR number"),
        max_length=8,
        blank=True,
        validators=[validate_cvr],
        help_text=_("The organisation's number in the Danish business register, eight digits."),
    )
    nace = models.CharField(
        _("industry (NACE code)"),
        max_length=8,
        blank=True,
        validators=[validate_nace],
        help_text=_("E.g. 20.14 (NACE/DB07): how the organisation's industry is compared."),
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
    logo = ImageUploadField(_("logo"), upload_to="partners/logos/", blank=True)
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
    photo = ImageUploadField(_("photo"), upload_to="people/", blank=True)
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


# Long dates on the board and in its messages: "1. januar 2020" / "1 January 2020".
LONG_DATE_FORMATS = {"da": "j. F Y", "en": "j F Y"}


def long_date(day):
    return date_format(day, LONG_DATE_FORMATS.get(active_language(), LONG_DATE_FORMATS["en"]))


class BoardSeatQuerySet(models.QuerySet):
    def published(self):
        """Seats of organisations shown on the website."""
        return self.filter(partner__is_public=True)

    def on(self, day):
        """Seats held on `day`: started on or before it, not ended before it."""
        return self.filter(
            models.Q(ended__isnull=True) | models.Q(ended__gte=day), started__lte=day
        )

    def current(self):
        return self.on(dates.today())

    def board(self):
        """Seats on the board itself (the head of secretariat is not a board member)."""
        return self.exclude(office=BoardSeat.Office.HEAD_OF_SECRETARIAT)


class BoardSeat(models.Model):
    """An office in the association: a seat on the board, or the head of the secretariat."""

    class Office(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Board member")
        HEAD_OF_SECRETARIAT = "head_of_secretariat", _("Head of secretariat")

    # Offices only one person may hold at a time.
    SINGLE_OFFICES = (Office.CHAIR, Office.VICE_CHAIR, Office.HEAD_OF_SECRETARIAT)

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="board_seats",
        verbose_name=_("person"),
        help_text=_(
            "Choose the person if they are already registered under People. "
            "Otherwise leave empty and type the name below."
        ),
    )
    person_name = models.CharField(
        _("person's name"),
        max_length=200,
        blank=True,
        help_text=_("Only for someone who is not registered under People."),
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        blank=True,
        related_name="board_seats",
        verbose_name=_("organisation"),
        help_text=_(
            "The organisation the person represents. Leave empty to use the chosen "
            "person's organisation."
        ),
    )
    office = models.CharField(_("office"), max_length=20, choices=Office, default=Office.MEMBER)
    started = models.DateField(_("from"), help_text=_("The first day in office."))
    ended = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("The last day in office. Leave empty while the person still holds it."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=100,
        help_text=_(
            "Lower numbers are shown first among holders of the same office; "
            "otherwise they follow the organisation's name."
        ),
    )

    objects = BoardSeatQuerySet.as_manager()

    class Meta:
        ordering = ["-started", "order"]
        verbose_name = _("board seat")
        verbose_name_plural = _("board seats")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended__isnull=True) | models.Q(ended__gte=models.F("started")),
                name="boardseat_ended_after_started",
                violation_error_message=_("The last day in office cannot be before the first."),
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, person_name="")
                | (models.Q(person__isnull=True) & ~models.Q(person_name="")),
                name="boardseat_person_or_name",
                violation_error_message=_(
                    "Choose a person or type a name, not both and not neither."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_office_display()}: {self.name}"

    @property
    def name(self):
        return self.person.name if self.person_id else self.person_name

    @property
    def is_board_member(self):
        return self.office != self.Office.HEAD_OF_SECRETARIAT

    def clean(self):
        super().clean()
        self.person_name = self.person_name.strip()
        if self.person_id and self.person_name:
            raise ValidationError(
                {"person_name": _("Leave the name empty when a person is chosen above.")}
            )
        if not self.person_id and not self.person_name:
            raise ValidationError({"person": _("Choose a person, or type the person's name.")})
        partner = self._partner_or_none()
        if partner is None and self.person_id:
            partner = self.partner = self.person.organisation
        if partner is None:
            raise ValidationError({"partner": _("Choose the organisation the person represents.")})
        if self.person_id and self.person.organisation != partner:
            raise ValidationError(
                {
                    "partner": _(
                        "%(person)s is registered under %(organisation)s, not %(partner)s. "
                        "Choose %(organisation)s, or leave the person empty and type the name."
                    )
                    % {
                        "person": self.person.name,
                        "organisation": self.person.organisation.name,
                        "partner": partner.name,
                    }
                }
            )
        if self.started and self.ended and self.ended < self.started:
            raise ValidationError(
                {"ended": _("The last day in office cannot be before the first.")}
            )
        if self.started and self.office in self.SINGLE_OFFICES:
            self._refuse_overlap()

    def _partner_or_none(self):
        # In the partner's own admin page the partner may not be saved yet: it is set
        # on the seat, without a primary key.
        try:
            return self.partner
        except Partner.DoesNotExist:
            return None

    def _refuse_overlap(self):
        others = BoardSeat.objects.filter(office=self.office).exclude(pk=self.pk)
        others = others.filter(models.Q(ended__isnull=True) | models.Q(ended__gte=self.started))
        if self.ended:
            others = others.filter(started__lte=self.ended)
        other = others.select_related("person", "partner").order_by("started").first()
        if other is None:
            return
        values = {
            "name": other.name,
            "partner": other.partner.name,
            "office": self.get_office_display().lower(),
            "start": long_date(other.started),
        }
        if other.ended:
            values["end"] = long_date(other.ended)
            message = _(
                "%(name)s (%(partner)s) is %(office)s from %(start)s to %(end)s. There can "
                "only be one %(office)s at a time: change the dates so they do not overlap."
            )
        else:
            message = _(
                "%(name)s (%(partner)s) is %(office)s from %(start)s with no last day in "
                "office. There can only be one %(office)s at a time: give that seat a last "
                "day in office first, or change the dates."
            )
        raise ValidationError(message % values)
