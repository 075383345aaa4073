"""RSS and Atom feeds: valid, only published due articles, in the feed's language."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timezone import get_default_timezone

from news.feeds import FEED_LENGTH
from news.models import Article
from news.tests.factories_articles import ArticleFactory

pytestmark = pytest.mark.django_db

FEEDS = ["news:rss", "news:atom"]


def url(language, name):
    with translation.override(language):
        return reverse(name)


def read(client, language, name, **extra):
    response = client.get(url(language, name), **extra)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("name", FEEDS)
@pytest.mark.parametrize("language", ["da", "en"])
def test_feed_is_valid_and_lists_only_published_due_articles(client, language, name):
    ArticleFactory(title_da="Ude nu", title_en="Out now")
    ArticleFactory(title_da="Udkast", title_en="Draft", draft=True)
    ArticleFactory(title_da="Planlagt", title_en="Scheduled", scheduled=True)
    response, feed = read(client, language, name)
    expected = {"da": ["Ude nu"], "en": ["Out now"]}[language]
    assert [entry.title for entry in feed.entries] == expected
    assert feed.feed.language == language
    content_type = "application/rss+xml" if name == "news:rss" else "application/atom+xml"
    assert response["Content-Type"].startswith(content_type)


@pytest.mark.parametrize("name", FEEDS)
def test_feed_titles_and_descriptions_in_the_feeds_language_with_danish_fallback(client, name):
    ArticleFactory(title_da="Dansk titel", title_en="English title", lead_en="English lead.")
    ArticleFactory(title_da="Kun dansk", title_en="", lead_da="Kun dansk tekst.", lead_en="")
    _response, feed = read(client, "en", name)
    entries = {entry.title: entry.summary for entry in feed.entries}
    assert entries == {"English title": "English lead.", "Kun dansk": "Kun dansk tekst."}
    assert feed.feed.title == "Kalundborg Symbiosis: news"
    with translation.override("da"):
        danish_title = translation.gettext("Kalundborg Symbiosis: news")
    assert read(client, "da", name)[1].feed.title == danish_title


@pytest.mark.parametrize("name", FEEDS)
@pytest.mark.parametrize("language", ["da", "en"])
def test_item_links_are_absolute_and_lead_to_the_page_in_the_feeds_language(client, language, name):
    article = ArticleFactory(slug="damp")
    _response, feed = read(client, language, name)
    with translation.override(language):
        path = article.get_absolute_url()
    assert [entry.link for entry in feed.entries] == [f"http://testserver{path}"]
    assert feed.feed.link == "http://testserver" + url(language, "news:articles")


def test_links_use_site_url_when_set(client, settings):
    settings.SITE_URL = "https://symbiosis.example.org"
    ArticleFactory(slug="damp")
    _response, feed = read(client, "en", "news:atom")
    assert feed.entries[0].link == "https://symbiosis.example.org/en/news/damp/"
    self_link = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_link == ["https://symbiosis.example.org/en/news/feed/atom/"]


def test_pubdate_is_the_original_date_and_atom_tells_when_it_was_updated(client):
    article = ArticleFactory(first_published=datetime.date(2019, 12, 17))
    _response, rss = read(client, "en", "news:rss")
    published = datetime.datetime(*rss.entries[0].published_parsed[:6], tzinfo=datetime.UTC)
    assert published.astimezone(get_default_timezone()).date() == datetime.date(2019, 12, 17)
    _response, atom = read(client, "en", "news:atom")
    entry = atom.entries[0]
    assert entry.published_parsed[:3] == (2019, 12, 17)
    updated = datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC)
    assert abs(updated - article.updated) < datetime.timedelta(seconds=1)


def test_pubdate_is_the_exact_moment_when_published_that_day(client):
    moment = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=5)
    ArticleFactory(publish_at=moment, first_published=timezone.localdate(moment))
    _response, feed = read(client, "en", "news:rss")
    published = datetime.datetime(*feed.entries[0].published_parsed[:6], tzinfo=datetime.UTC)
    assert published == moment


def test_scheduled_article_enters_the_feed_when_its_moment_has_come(client, settings):
    settings.CACHE_PAGES_SECONDS = 0  # the queryset's part; see test_page_cache.py
    article = ArticleFactory(title_en="Soon", scheduled=True)
    assert read(client, "en", "news:rss")[1].entries == []
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert [e.title for e in read(client, "en", "news:rss")[1].entries] == ["Soon"]


def test_feed_holds_the_latest_twenty_newest_first(client):
    start = datetime.date(2024, 1, 1)
    for day in range(FEED_LENGTH + 5):
        ArticleFactory(title_en=f"Day {day}", first_published=start + datetime.timedelta(days=day))
    _response, feed = read(client, "en", "news:atom")
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == FEED_LENGTH
    assert titles[0] == f"Day {FEED_LENGTH + 4}" and titles[-1] == "Day 5"


def test_empty_feed_is_still_valid(client):
    assert read(client, "en", "news:atom")[1].entries == []


@pytest.mark.parametrize("count", [1, 25])
def test_feed_runs_one_query(client, django_assert_num_queries, count):
    ArticleFactory.create_batch(count)
    with django_assert_num_queries(1):
        client.get(url("en", "news:rss"))
