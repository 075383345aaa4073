"""Pages the secretariat writes: about, governance, strategy, contact and any other.

A page lives at /<language>/<slug>/ (slugs are not translated) and may stand in the
main menu or in the footer. Two pages carry a block drawn from data besides their
text: the governance page shows the board (partners.BoardSeat), the contact page the
secretariat's staff and address.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from symbiosis.bilingual import Bilingual
from symbiosis.richtext import RichTextField


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Page.Status.PUBLISHED)

    def in_navigation(self):
        """Published pages that stand in a menu, in menu order."""
        return (
            self.published()
            .exclude(navigation=Page.Navigation.NONE)
            .order_by("navigation", "nav_order", "title_da")
            .only("slug", "title_da", "title_en", "navigation", "nav_order")
        )


class Page(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (only staff can see it)")
        PUBLISHED = "published", _("Published")

    class Navigation(models.TextChoices):
        NONE = "", _("Not in a menu")
        MAIN = "main", _("Main menu (top of every page)")
        FOOTER = "footer", _("Footer, under “About the symbiosis”")

    class Feature(models.TextChoices):
        NONE = "", _("Only the text")
        BOARD = "board", _("The text and the board (governance)")
        CONTACT = "contact", _("The text and the secretariat's staff and address (contact)")

    slug = models.SlugField(
        _("web address"),
        max_length=80,
        unique=True,
        help_text=_(
            "The page's part of the web address, e.g. om-symbiosen gives /da/om-symbiosen/ "
            "and /en/om-symbiosen/. Not translated. Changing it breaks links to the page."
        ),
    )
    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(
        _("title (English)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty and English visitors see the Danish title, marked as Danish."),
    )
    lead_da = models.TextField(
        _("lead (Danish)"),
        blank=True,
        help_text=_(
            "One or two sentences under the title; also the description search engines show."
        ),
    )
    lead_en = models.TextField(_("lead (English)"), blank=True)
    body_da = RichTextField(_("text (Danish)"), blank=True)
    body_en = RichTextField(_("text (English)"), blank=True)
    navigation = models.CharField(
        _("menu"),
        max_length=10,
        choices=Navigation.choices,
        default=Navigation.NONE,
        blank=True,
        help_text=_("Where visitors find a link to the page. Only published pages are shown."),
    )
    nav_order = models.PositiveSmallIntegerField(
        _("order in the menu"), default=100, help_text=_("Smaller numbers come first.")
    )
    feature = models.CharField(
        _("content besides the text"),
        max_length=10,
        choices=Feature.choices,
        default=Feature.NONE,
        blank=True,
        help_text=_(
            "The board is kept under Partners › Board seats; the staff under Partners › "
            "People of the secretariat."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    title = Bilingual("title")
    lead = Bilingual("lead")
    body = Bilingual("body")

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["navigation", "nav_order", "title_da"]

    def __str__(self):
        return self.title_da

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def clean(self):
        super().clean()
        if self.slug and (taken_by := self._address_taken()):
            raise ValidationError(
                {
                    "slug": _(
                        "%(path)s is already the address of another part of the site. "
                        "Choose another web address."
                    )
                    % {"path": taken_by}
                }
            )

    def _address_taken(self):
        """The path, in any language, where this slug would be shadowed by another page."""
        from django.conf import settings

        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                path = f"/{code}/{self.slug}/"
                try:
                    match = resolve(path)
                except Resolver404:
                    continue
                if match.view_name != "pages:detail":
                    return path
        return None
