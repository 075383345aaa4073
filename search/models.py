"""The search index: one row per searchable object, built from what the apps register.

Denormalised on purpose: a search reads this one table, whatever the number of
hits and kinds, and never the content tables. Rows are written by the receivers in
`search.signals` (every save and delete) and by `manage.py rebuild_search_index`;
never by hand, so there is no admin to edit them.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.documents import label
from symbiosis.bilingual import Bilingual


class SearchEntryQuerySet(models.QuerySet):
    def published(self, now=None):
        """Entries a visitor may find: shown on the website, and due (scheduled articles)."""
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now or timezone.now()),
            is_public=True,
        )


class SearchEntry(models.Model):
    # The kind of object, as its app registered it (search.documents.Source.kind): no
    # choices, so that the engine lists no app.
    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("object id"))
    # Where the hit links to, reversed in the visitor's language when shown:
    # reverse(url_name, kwargs=url_kwargs) + url_suffix ("#people", "?category=water").
    url_name = models.CharField(max_length=100)
    url_kwargs = models.JSONField(default=dict, blank=True)
    url_suffix = models.CharField(max_length=100, blank=True)
    title_da = models.CharField(_("title (Danish)"), max_length=400)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    # Plain text (HTML stripped), for the snippets under each hit.
    text_da = models.TextField(_("text (Danish)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    # The published() of the object's model, mirrored: False hides the entry; a
    # publish_at in the future hides it until then (scheduled articles).
    is_public = models.BooleanField(_("shown on the website"), default=True)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    # Folded text (search.text.fold) per language and part, from which PostgreSQL's
    # `vector` is computed in bulk.
    folded_title_da = models.TextField(blank=True)
    folded_title_en = models.TextField(blank=True)
    folded_text_da = models.TextField(blank=True)
    folded_text_en = models.TextField(blank=True)
    # The SQLite search: " stem stem … " of the title and of everything (title and
    # text), Danish stems of the Danish text and English stems of the English text.
    title_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)
    # PostgreSQL: the weighted tsvector (titles A, texts B), GIN-indexed (migration 0002).
    vector = SearchVectorField(null=True, editable=False)

    objects = SearchEntryQuerySet.as_manager()

    title = Bilingual("title")
    text = Bilingual("text")

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_object")
        ]

    def __str__(self):
        return f"{label(self.kind)}: {self.title_da}"

    def get_absolute_url(self):
        return reverse(self.url_name, kwargs=self.url_kwargs or None) + self.url_suffix
