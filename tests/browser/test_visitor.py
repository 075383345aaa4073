"""What a visitor sees in a real browser: language, partners, keyboard, errors, phones."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from partners.models import Partner
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

H1 = {
    "da": "Én virksomheds overskud er en andens ressource",
    "en": "One company's surplus is another's resource",
}
LANGUAGE_NAV = {"da": "Sprog", "en": "Language"}
MAIN_NAV = {"da": "Hovedmenu", "en": "Main"}
LANGUAGE_LINK = {"da": "Dansk", "en": "English"}


@pytest.fixture
def demo():
    """The 17 demo partners with their logos (MEDIA_ROOT is a tmp folder)."""
    call_command("load_demo", verbosity=0)


def path_is(live_server, path):
    return re.compile("^" + re.escape(live_server.url + path) + "$")


def switch_language(page, current, target):
    """Follow the language switcher from a page in `current` to `target`."""
    switcher = page.get_by_role("navigation", name=LANGUAGE_NAV[current])
    switcher.get_by_role("link", name=LANGUAGE_LINK[target], exact=True).click()


def expect_front_page(page, live_server, language):
    expect(page).to_have_url(path_is(live_server, f"/{language}/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(H1[language])
    assert_accessible(page)


@pytest.mark.parametrize(
    ("locale", "first", "other"),
    [("da-DK", "da", "en"), ("en-GB", "en", "da")],
    ids=["danish-browser", "english-browser"],
)
def test_front_page_follows_browser_language(open_page, live_server, demo, locale, first, other):
    page = open_page(locale=locale)
    page.goto(live_server.url + "/")
    expect_front_page(page, live_server, first)

    switch_language(page, first, other)
    expect_front_page(page, live_server, other)

    switch_language(page, other, first)
    expect_front_page(page, live_server, first)


def test_partner_page_keeps_partner_across_languages(page, live_server, demo):
    partner = Partner.objects.published().order_by("name").first()
    heading = page.get_by_role("heading", level=1)

    page.goto(f"{live_server.url}/da/partnere/{partner.slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(heading).to_have_text(partner.name)
    assert_accessible(page)

    switch_language(page, "da", "en")
    expect(page).to_have_url(path_is(live_server, f"/en/partners/{partner.slug}/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(heading).to_have_text(partner.name)
    assert_accessible(page)

    switch_language(page, "en", "da")
    expect(page).to_have_url(path_is(live_server, f"/da/partnere/{partner.slug}/"))
    expect(heading).to_have_text(partner.name)


@pytest.mark.parametrize(
    ("path", "language", "title"),
    [("/da/partnere/", "da", "Partnere"), ("/en/partners/", "en", "Partners")],
)
def test_partner_directory(page, live_server, demo, path, language, title):
    page.goto(live_server.url + path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    names = Partner.objects.published().values_list("name", flat=True)
    for name in names:
        expect(page.get_by_role("heading", level=3, name=name, exact=True)).to_be_visible()
    assert_accessible(page)


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim(),
                    nav: el.closest('nav')?.getAttribute('aria-label') ?? null};
        }"""
    )


def wait_until(page, condition, message, describe):
    """Wait (up to 3 s) for a JavaScript condition; fail with `message` and details."""
    try:
        page.wait_for_function(condition, timeout=3_000)
    except PlaywrightTimeoutError:
        pytest.fail(f"{message}: {page.evaluate(describe)}")


def test_keyboard_skip_link_and_navigation(page, live_server):
    page.goto(live_server.url + "/da/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå til indholdet")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    # Visible to sighted keyboard users: wholly inside the viewport once focused
    # (waiting out any slide-in transition).
    wait_until(
        page,
        """() => {
            const r = document.activeElement.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0
                && r.right <= window.innerWidth && r.bottom <= window.innerHeight;
        }""",
        "the focused skip link is not wholly inside the viewport",
        "() => [document.activeElement.getBoundingClientRect().toJSON(),"
        " window.innerWidth, window.innerHeight]",
    )

    page.keyboard.press("Enter")
    wait_until(
        page,
        "() => document.activeElement.id === 'main' || location.hash === '#main'",
        "Enter on the skip link did not move to <main>",
        "() => [document.activeElement.outerHTML.slice(0, 80), location.href]",
    )

    # Without skipping, Tab walks through the header to the main navigation.
    page.goto(live_server.url + "/da/")
    reached = []
    for _ in range(10):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["nav"] == MAIN_NAV["da"]:
            reached.append(now["text"])
            expect(page.locator(":focus")).to_be_visible()
        if reached == ["Forside", "Partnere"]:
            break
    assert reached == ["Forside", "Partnere"], f"Tab reached {reached} in the main navigation"


def test_friendly_404(page, live_server, browser_errors):
    browser_errors.expect_status("/en/no-such-page/", 404)
    response = page.goto(live_server.url + "/en/no-such-page/")
    assert response.status == 404

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    expect(page.get_by_role("link", name="Go to the front page")).to_be_visible()
    assert_accessible(page)

    danish = page.get_by_role("navigation", name="Language").get_by_role("link", name="Dansk")
    expect(danish).to_have_attribute("href", "/da/")
    danish.click()
    expect_front_page(page, live_server, "da")


@pytest.mark.parametrize(("path", "language"), [("/da/", "da"), ("/en/partners/", "en")])
def test_phone_has_no_horizontal_scroll(open_page, live_server, demo, path, language):
    page = open_page(
        locale="da-DK" if language == "da" else "en-GB",
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    page.goto(live_server.url + path)
    page.wait_for_load_state("load")

    sizes = page.evaluate(
        "() => ({scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth})"
    )
    assert sizes["inner"] == 390
    assert sizes["scroll"] <= sizes["inner"], f"page scrolls sideways on a phone: {sizes}"

    nav = page.get_by_role("navigation", name=MAIN_NAV[language])
    expect(nav).to_be_visible()
    links = nav.get_by_role("link")
    expect(links.first).to_be_visible()
    assert links.count() >= 2
    for link in links.all():
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"{link} is cut off: {box}"
