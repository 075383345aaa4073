"""Admin for articles: news, press releases and newsletter issues."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from news.models import Article
from symbiosis.admin_filters import missing_english_filter
from symbiosis.versions.admin import VersionedAdmin

BILINGUAL_FIELDS = ("title", "lead", "body", "image_alt", "image_caption")


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Article.objects.dates("first_published", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(first_published__year=int(self.value()))
        return queryset


@admin.register(Article)
class ArticleAdmin(VersionedAdmin):
    list_display = [
        "title_da",
        "kind",
        "status",
        "first_published",
        "publish_at",
        "is_scheduled",
        "has_english",
        "on_site",
    ]
    list_filter = ["status", "kind", YearFilter, missing_english_filter(*BILINGUAL_FIELDS)]
    search_fields = [
        "title_da",
        "title_en",
        "lead_da",
        "lead_en",
        "body_da",
        "body_en",
        "slug",
    ]
    prepopulated_fields = {"slug": ["title_da"]}
    autocomplete_fields = ["related_partners", "related_flows"]
    fieldsets = [
        (
            _("Publishing"),
            {
                "fields": ["kind", "status", "publish_at", "first_published", "slug"],
                "description": _(
                    "An article is on the website when its status is Published and its "
                    "publish time has come; a time in the future schedules it. The original "
                    "publication date is taken from the publish time when the article is "
                    "created and is never changed by later edits: change it by hand if you "
                    "publish an old draft."
                ),
            },
        ),
        (_("Danish"), {"fields": ["title_da", "lead_da", "body_da"]}),
        (_("English"), {"fields": ["title_en", "lead_en", "body_en"]}),
        (
            _("Lead image"),
            {
                "fields": [
                    "lead_image",
                    ("image_alt_da", "image_alt_en"),
                    ("image_caption_da", "image_caption_en"),
                    "image_credit",
                ]
            },
        ),
        (_("Related"), {"fields": ["related_partners", "related_flows"]}),
    ]

    @admin.display(description=_("scheduled"), boolean=True)
    def is_scheduled(self, article):
        return article.status == Article.Status.PUBLISHED and article.publish_at > timezone.now()

    @admin.display(description=_("English"), boolean=True)
    def has_english(self, article):
        return bool(article.title_en.strip() and article.lead_en.strip())

    @admin.display(description=_("on the site"))
    def on_site(self, article):
        label = _("View") if article.is_live else _("Preview")
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), label)

    def save_model(self, request, obj, form, change):
        # A new article's original date is the day it goes out, unless the editor set
        # another (a re-post of an old item). On edits it is left exactly as it is.
        if not change and "first_published" not in form.changed_data and obj.publish_at:
            obj.first_published = timezone.localdate(obj.publish_at)
        super().save_model(request, obj, form, change)
