"""Anonymous pages come from the cache; staff and changed content never see a stale page."""

import pytest
from django.utils import translation

from partners.tests.factories import PartnerFactory
from tests.html import soup
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.CACHE_PAGES_SECONDS = 60


def names(response):
    return [h3.get_text(strip=True) for h3 in soup(response).select(".partner-card h3")]


def test_second_visit_is_served_from_the_cache(client, django_assert_num_queries):
    PartnerFactory(name="Argo")
    first = client.get("/da/partnere/")
    with django_assert_num_queries(0):
        second = client.get("/da/partnere/")
    assert names(second) == names(first) == ["Argo"]
    # The security headers are still on the cached page.
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_each_language_and_query_is_its_own_page(client):
    PartnerFactory(name="Argo", kind="company")
    assert soup(client.get("/da/partnere/")).html["lang"] == "da"
    assert soup(client.get("/en/partners/")).html["lang"] == "en"
    assert names(client.get("/en/partners/", {"kind": "municipality"})) == []


def test_a_change_shows_at_once(client):
    partner = PartnerFactory(name="Argo")
    assert names(client.get("/da/partnere/")) == ["Argo"]
    partner.name = "Argo I/S"
    partner.save()
    assert names(client.get("/da/partnere/")) == ["Argo I/S"]
    partner.delete()
    assert names(client.get("/da/partnere/")) == []


def test_staff_never_get_a_cached_page(admin_client, client, django_assert_num_queries):
    PartnerFactory(name="Argo")
    client.get("/da/partnere/")  # cached for anonymous visitors
    # The partners query (and the menu): the real page, not the cache.
    with django_assert_num_queries(1 + NAVIGATION):
        response = admin_client.get("/da/partnere/")
    assert names(response) == ["Argo"]


def test_not_found_and_redirects_are_not_cached(client):
    assert client.get("/da/partnere/findes-ikke/").status_code == 404
    PartnerFactory(name="Findes", slug="findes-ikke")
    assert client.get("/da/partnere/findes-ikke/").status_code == 200
    # The language redirect varies on Accept-Language: never cached.
    assert client.get("/", headers={"accept-language": "en"})["Location"] == "/en/"
    assert client.get("/", headers={"accept-language": "da"})["Location"] == "/da/"


def test_draft_preview_is_never_cached(admin_client, client):
    from news.tests.factories_articles import ArticleFactory

    article = ArticleFactory(status="draft")
    with translation.override("da"):
        url = article.get_absolute_url()
    assert admin_client.get(url).status_code == 200
    assert client.get(url).status_code == 404


def test_scheduled_article_appears_when_due_though_the_list_was_cached(client):
    import datetime
    import time

    from django.utils import timezone

    from news.tests.factories_articles import ArticleFactory

    due = timezone.now() + datetime.timedelta(seconds=2)
    ArticleFactory(slug="snart", title_da="Snart", publish_at=due, first_published=due.date())
    assert "Snart" not in client.get("/da/nyheder/").content.decode()
    assert "Snart" not in client.get("/da/nyheder/").content.decode()  # now from the cache
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.2)
    # Nobody saved anything: the moment itself retires the cached list.
    assert "Snart" in client.get("/da/nyheder/").content.decode()


def test_cached_download_still_answers_conditional_requests(client):
    PartnerFactory(name="Argo")
    first = client.get("/da/aabne-data/partners.csv")
    etag = first["ETag"]
    assert client.get("/da/aabne-data/partners.csv").content == first.content  # cached
    assert (
        client.get("/da/aabne-data/partners.csv", headers={"if-none-match": etag}).status_code
        == 304
    )
