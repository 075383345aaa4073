"""A visitor reads the latest news: from the front page to the article and on to a partner."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from news.models import Article
from news.tests.factories_articles import ArticleFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"da": "da-DK", "en": "en-GB"}


def in_language(language, article):
    """What the visitor should read, computed the way the site does, in `language`."""
    with translation.override(language):
        partner = article.related_partners.published().order_by("name").first()
        return {
            "home": reverse("home"),
            "news": reverse("news:articles"),
            "title": str(article.title),
            "date": date_format(article.first_published, "DATE_FORMAT"),
            "alt": str(article.image_alt),
            "partner": partner.name,
            "partner_url": partner.get_absolute_url(),
            "kind_label": translation.gettext("Kind"),
            "press_label": str(Article.Kind.PRESS_RELEASE.label),
            "show": translation.gettext("Show"),
        }


@pytest.mark.parametrize("language", ["da", "en"])
def test_read_the_latest_article_and_follow_it_to_a_partner(open_page, live_server, language):
    call_command("load_demo", verbosity=0)
    latest = Article.objects.published().first()
    text = in_language(language, latest)
    page = open_page(locale=LOCALES[language])

    page.goto(live_server.url + text["home"])
    link = page.get_by_role("link", name=text["title"], exact=True)
    if link.count() == 0:
        # Until the front page has its "Latest news" section, start from the news list,
        # where the latest article comes first.
        page.goto(live_server.url + text["news"])
        expect(page.locator(".article-card-title a").first).to_have_text(text["title"])
        link = page.get_by_role("link", name=text["title"], exact=True)
    assert_accessible(page)
    link.first.click()

    expect(page).to_have_url(re.compile(re.escape(latest.slug) + "/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["title"])
    expect(page.locator("time.article-date")).to_have_text(text["date"])
    image = page.locator(".article-image img")
    expect(image).to_have_attribute("alt", text["alt"])
    # The image really loads (waiting, not racing, for it).
    page.wait_for_function(
        "() => { const i = document.querySelector('.article-image img');"
        " return i && i.complete && i.naturalWidth > 0; }",
        timeout=10_000,
    )
    assert_accessible(page)

    page.locator(".related-partners").get_by_role("link", name=text["partner"]).click()
    expect(page).to_have_url(live_server.url + text["partner_url"])
    expect(page.get_by_role("heading", level=1)).to_have_text(text["partner"])


@pytest.mark.parametrize("language", ["da", "en"])
def test_filter_the_news_to_press_releases(open_page, live_server, language):
    call_command("load_demo", verbosity=0)
    text = in_language(language, Article.objects.published().first())
    press = Article.objects.published().press_releases()
    page = open_page(locale=LOCALES[language])
    page.goto(live_server.url + text["news"])

    page.get_by_label(text["kind_label"]).select_option(label=text["press_label"])
    page.get_by_role("button", name=text["show"]).click()

    expect(page).to_have_url(re.compile(r"\?kind=press"))
    with translation.override(language):
        titles = [str(article.title) for article in press]
    expect(page.locator(".article-card-title a")).to_have_text(titles)
    assert_accessible(page)


def test_editor_previews_a_scheduled_article_visitors_cannot_see(
    open_page, live_server, browser_errors
):
    ArticleFactory(slug="snart", title_en="Coming soon", scheduled=True, with_image=True)
    editor = User.objects.create_user("editor", password="a long demo password", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_article"))
    article_path = "/en/news/snart/"

    visitor = open_page(locale="en-GB")
    browser_errors.expect_status(article_path, 404)
    visitor.goto(live_server.url + article_path)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("We could not find that page")

    page = open_page(locale="en-GB")
    page.goto(f"{live_server.url}/admin/login/?next={article_path}")
    # The admin speaks Danish until the editor chooses English.
    page.get_by_role("button", name="English").click()
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long demo password")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_server.url + article_path)
    expect(page.get_by_role("status").filter(has_text="Preview: not published")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coming soon")
    assert_accessible(page)
