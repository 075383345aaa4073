"""A visitor reads the symbiosis's projects: from the list to the secretariat project and
on to its grant holder, in Danish and in English, on a desktop and on a phone."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from partners.tests.factories import PartnerFactory
from projects import demo
from projects.models import Project
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"da": "da-DK", "en": "en-GB"}
SECRETARIAT = "regionalt-symbiosesekretariat"


@pytest.fixture
def projects():
    """The demo projects, with the two partners they name."""
    PartnerFactory(slug="kalundborg-kommune", name="Kalundborg Kommune")
    PartnerFactory(slug="kalundborg-symbiose", name="Kalundborg Symbiose")
    demo.load()


def in_language(language):
    """What the visitor should read, computed the way the site does, in `language`."""
    project = Project.objects.select_related("grant_holder").get(slug=SECRETARIAT)
    with translation.override(language):
        return {
            "list": reverse("projects:list"),
            "list_title": translation.gettext("Projects"),
            "title": str(project.title),
            "url": project.get_absolute_url(),
            "budget": project.budget_display,
            "grant": project.fundings.get().amount_display,
            "holder": project.grant_holder.name,
            "holder_url": project.grant_holder.get_absolute_url(),
        }


@pytest.mark.parametrize("language", ["da", "en"])
def test_visitor_follows_the_secretariat_project_to_its_grant_holder(
    open_page, live_server, projects, language
):
    text = in_language(language)
    page = open_page(locale=LOCALES[language])

    page.goto(live_server.url + text["list"])
    expect(page.get_by_role("heading", level=1)).to_have_text(text["list_title"])
    first = page.locator(".project-card").first
    expect(first.locator(".project-card-title")).to_have_text(text["title"])
    expect(first.locator(".project-budget")).to_have_text(text["budget"])
    assert_accessible(page)
    page.get_by_role("link", name=text["title"], exact=True).click()

    expect(page).to_have_url(live_server.url + text["url"])
    expect(page.get_by_role("heading", level=1)).to_have_text(text["title"])
    expect(page.locator(".project-facts .project-budget")).to_have_text(text["budget"])
    expect(page.locator(".project-grants td")).to_have_text(text["grant"])
    assert_accessible(page)

    page.locator(".project-holder").get_by_role("link", name=text["holder"]).click()
    expect(page).to_have_url(live_server.url + text["holder_url"])
    expect(page.get_by_role("heading", level=1)).to_have_text(text["holder"])


@pytest.mark.parametrize("slug", [SECRETARIAT, "baltic-industrial-symbiosis"])
def test_project_pages_fit_a_phone_and_work_by_keyboard(open_page, live_server, projects, slug):
    page = open_page(locale="en-GB", viewport={"width": 360, "height": 740})
    with translation.override("en"):
        list_url, detail_url = reverse("projects:list"), reverse("projects:detail", args=[slug])
    for path in (list_url, detail_url):
        page.goto(live_server.url + path)
        overflow = page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
        assert_accessible(page)
    # The breadcrumb's link back to the list is reached with the Tab key.
    page.goto(live_server.url + detail_url)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('href')") == list_url:
            break
    else:
        pytest.fail("Tab never reached the link back to the project list")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(list_url) + "$"))
