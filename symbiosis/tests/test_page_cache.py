"""Anonymous pages come from the cache; staff and changed content never see a stale page."""

import os

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
    # Does the session exist (a made-up cookie would get the kept page), then the
    # partners query and the menu: the real page, not the cache.
    with django_assert_num_queries(2 + NAVIGATION):
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


# Conditional GET ---------------------------------------------------------------------


def some_pages():
    from exchanges.tests.factories import FlowFactory
    from news.tests.factories_articles import ArticleFactory
    from pages.tests.factories import PageFactory

    flow = FlowFactory()
    article = ArticleFactory()
    page = PageFactory()
    with translation.override("da"):
        return [
            "/da/",
            "/da/partnere/",
            flow.supplier.get_absolute_url(),
            "/da/udvekslinger/",
            flow.get_absolute_url(),
            "/da/nyheder/",
            article.get_absolute_url(),
            "/da/presse/",
            page.get_absolute_url(),
        ]


def test_pages_answer_if_none_match_with_304(client, django_assert_num_queries):
    for path in some_pages():
        first = client.get(path)
        assert first.status_code == 200, path
        etag = first["ETag"]
        # From the cache: the same tag, and a 304 with no body and no query.
        assert client.get(path)["ETag"] == etag, path
        with django_assert_num_queries(0):
            again = client.get(path, headers={"if-none-match": etag})
        assert again.status_code == 304, path
        assert again.content == b""
        assert again["ETag"] == etag
        # A browser holding another version gets the page.
        other = client.get(path, headers={"if-none-match": '"something-else"'})
        assert other.status_code == 200
        assert other.content == first.content


def test_etag_is_the_same_without_the_page_cache(client, settings):
    """The tag depends on the content alone (no per-request nonce in public pages), so it
    is useful even when every request renders the page."""
    settings.CACHE_PAGES_SECONDS = 0
    PartnerFactory(name="Argo")
    first, second = client.get("/da/partnere/"), client.get("/da/partnere/")
    assert first["ETag"] == second["ETag"]
    assert first.content == second.content
    assert client.get("/da/partnere/", headers={"if-none-match": first["ETag"]}).status_code == 304


def test_changed_content_gets_a_new_etag(client):
    partner = PartnerFactory(name="Argo")
    etag = client.get("/da/partnere/")["ETag"]
    partner.name = "Argo I/S"
    partner.save()
    response = client.get("/da/partnere/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert names(response) == ["Argo I/S"]


def test_staff_see_the_live_article_though_visitors_get_it_from_the_cache(admin_client, client):
    from news.tests.factories_articles import ArticleFactory

    article = ArticleFactory(title_da="Første udgave")
    with translation.override("da"):
        url = article.get_absolute_url()
    assert "Første udgave" in client.get(url).content.decode()  # now cached for visitors
    staff = admin_client.get(url)
    assert "private" in staff["Cache-Control"]
    # Changed without a signal (a bulk update): visitors keep the cached page for now,
    # staff see the truth at once.
    type(article).objects.filter(pk=article.pk).update(title_da="Anden udgave")
    assert "Første udgave" in client.get(url).content.decode()
    assert "Anden udgave" in admin_client.get(url).content.decode()


# Several processes sharing Redis -------------------------------------------------------

REDIS = ("127.0.0.1", 6379)
REDIS_DB = 13  # a database of its own; only keys under this test's prefix are touched


def redis_client():
    import redis

    client = redis.Redis(host=REDIS[0], port=REDIS[1], db=REDIS_DB, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        # CI (.ci/run) starts Redis and sets REQUIRE_REDIS: there the test must run.
        if os.environ.get("REQUIRE_REDIS"):
            raise
        pytest.skip("no Redis server on 127.0.0.1:6379")
    return client


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_save_in_one_process_reaches_every_app_server_through_redis(tmp_path):
    """Two gunicorn servers share a database and Redis: both keep the page; a save in a
    third process (the admin's, a management command's) shows on both at once."""
    import secrets
    import time

    from tests.test_production import Server, manage, production_env

    store = redis_client()
    prefix = f"test-{secrets.token_hex(6)}"
    env = production_env(
        tmp_path,
        CACHE_URL=f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}?key_prefix={prefix}",
        CACHE_PAGES_SECONDS="300",
    )
    try:
        assert manage(env, "migrate", "--noinput").returncode == 0
        create = (
            "from partners.models import Partner; "
            "Partner.objects.create(name='Argo', slug='argo', kind='company')"
        )
        assert manage(env, "shell", "-c", create).returncode == 0
        servers = [Server(env, tmp_path / f"gunicorn-{n}.log") for n in (1, 2)]
        try:
            for server in servers:
                assert "Argo" in server.get("/da/partnere/").body.decode()
            assert store.keys(f"{prefix}:*"), "the pages were not kept in Redis"
            rename = (
                "from partners.models import Partner; "
                "p = Partner.objects.get(slug='argo'); p.name = 'Argo Fjernvarme'; p.save()"
            )
            assert manage(env, "shell", "-c", rename).returncode == 0
            deadline = time.monotonic() + 5
            fresh = []
            while time.monotonic() < deadline:
                fresh = [
                    "Argo Fjernvarme" in server.get("/da/partnere/").body.decode()
                    for server in servers
                ]
                if all(fresh):
                    break
                time.sleep(0.2)
            assert fresh == [True, True]
        finally:
            for server in servers:
                server.stop()
    finally:
        keys = store.keys(f"{prefix}:*")
        if keys:
            store.delete(*keys)
        store.close()


GZIP = {"accept-encoding": "gzip, deflate, br, zstd"}


def test_browsers_get_the_kept_page_gzipped(client, django_assert_num_queries):
    """A browser that takes gzip gets the same page in fewer bytes, compressed once when
    the page was kept (the first visit too), with headers that describe those bytes."""
    import gzip

    for n in range(12):
        PartnerFactory(name=f"Partner {n:02}")
    plain = client.get("/da/partnere/")
    first = client.get("/da/partnere/", headers=GZIP)
    with django_assert_num_queries(0):
        second = client.get("/da/partnere/", headers=GZIP)
    for response in (first, second):
        assert response["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.content) == plain.content
        assert int(response["Content-Length"]) == len(response.content)
        assert len(response.content) < len(plain.content) / 3
        # Another representation of the same page: a weak tag, and caches told why.
        assert response["ETag"] == "W/" + plain["ETag"]
        assert "Accept-Encoding" in response["Vary"]
        assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
    assert names(plain) == [f"Partner {n:02}" for n in range(12)]


def test_a_gzipped_page_answers_if_none_match_with_304(client):
    PartnerFactory(name="Argo")
    etag = client.get("/da/partnere/", headers=GZIP)["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/da/partnere/", headers={**GZIP, "if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    "accept", ["", "identity", "gzip;q=0", "gzip; q=0.0, identity", "br", "gzip;q=zero"]
)
def test_no_gzip_for_a_browser_that_does_not_take_it(client, accept):
    PartnerFactory(name="Argo")
    client.get("/da/partnere/", headers=GZIP)  # kept, with its gzipped twin
    response = client.get("/da/partnere/", headers={"accept-encoding": accept})
    assert "Content-Encoding" not in response
    assert names(response) == ["Argo"]


def test_staff_pages_are_not_compressed(admin_client):
    """Staff pages are never kept, and they carry a CSRF token: no compression (BREACH)."""
    PartnerFactory(name="Argo")
    response = admin_client.get("/da/partnere/", headers=GZIP)
    assert "Content-Encoding" not in response
    assert names(response) == ["Argo"]


# Not a door for floods (issue 14, docs/security.md "The page cache") ---------------------


def kept_pages():
    """How many pages the cache holds now (local memory, this process)."""
    from django.core.cache import cache

    return sum(1 for key in cache._cache if ":pages:" in key and ":pages:params:" not in key)


def test_a_made_up_session_cookie_gets_the_kept_page(client, settings, django_assert_num_queries):
    PartnerFactory(name="Argo")
    client.get("/da/partnere/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "a" * 32

    # One query (does that session exist? no) and the kept page, not a fresh render.
    with django_assert_num_queries(1):
        response = client.get("/da/partnere/")

    assert names(response) == ["Argo"]


def test_unknown_query_parameters_are_sent_to_the_page_without_them(
    client, django_assert_num_queries
):
    PartnerFactory(name="Argo", kind="company")
    client.get("/da/partnere/")
    before = kept_pages()

    first = client.get("/da/partnere/", {"x": "1", "kind": "company"})
    with django_assert_num_queries(0):
        others = [client.get("/da/partnere/", {"x": str(n), "kind": "company"}) for n in range(100)]

    for response in (first, *others):
        assert response.status_code == 301
        assert response["Location"] == "/da/partnere/?kind=company"
    # The filter the view reads is kept and makes its page; the junk made none.
    assert names(client.get(first["Location"])) == ["Argo"]
    assert kept_pages() == before + 1


def test_the_same_filters_in_another_order_are_the_same_kept_page(client):
    PartnerFactory(name="Argo", kind="company")
    client.get("/da/partnere/", {"kind": "company", "membership": ""})
    before = kept_pages()

    response = client.get("/da/partnere/?membership=&kind=company")

    assert names(response) == ["Argo"]
    assert kept_pages() == before


def test_the_cache_is_bounded():
    from django.conf import settings

    options = settings.CACHES["default"].get("OPTIONS", {})
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert 0 < options["MAX_ENTRIES"] <= 1000


def test_an_evicted_version_number_does_not_bring_old_pages_back(client):
    from django.core.cache import cache

    from symbiosis.middleware import CONTENT_VERSION_KEY

    PartnerFactory(name="Argo")
    cache.delete(CONTENT_VERSION_KEY)  # as on a fresh cache
    client.get("/da/partnere/")  # kept under the first version number
    PartnerFactory(name="Birk")  # the version moves on
    assert names(client.get("/da/partnere/")) == ["Argo", "Birk"]
    cache.delete(CONTENT_VERSION_KEY)  # a full cache evicted it

    assert names(client.get("/da/partnere/")) == ["Argo", "Birk"]


def _kept_pages():
    """Every page the local-memory cache holds now, as the responses it would serve."""
    import pickle

    from django.core.cache import cache
    from django.http import HttpResponseBase

    kept = []
    for value in list(cache._cache.values()):
        item = pickle.loads(value)  # noqa: S301 (the test's own cache, written by the site)
        response = item[0] if isinstance(item, tuple) else item
        if isinstance(response, HttpResponseBase):
            kept.append(response)
    return kept


def test_no_kept_page_carries_a_csrf_token_or_sets_a_cookie(client):
    """Walk every public page of tests/pages.py twice, as an anonymous visitor; of what
    the page cache keeps, none holds a form's CSRF token or sets a cookie, and the forms
    themselves are never kept (each visitor gets a token of their own)."""
    from django.conf import settings
    from django.core.management import call_command

    from tests.pages import public_paths

    call_command("load_demo", verbosity=0)
    forms = set()
    for _language, path in public_paths():
        for _visit in range(2):
            response = client.get(path)
            assert response.status_code == 200, path
        if b"csrfmiddlewaretoken" in response.content:
            forms.add(path)
            assert "no-store" in response["Cache-Control"], path
        client.cookies.clear()

    kept = _kept_pages()
    assert len(kept) >= len(public_paths()) - len(forms) - 2  # the walk was cached at all
    assert {"/da/skriv-til-os/", "/en/write-to-us/", "/da/bliv-partner/"} <= forms
    for response in kept:
        assert not response.cookies, response.cookies
        assert not response.has_header("Set-Cookie")
        assert b"csrfmiddlewaretoken" not in response.content
        assert settings.CSRF_COOKIE_NAME.encode() not in response.content
