"""News list, article pages, scheduling, previews, sanitised text, admin and demo."""

import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone, translation

from exchanges.tests.factories import FlowFactory
from news import demo_articles
from news.models import Article
from news.tests.factories_articles import ArticleFactory
from partners.tests.factories import PartnerFactory
from tests.html import soup, text_of
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db


def url(language, name, **kwargs):
    """The address in `language` (URL words are translated in the Danish catalogue)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def card_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".article-card-title a")]


def staff_with(client, *permissions):
    user = User.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    client.force_login(user)
    return user


# Scheduling and visibility


def test_list_shows_only_published_due_articles_newest_first(client):
    ArticleFactory(title_en="Older", first_published=datetime.date(2021, 11, 9))
    ArticleFactory(title_en="Newer", first_published=datetime.date(2023, 3, 14))
    ArticleFactory(title_en="A draft", draft=True)
    ArticleFactory(title_en="Scheduled", scheduled=True)
    assert card_titles(client.get("/en/news/")) == ["Newer", "Older"]


def test_scheduled_article_appears_by_itself_at_its_moment():
    moment = timezone.now() + datetime.timedelta(days=2)
    article = ArticleFactory(publish_at=moment)
    assert article not in Article.objects.published()
    assert article not in Article.objects.published(now=moment - datetime.timedelta(seconds=1))
    assert article in Article.objects.published(now=moment)
    assert article in Article.objects.published(now=moment + datetime.timedelta(days=1))


def test_scheduled_article_is_404_until_due_then_listed_without_anyone_acting(client, settings):
    # The queryset's part; the page cache's part is in symbiosis/tests/test_page_cache.py.
    settings.CACHE_PAGES_SECONDS = 0
    article = ArticleFactory(slug="snart", title_en="Coming soon", scheduled=True)
    assert client.get("/en/news/snart/").status_code == 404
    assert "Coming soon" not in card_titles(client.get("/en/news/"))

    # Time passes: the moment is now in the past (no save, no signal, no task).
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert soup(client.get("/en/news/snart/")).h1.get_text(strip=True) == "Coming soon"
    assert card_titles(client.get("/en/news/")) == ["Coming soon"]


@pytest.mark.parametrize("traits", [{"draft": True}, {"scheduled": True}])
def test_visitors_get_a_friendly_404_for_drafts_and_scheduled(client, traits):
    ArticleFactory(slug="hemmelig", **traits)
    response = client.get("/en/news/hemmelig/")
    assert response.status_code == 404
    assert "We could not find that page" in text_of(response)


def test_staff_without_change_permission_cannot_preview(client):
    ArticleFactory(slug="udkast", draft=True)
    staff_with(client, "view_article")
    assert client.get("/en/news/udkast/").status_code == 404


@pytest.mark.parametrize(
    ("traits", "explanation"),
    [
        ({"draft": True}, "This article is a draft. Visitors cannot see it."),
        ({"scheduled": True}, "visitors cannot see it yet."),
    ],
)
def test_editor_previews_unpublished_article_marked_and_never_cached(client, traits, explanation):
    ArticleFactory(slug="udkast", title_en="Work in progress", **traits)
    staff_with(client, "change_article")
    response = client.get("/en/news/udkast/")
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Work in progress"
    banner = page.select_one(".preview-banner").get_text(" ", strip=True)
    assert banner.startswith("Preview: not published")
    assert explanation in banner
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-cache", "no-store"} <= cache_control
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"


def test_published_article_has_no_preview_banner_and_no_cache_restriction(client):
    ArticleFactory(slug="ude")
    response = client.get("/en/news/ude/")
    assert soup(response).select_one(".preview-banner") is None
    assert "no-store" not in response.get("Cache-Control", "")


# The article page


def test_article_page_shows_title_kind_date_lead_image_and_body(client):
    ArticleFactory(
        slug="jubilaeum",
        kind=Article.Kind.PRESS_RELEASE,
        title_da="Symbiosen fylder 50",
        title_en="The symbiosis turns 50",
        lead_en="A conference marks the anniversary.",
        body_en="<h2>Programme</h2><p>Talks and tours.</p>",
        first_published=datetime.date(2022, 10, 4),
        with_image=True,
    )
    page = soup(client.get("/en/news/jubilaeum/"))
    assert page.h1.get_text(strip=True) == "The symbiosis turns 50"
    assert page.select_one(".article-kind").get_text() == "Press release"
    date = page.select_one("time.article-date")
    assert (date["datetime"], date.get_text()) == ("2022-10-04", "Oct. 4, 2022")
    assert (
        page.select_one(".article-head .lead").get_text() == "A conference marks the anniversary."
    )
    image = page.select_one(".article-image img")
    assert image["alt"] == "Green pipes between two factories"
    assert (image["width"], image["height"]) == ("160", "90")
    caption = page.select_one(".article-image figcaption").get_text(" ", strip=True)
    assert caption == "The pipes by the harbour Image: Sekretariatet"
    assert page.select_one(".article-body h2").get_text() == "Programme"

    danish = soup(client.get(url("da", "news:article", slug="jubilaeum")))
    assert danish.h1.get_text(strip=True) == "Symbiosen fylder 50"
    assert danish.select_one("time.article-date").get_text() == "4. oktober 2022"
    assert danish.select_one(".article-image img")["alt"] == "Grønne rør mellem to fabrikker"


def test_original_date_is_kept_and_a_later_edit_shows_updated(client):
    article = ArticleFactory(slug="genopslag", first_published=datetime.date(2019, 12, 17))
    article.title_en = "Edited years later"
    article.save()
    article.refresh_from_db()
    assert article.first_published == datetime.date(2019, 12, 17)
    assert article.was_updated
    page = soup(client.get("/en/news/genopslag/"))
    assert page.select_one("time.article-date").get_text() == "Dec. 17, 2019"
    updated = page.select_one(".article-updated").get_text(" ", strip=True)
    assert updated.startswith("(updated ")
    assert page.select_one(".article-updated time")["datetime"].startswith(
        timezone.localdate(article.updated).isoformat()
    )


def test_article_edited_on_its_own_day_shows_no_update_note(client):
    ArticleFactory(slug="frisk")
    assert soup(client.get("/en/news/frisk/")).select_one(".article-updated") is None


def test_english_page_marks_danish_fallback(client):
    ArticleFactory(slug="kun-dansk", title_en="", lead_en="", body_en="", title_da="Kun på dansk")
    page = soup(client.get("/en/news/kun-dansk/"))
    assert page.h1["lang"] == "da"
    assert page.h1.contents[0].strip() == "Kun på dansk"
    assert page.select_one(".article-head .lead")["lang"] == "da"
    assert page.select_one(".article-body")["lang"] == "da"
    notes = page.select(".fallback-note")
    assert notes and notes[0].get_text() == "Not yet translated: shown in Danish"


def test_related_partners_and_flows_link_to_their_pages_hidden_ones_left_out(client):
    orsted = PartnerFactory(name="Ørsted", slug="orsted")
    hidden = PartnerFactory(name="Skjult", slug="skjult", is_public=False)
    flow = FlowFactory(supplier=orsted)
    hidden_flow = FlowFactory(receiver=hidden)
    ArticleFactory(
        slug="damp", related_partners=[orsted, hidden], related_flows=[flow, hidden_flow]
    )
    page = soup(client.get("/en/news/damp/"))
    partners = [(a.get_text(), a["href"]) for a in page.select(".related-partners a")]
    assert partners == [("Ørsted", "/en/partners/orsted/")]
    flows = [a["href"] for a in page.select(".related-flows li > a")]
    assert flows == [f"/en/flows/{flow.pk}/"]
    assert f"from Ørsted to {flow.receiver.name}" in page.select_one(".related-flows").get_text(
        " ", strip=True
    ).replace("  ", " ")


def test_article_page_lists_a_few_other_recent_published_articles(client):
    for day in range(1, 6):
        ArticleFactory(title_en=f"Day {day}", first_published=datetime.date(2024, 5, day))
    ArticleFactory(title_en="Unpublished", draft=True)
    ArticleFactory(slug="denne", title_en="This one", first_published=datetime.date(2024, 4, 1))
    page = soup(client.get("/en/news/denne/"))
    recent = [a.get_text(strip=True) for a in page.select(".article-recent .article-card-title a")]
    assert recent == ["Day 5", "Day 4", "Day 3"]
    assert page.select_one(".article-recent h3.article-card-title")


# Rich text


HOSTILE_BODY = (
    '<p style="color:red">Hej<script>alert(1)</script></p>'
    '<img src="x" onerror="alert(2)">'
    '<a href="javascript:alert(3)">klik</a>'
    '<a href="https://example.org/" onclick="alert(4)">ok</a>'
)


def test_body_is_stored_clean_and_shown_inert(client):
    article = ArticleFactory(slug="fjendtlig", body_da=HOSTILE_BODY, body_en=HOSTILE_BODY)
    article.refresh_from_db()
    for stored in (article.body_da, article.body_en):
        for bad in ("<script", "onerror", "javascript:", "style=", "onclick", "<img"):
            assert bad not in stored
        assert "Hej" in stored and "klik" in stored
    body = soup(client.get("/en/news/fjendtlig/")).select_one(".article-body")
    assert body.find("script") is None
    assert all(not a.get("href", "").startswith("javascript") for a in body.find_all("a"))
    assert all(not attr.startswith("on") for tag in body.find_all(True) for attr in tag.attrs)
    assert all("style" not in tag.attrs for tag in body.find_all(True))


def test_body_written_around_the_field_is_still_shown_inert(client):
    article = ArticleFactory(slug="raa")
    Article.objects.filter(pk=article.pk).update(body_en=HOSTILE_BODY)  # no pre_save
    body = soup(client.get("/en/news/raa/")).select_one(".article-body")
    assert body.find("script") is None and body.find("img") is None
    assert "style" not in str(body) and "javascript:" not in str(body)


# The news list: filters, pagination, hostile input


def test_filter_by_kind_and_year(client):
    ArticleFactory(title_en="Press 2022", kind="press", first_published=datetime.date(2022, 10, 4))
    ArticleFactory(title_en="News 2022", first_published=datetime.date(2022, 6, 1))
    ArticleFactory(title_en="Press 2023", kind="press", first_published=datetime.date(2023, 3, 1))
    assert card_titles(client.get("/en/news/", {"kind": "press"})) == ["Press 2023", "Press 2022"]
    assert card_titles(client.get("/en/news/", {"year": "2022"})) == ["Press 2022", "News 2022"]
    both = client.get("/en/news/", {"kind": "press", "year": "2022"})
    assert card_titles(both) == ["Press 2022"]
    years = [o.get_text() for o in soup(both).select('select[name="year"] option')]
    assert years == ["All years", "2023", "2022"]
    assert soup(both).select_one('select[name="kind"] option[selected]').get_text() == (
        "Press release"
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "<script>x</script>"}, "That kind of news does not exist: showing all."),
        ({"year": "1800"}, "There is no news from that year: showing all."),
        ({"year": "x" * 5000}, "There is no news from that year: showing all."),
        ({"year": "\x07", "kind": "press\x00"}, "That kind of news does not exist"),
    ],
)
def test_hostile_filters_are_dropped_with_a_friendly_message(client, params, message):
    ArticleFactory(title_en="Only one", first_published=datetime.date(2022, 6, 1))
    response = client.get("/en/news/", params)
    assert response.status_code == 200
    assert "<script>x" not in response.content.decode()
    assert card_titles(response) == ["Only one"]
    assert "Some filters could not be used" in text_of(response)
    assert message in text_of(response)


def test_danish_page_explains_dropped_filters_in_danish(client):
    ArticleFactory()
    with translation.override("da"):
        expected = translation.gettext("There is no news from that year: showing all.")
    assert expected in text_of(client.get(url("da", "news:articles"), {"year": "1800"}))


def test_twelve_a_page_and_page_links_keep_the_filters(client):
    for day in range(1, 16):
        ArticleFactory(kind="press", first_published=datetime.date(2024, 1, day))
    ArticleFactory(title_en="Not press", first_published=datetime.date(2024, 2, 1))
    first = soup(client.get("/en/news/", {"kind": "press"}))
    assert len(first.select(".article-card")) == 12
    assert first.select_one('a[rel="next"]')["href"] == "?kind=press&page=2"
    second = client.get("/en/news/", {"kind": "press", "page": "2"})
    assert len(soup(second).select(".article-card")) == 3
    assert "Page 2 of 2" in text_of(second)


@pytest.mark.parametrize("page", ["99999", "0", "-1", "abc", "1e9"])
def test_page_out_of_range_is_a_friendly_404(client, page):
    ArticleFactory()
    response = client.get("/en/news/", {"page": page})
    assert response.status_code == 404
    assert "We could not find that page" in text_of(response)


def test_empty_list_says_so(client):
    response = client.get("/en/news/")
    assert "No articles match these filters." in text_of(response)
    assert "0 articles" in text_of(response)


def test_list_links_the_feeds(client):
    page = soup(client.get("/en/news/"))
    links = {a["type"]: a["href"] for a in page.select(".feed-links a")}
    assert links == {
        "application/rss+xml": "/en/news/feed/rss/",
        "application/atom+xml": "/en/news/feed/atom/",
    }


def test_press_releases_for_the_press_room():
    press = ArticleFactory(kind="press")
    ArticleFactory(kind="press", draft=True)
    ArticleFactory(kind="news")
    assert list(Article.objects.published().press_releases()) == [press]


# Query counts


@pytest.mark.parametrize("count", [1, 30])
def test_list_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    ArticleFactory.create_batch(count, with_image=True)
    # years for the filter, count, the page
    with django_assert_num_queries(3 + NAVIGATION):
        response = client.get("/en/news/")
    assert len(soup(response).select(".article-card")) == min(count, 12)


@pytest.mark.parametrize("count", [1, 10])
def test_article_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    partners = PartnerFactory.create_batch(count)
    flows = FlowFactory.create_batch(count)
    ArticleFactory.create_batch(count)
    ArticleFactory(slug="mange", related_partners=partners, related_flows=flows, with_image=True)
    # the article, its partners, its flows (with both partners and the resource), recent ones
    with django_assert_num_queries(4 + NAVIGATION):
        response = client.get("/en/news/mange/")
    page = soup(response)
    assert len(page.select(".related-partners li")) == count
    assert len(page.select(".related-flows li")) == count


# Admin


def test_admin_list_shows_status_kind_dates_and_scheduled(admin_client):
    admin_client.cookies["django_language"] = "en"  # the admin's language switch
    ArticleFactory(title_da="Planlagt", scheduled=True)
    ArticleFactory(title_da="Ude")
    page = soup(admin_client.get("/admin/news/article/"))
    columns = {
        name: th.select_one(".text").get_text(strip=True)
        for th in page.select("#result_list thead th")
        for name in th["class"]
        if name.startswith("column-")
    }
    assert columns["column-status"] == "Status"
    assert columns["column-kind"] == "Kind"
    assert columns["column-first_published"] == "Original publication date"
    assert columns["column-publish_at"] == "Publish at"
    assert columns["column-is_scheduled"] == "Scheduled"
    rows = {
        tr.select_one("th a").get_text(): tr.select_one("td.field-is_scheduled img")["alt"]
        for tr in page.select("#result_list tbody tr")
    }
    assert rows == {"Planlagt": "True", "Ude": "False"}


def test_admin_searches_both_languages_and_filters_missing_english(admin_client):
    ArticleFactory(title_da="Biogas", lead_en="Gas from residues.")
    ArticleFactory(title_da="Kun dansk", title_en="", lead_en="")
    ArticleFactory(title_da="Gips", lead_da="Gips fra røggas.")
    names = lambda r: [a.get_text() for a in soup(r).select("#result_list tbody th a")]  # noqa: E731
    assert names(admin_client.get("/admin/news/article/", {"q": "residues"})) == ["Biogas"]
    assert names(admin_client.get("/admin/news/article/", {"q": "røggas"})) == ["Gips"]
    assert names(admin_client.get("/admin/news/article/", {"english": "missing"})) == ["Kun dansk"]


def test_admin_filters_by_year_and_status(admin_client):
    ArticleFactory(title_da="Gammel", first_published=datetime.date(2019, 12, 17))
    ArticleFactory(title_da="Udkast", draft=True, first_published=datetime.date(2024, 1, 1))
    names = lambda r: [a.get_text() for a in soup(r).select("#result_list tbody th a")]  # noqa: E731
    assert names(admin_client.get("/admin/news/article/", {"year": "2019"})) == ["Gammel"]
    assert names(admin_client.get("/admin/news/article/", {"status__exact": "draft"})) == ["Udkast"]


def test_admin_form_has_autocomplete_prepopulated_slug_and_view_link(admin_client):
    admin_client.cookies["django_language"] = "en"  # the admin's language switch
    article = ArticleFactory(draft=True)
    page = soup(admin_client.get(f"/admin/news/article/{article.pk}/change/"))
    assert page.select_one("select#id_related_partners.admin-autocomplete")
    assert page.select_one("select#id_related_flows.admin-autocomplete")
    preview = page.select_one("a.viewsitelink")
    assert preview and preview.get_text(strip=True) in {"View on site", "Preview on site"}
    add = soup(admin_client.get("/admin/news/article/add/"))
    prepopulated = add.select_one("[data-prepopulated-fields]")["data-prepopulated-fields"]
    assert '"#id_slug"' in prepopulated and '"#id_title_da"' in prepopulated
    changelist = soup(admin_client.get("/admin/news/article/"))
    link = changelist.select_one("td.field-on_site a")
    assert link["href"] == article.get_absolute_url()
    assert link.get_text() == "Preview"


def _admin_post(admin_client, url, **overrides):
    data = {
        "title_da": "Ny titel",
        "slug": "ny-titel",
        "lead_da": "Kort.",
        "kind": "news",
        "status": "published",
        "publish_at_0": "2030-05-06",
        "publish_at_1": "09:00:00",
        "first_published": "2030-05-06",
        "initial-first_published": "2030-05-06",
        "initial-publish_at": "",
    }
    data.update(overrides)
    return admin_client.post(url, data)


def test_admin_add_takes_the_original_date_from_publish_at(admin_client):
    response = _admin_post(
        admin_client,
        "/admin/news/article/add/",
        first_published=timezone.localdate().isoformat(),
        **{"initial-first_published": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="ny-titel")
    assert article.first_published == datetime.date(2030, 5, 6)
    assert not article.is_live


def test_admin_edit_leaves_the_original_date_alone(admin_client):
    article = ArticleFactory(slug="gammel", first_published=datetime.date(2019, 12, 17))
    response = _admin_post(
        admin_client,
        f"/admin/news/article/{article.pk}/change/",
        slug="gammel",
        title_da="Rettet titel",
        first_published="2019-12-17",
        **{"initial-first_published": "2019-12-17"},
        publish_at_0=timezone.localdate().isoformat(),
        publish_at_1="00:00:00",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title_da == "Rettet titel"
    assert article.first_published == datetime.date(2019, 12, 17)


# Demo


def test_demo_articles_load_once_and_show_scheduling_and_fallback():
    from partners.demo import load_partners

    load_partners()
    assert demo_articles.load() > 0
    assert demo_articles.load() == 0
    articles = Article.objects.all()
    assert 6 <= articles.count() <= 8
    assert articles.filter(status=Article.Status.DRAFT).count() == 1
    scheduled = articles.filter(status="published", publish_at__gt=timezone.now())
    assert scheduled.count() == 1
    assert articles.filter(title_en="").count() == 1
    assert Article.objects.published().press_releases().filter(first_published__year=2022)
    for article in articles:
        assert article.lead_image and article.image_alt_da
        assert article.image_alt_en or not article.title_en
        assert article.image_credit
        assert not article.was_updated or article.slug == demo_articles.UPDATED_LATER


def test_a_session_that_owes_its_two_factor_code_previews_no_draft(client, settings):
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    ArticleFactory(slug="udkast", title_en="Work in progress", draft=True)
    user = staff_with(client, "change_article")
    device = TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)

    # Signed in with the password, the code not given yet (as after step one, or an
    # older session): the draft is as hidden as to any visitor.
    assert client.get("/en/news/udkast/").status_code == 404
    settings.OTP_REQUIRED_FOR_STAFF = True
    device.delete()
    assert client.get("/en/news/udkast/").status_code == 404

    # The same staff member once the session has given its code.
    device = TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)
    request = type("R", (), {"session": client.session, "user": user})()
    otp_login(request, device)
    request.session.save()
    assert soup(client.get("/en/news/udkast/")).h1.get_text(strip=True) == "Work in progress"
