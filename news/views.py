"""News list and article pages (placeholder until the news lands)."""

from django.views.generic import DetailView, ListView

from news.models import Article


class ArticleListView(ListView):
    template_name = "news/article_list.html"
    queryset = Article.objects.published()


class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"
    queryset = Article.objects.published()
