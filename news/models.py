from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Partner
from symbiosis.bilingual import Bilingual
from symbiosis.richtext import RichTextField
from symbiosis.uploads import ImageUploadField


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published and due: a scheduled article appears by itself at its moment."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now or timezone.now())

    def press_releases(self):
        return self.filter(kind=Article.Kind.PRESS_RELEASE)


class Article(models.Model):
    """A news item, press release or newsletter issue."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        PRESS_RELEASE = "press", _("Press release")
        NEWSLETTER = "newsletter", _("Newsletter")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    lead_da = models.TextField(_("lead (Danish)"), help_text=_("One or two sentences."))
    lead_en = models.TextField(_("lead (English)"), blank=True)
    body_da = RichTextField(_("text (Danish)"), blank=True)
    body_en = RichTextField(_("text (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.NEWS)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"),
        default=timezone.now,
        help_text=_("A moment in the future schedules the article: it appears by itself then."),
    )
    first_published = models.DateField(
        _("original publication date"),
        default=timezone.localdate,
        help_text=_("Kept when the item is re-posted or edited; shown as its date."),
    )
    lead_image = ImageUploadField(_("lead image"), upload_to="news/", blank=True)
    image_alt_da = models.CharField(
        _("image description (Danish)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    image_alt_en = models.CharField(_("image description (English)"), max_length=250, blank=True)
    image_caption_da = models.CharField(_("image caption (Danish)"), max_length=250, blank=True)
    image_caption_en = models.CharField(_("image caption (English)"), max_length=250, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    related_partners = models.ManyToManyField(
        Partner, blank=True, related_name="articles", verbose_name=_("related partners")
    )
    related_flows = models.ManyToManyField(
        "exchanges.Flow", blank=True, related_name="articles", verbose_name=_("related flows")
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    title = Bilingual("title")
    lead = Bilingual("lead")
    body = Bilingual("body")
    image_alt = Bilingual("image_alt")
    image_caption = Bilingual("image_caption")

    class Meta:
        ordering = ["-first_published", "-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "publish_at"])]

    def __str__(self):
        return self.title_da

    def get_absolute_url(self):
        return reverse("news:article", kwargs={"slug": self.slug})

    @property
    def is_live(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def was_updated(self):
        """Edited on a later day than it was first published."""
        return timezone.localdate(self.updated) > self.first_published

    def clean(self):
        if self.lead_image and not self.image_alt_da:
            raise ValidationError(
                {"image_alt_da": _("Describe the image for people who cannot see it.")}
            )


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True)

    def upcoming(self, now=None):
        return self.published().filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        return self.published().filter(end__lt=now or timezone.now()).order_by("-start")


class Language(models.TextChoices):
    DA = "da", _("Danish")
    EN = "en", _("English")
    BOTH = "da+en", _("Danish and English")


class Event(models.Model):
    """A conference, workshop, study visit or webinar."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        WORKSHOP = "workshop", _("Workshop")
        STUDY_VISIT = "visit", _("Study visit")
        WEBINAR = "webinar", _("Webinar")

    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description_da = RichTextField(_("description (Danish)"), blank=True)
    description_en = RichTextField(_("description (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.CONFERENCE)
    start = models.DateTimeField(_("starts"), help_text=_("Danish time (Europe/Copenhagen)."))
    end = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    languages = models.CharField(
        _("language spoken"), max_length=10, choices=Language, default=Language.DA
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    image = ImageUploadField(_("image"), upload_to="events/", blank=True)
    image_alt_da = models.CharField(_("image description (Danish)"), max_length=250, blank=True)
    image_alt_en = models.CharField(_("image description (English)"), max_length=250, blank=True)
    is_public = models.BooleanField(_("shown on the website"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    title = Bilingual("title")
    description = Bilingual("description")
    image_alt = Bilingual("image_alt")

    class Meta:
        ordering = ["start"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title_da

    def get_absolute_url(self):
        return reverse("news:event", kwargs={"slug": self.slug})

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    role_da = models.CharField(_("role (Danish)"), max_length=200, blank=True)
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speakers",
        verbose_name=_("partner"),
        help_text=_("When the speaker works for a partner of the symbiosis."),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("When the speaker's organisation is not a partner."),
    )
    bio_da = models.TextField(_("biography (Danish)"), blank=True)
    bio_en = models.TextField(_("biography (English)"), blank=True)
    photo = ImageUploadField(_("photo"), upload_to="speakers/", blank=True)

    role = Bilingual("role")
    bio = Bilingual("bio")

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:speaker", kwargs={"slug": self.slug})

    @property
    def organisation_name(self):
        """The organisation as public pages name it: none for a hidden partner (secret)."""
        if self.partner_id:
            return self.partner.name if self.partner.is_public else ""
        return self.organisation


class Session(models.Model):
    """One item of an event's programme: a talk, a panel, a tour, a break."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    language = models.CharField(
        _("language spoken"), max_length=10, choices=Language, default=Language.DA
    )
    speakers = models.ManyToManyField(
        Speaker, blank=True, related_name="sessions", verbose_name=_("speakers")
    )

    title = Bilingual("title")
    description = Bilingual("description")

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title_da

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("A session cannot end before it starts.")})


class PressAssetQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True)


class PressAsset(models.Model):
    """A photo, logo, infographic or document for the press, with caption and licence."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        LOGO = "logo", _("Logo")
        INFOGRAPHIC = "infographic", _("Infographic")
        GUIDELINES = "guidelines", _("Design guidelines")
        OTHER = "other", _("Other document")

    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    caption_da = models.TextField(_("caption (Danish)"), blank=True)
    caption_en = models.TextField(_("caption (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PHOTO)
    file = models.FileField(_("file"), upload_to="press/")
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    licence = models.CharField(
        _("licence"), max_length=200, default="Fri til redaktionel brug / Free for editorial use"
    )
    terms_da = models.TextField(_("terms of use (Danish)"), blank=True)
    terms_en = models.TextField(_("terms of use (English)"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Lower numbers are shown first.")
    )
    is_public = models.BooleanField(_("shown on the website"), default=True)
    # Read from the file when it is saved through the admin or the demo; never typed.
    content_type = models.CharField(_("file type"), max_length=100, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, editable=False)
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    preview = models.ImageField(
        _("preview"), upload_to="press/previews/", blank=True, editable=False
    )
    web_version = models.ImageField(
        _("web version"), upload_to="press/web/", blank=True, editable=False
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PressAssetQuerySet.as_manager()

    title = Bilingual("title")
    caption = Bilingual("caption")
    terms = Bilingual("terms")

    class Meta:
        ordering = ["kind", "order", "pk"]
        verbose_name = _("press asset")
        verbose_name_plural = _("press assets")

    def __str__(self):
        return self.title_da
