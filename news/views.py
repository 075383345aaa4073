"""The news list and the article pages.

Every public read goes through `Article.objects.published()`, which compares with
the clock at query time: a scheduled article appears by itself at its moment.
Staff who may change articles also see drafts and scheduled articles, at the
same address, marked as a preview and never cached.
"""

from urllib.parse import urlencode

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from exchanges.models import Flow
from news.models import Article
from partners.models import Partner
from symbiosis.forms import QueryFilterForm
from symbiosis.preview import StaffPreviewMixin

PREVIEW_PERMISSION = "news.change_article"


class ArticleFilterForm(QueryFilterForm):
    """Filters from the query string; a value that is not valid is dropped and the page says
    so in the visitor's language (never an error page)."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds")), *Article.Kind.choices],
        required=False,
        error_messages={"invalid_choice": _("That kind of news does not exist: showing all.")},
    )
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("There is no news from that year: showing all.")},
    )

    def __init__(self, data, *, years):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]


class ArticleListView(ListView):
    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self):
        published = Article.objects.published()
        years = [d.year for d in published.dates("first_published", "year", order="DESC")]
        self.filter_form = ArticleFilterForm(self.request.GET, years=years)
        chosen = self.filter_form.values
        if "kind" in chosen:
            published = published.filter(kind=chosen["kind"])
        if "year" in chosen:
            published = published.filter(first_published__year=chosen["year"])
        return published

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["is_filtered"] = bool(self.filter_form.values)
        # Pagination links keep the valid filters (and only those).
        context["filter_query"] = urlencode(self.filter_form.values)
        return context


class ArticleDetailView(StaffPreviewMixin, DetailView):
    preview_permission = PREVIEW_PERMISSION
    template_name = "news/article_detail.html"
    context_object_name = "article"
    recent_count = 3

    def get_queryset(self):
        articles = Article.objects.all() if self.can_preview() else Article.objects.published()
        return articles.prefetch_related(
            Prefetch("related_partners", queryset=Partner.objects.published().order_by("name")),
            Prefetch(
                "related_flows",
                queryset=Flow.objects.published().with_related().order_by("year_started", "pk"),
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["is_preview"] = not article.is_live
        context["recent_articles"] = list(
            Article.objects.published().exclude(pk=article.pk)[: self.recent_count]
        )
        return context
