"""The secretariat at work in the admin, in a real browser: an editor writes and
publishes a page in both languages, deletes a news item by mistake and brings it
back; a data user cannot open the page editor."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from news.models import Article
from news.tests.factories_articles import ArticleFactory
from pages.models import Page
from partners.tests.factories import PartnerFactory
from symbiosis import roles
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "korrekt-hest-batteri-hæfteklamme"


def staff(username, role):
    # Transactional tests empty the database between tests: the roles come back here.
    roles.sync_roles(apps)
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.locator("#dashboard")).to_be_visible()


def write_in_editor(page, field, text):
    """Type into the rich-text editor that replaces the field's textarea."""
    editor = page.locator(f".prose-editor:has(textarea[name={field}]) [contenteditable=true]")
    editor.click()
    page.keyboard.type(text)


def test_an_editor_publishes_a_page_in_danish_and_english(page, live_server):
    staff("redaktoer", roles.EDITOR)
    log_in(page, live_server, "redaktoer")
    assert_accessible(page)

    page.get_by_role("link", name="Sider", exact=True).first.click()
    page.get_by_role("link", name="Tilføj side").click()
    # The address first: once typed by hand, the title no longer fills it in.
    page.get_by_label("Webadresse").fill("besoeg")
    page.get_by_label("Titel (dansk)").fill("Besøg symbiosen")
    write_in_editor(page, "body_da", "Vi viser gerne skoleklasser rundt.")
    page.get_by_label("Titel (engelsk)").fill("Visit the symbiosis")
    write_in_editor(page, "body_en", "We are glad to show school classes around.")
    page.get_by_label("Menu:", exact=True).select_option("main")
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("Besøg symbiosen")

    saved = Page.objects.get(slug="besoeg")
    assert saved.body_da == "<p>Vi viser gerne skoleklasser rundt.</p>"

    visitor = page.context.new_page()
    visitor.goto(f"{live_server.url}/da/")
    visitor.locator(".main-nav").get_by_role("link", name="Besøg symbiosen").click()
    expect(visitor.locator("h1")).to_have_text("Besøg symbiosen")
    expect(visitor.locator(".page-body")).to_contain_text("skoleklasser")
    visitor.goto(f"{live_server.url}/en/")
    visitor.locator(".main-nav").get_by_role("link", name="Visit the symbiosis").click()
    expect(visitor.locator("h1")).to_have_text("Visit the symbiosis")
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(visitor)


def test_an_editor_deletes_a_news_item_and_brings_it_back(page, live_server):
    staff("redaktoer", roles.EDITOR)
    partner = PartnerFactory(name="Novo Nordisk")
    article = ArticleFactory(title_da="Ny damprørledning", related_partners=[partner])
    log_in(page, live_server, "redaktoer")

    page.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")
    page.locator("a.deletelink", has_text="Slet").click()
    page.get_by_role("button", name="Ja, jeg er sikker").click()
    expect(page.locator(".messagelist .success")).to_contain_text("slettet")
    assert not Article.objects.filter(pk=article.pk).exists()

    page.get_by_role("link", name="Gendan slettede artikler").click()
    page.get_by_role("link", name="Ny damprørledning").click()
    page.get_by_role("button", name="Gem", exact=True).click()
    restored = Article.objects.get(pk=article.pk)
    assert restored.title_da == "Ny damprørledning"
    assert list(restored.related_partners.all()) == [partner]

    page.goto(f"{live_server.url}/da/nyheder/{article.slug}/")
    expect(page.locator("h1")).to_have_text("Ny damprørledning")


def test_a_data_user_cannot_open_the_page_editor(page, live_server, browser_errors):
    staff("data", roles.DATA)
    log_in(page, live_server, "data")
    expect(page.get_by_role("link", name="Partnere").first).to_be_visible()
    expect(page.get_by_role("link", name="Sider", exact=True)).to_have_count(0)
    browser_errors.expect_status("/admin/pages/page/add/", 403)
    response = page.goto(f"{live_server.url}/admin/pages/page/add/")
    assert response.status == 403
