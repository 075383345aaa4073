"""The symbiosis diagram in a real browser: filters, years, links, keyboard, phones.

Each journey runs in Danish and English, with and without JavaScript: the page
must work as plain links and a GET form, and diagram.js only make it smoother.
"""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from exchanges.models import Flow
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"da": "da-DK", "en": "en-GB"}
SHOW = {"da": "Vis", "en": "Show"}


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def exactly(live_server, path, query=""):
    return re.compile("^" + re.escape(live_server.url + path + query) + "$")


# A flow's link is named by its <title> (written once, also the tooltip).
NAMES = "els => els.map(e => e.querySelector('title').textContent)"


def edge_names(page):
    return sorted(page.locator("svg.diagram .edges a").evaluate_all(NAMES))


def click_edge(page, edge):
    """Click the middle of an edge's line, as a visitor with a mouse would."""
    edge.scroll_into_view_if_needed()
    point = edge.evaluate(
        """a => {
            const path = a.querySelector("path.hit");
            const p = path.getPointAtLength(path.getTotalLength() / 2);
            const m = path.getScreenCTM();
            return {x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f};
        }"""
    )
    page.mouse.click(point["x"], point["y"])


def check_accessible(page, javascript):
    # axe runs in the page and waits on timers, which never fire with scripts off.
    if javascript:
        assert_accessible(page)


def expect_diagram(page, language, flows):
    """The drawing and its table show exactly these flows."""
    links = page.locator("svg.diagram .edges a")
    expect(links).to_have_count(len(flows))
    with translation.override(language):
        wanted = sorted(flow.get_absolute_url() for flow in flows)
    assert sorted(links.evaluate_all("els => els.map(e => e.getAttribute('href'))")) == wanted
    rows = page.locator("#flow-table tbody th a")
    assert sorted(rows.evaluate_all("els => els.map(e => e.getAttribute('href'))")) == wanted


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", ["da", "en"])
def test_visitor_filters_steps_back_and_follows_an_edge(
    open_page, live_server, demo, language, javascript
):
    page = open_page(locale=LOCALES[language], java_script_enabled=javascript)
    diagram = url_in(language, "exchanges:diagram")
    published = Flow.objects.published().select_related("resource", "supplier", "receiver")
    page.goto(live_server.url + diagram)

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.locator("svg.diagram")).to_be_visible()
    # Today's diagram draws the planned flows too (dashed): the exchange's match included.
    assert published.filter(status=Flow.Status.PLANNED).exists()
    expect_diagram(page, language, published)
    expect(page.locator("svg.diagram .edges a.planned")).to_have_count(
        published.filter(status=Flow.Status.PLANNED).count()
    )
    expect(page.locator("[data-diagram-slider]")).to_be_visible(visible=javascript)
    check_accessible(page, javascript)

    # Only water.
    page.get_by_label(re.compile("^(Kategori|Category)$")).select_option("water")
    page.get_by_role("button", name=SHOW[language]).click()
    water = published.filter(resource__category="water")
    expect_diagram(page, language, water.exclude(status=Flow.Status.PLANNED))
    expect(page).to_have_url(re.compile(r"\?category=water"))
    expect(page.locator("svg.diagram g[marker-end]")).to_have_count(1)
    expect(page.locator("svg.diagram g.edges-water")).to_have_count(1)

    # Back to 1995, then year by year to 1990: the treated effluent (1991) goes.
    page.locator(".milestones").get_by_role("link", name="1995").click()
    expect(page).to_have_url(exactly(live_server, diagram, "?category=water&year=1995"))
    for year in range(1994, 1989, -1):
        page.locator("a[rel=prev]").click()
        expect(page).to_have_url(exactly(live_server, diagram, f"?category=water&year={year}"))
        expect(page.locator("#diagram-year")).to_have_value(str(year))
    in_1990 = list(water.in_year(1990))
    expect_diagram(page, language, in_1990)
    assert {f.resource.slug for f in in_1990} == {"surface-water", "cooling-water"}
    check_accessible(page, javascript)

    # Follow the cooling water's arrow to its page, then its supplier.
    cooling = next(f for f in in_1990 if f.resource.slug == "cooling-water")
    with translation.override(language):
        flow_path = cooling.get_absolute_url()
        resource_name = str(cooling.resource.name)
        supplier_path = cooling.supplier.get_absolute_url()
    click_edge(page, page.locator(f'svg.diagram .edges a[href="{flow_path}"]'))
    expect(page).to_have_url(exactly(live_server, flow_path))
    expect(page.get_by_role("heading", level=1)).to_contain_text(resource_name)

    page.get_by_role("main").get_by_role(
        "link", name=cooling.supplier.name, exact=True
    ).first.click()
    expect(page).to_have_url(exactly(live_server, supplier_path))
    expect(page.get_by_role("heading", level=1)).to_have_text(cooling.supplier.name)


@pytest.mark.parametrize("language", ["da", "en"])
def test_partner_node_leads_to_its_page(page, live_server, demo, language):
    page.goto(live_server.url + url_in(language, "exchanges:diagram"))
    node = page.locator("svg.diagram").get_by_role("link", name="Novo Nordisk", exact=True)

    node.locator("circle").click()

    expect(page).to_have_url(
        exactly(live_server, url_in(language, "partners:detail", slug="novo-nordisk"))
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Novo Nordisk")


def test_year_slider_updates_the_diagram_in_place(open_page, live_server, demo):
    page = open_page(locale="en-GB")
    page.goto(live_server.url + url_in("en", "exchanges:diagram"))
    heading = page.locator("[data-diagram-heading]")
    page.evaluate("() => { window.stayedOnThisPage = true; }")

    page.get_by_label("Year on a slider").fill("1975")

    expect(heading).to_have_text("Flows in 1975")
    expect(page).to_have_url(re.compile(r"\?year=1975$"))
    expect(page.locator("#diagram-year")).to_have_value("1975")
    expect_diagram(page, "en", Flow.objects.published().in_year(1975))
    assert page.evaluate("() => window.stayedOnThisPage"), "the page was loaded again"
    expect(page.get_by_role("status")).to_contain_text("Flows in 1975")

    page.go_back()
    expect(heading).to_have_text("Flows today")


def test_pointing_at_a_partner_lights_up_its_flows(page, live_server, demo):
    page.goto(live_server.url + url_in("en", "exchanges:diagram"))
    svg = page.locator("svg.diagram")
    orsted = svg.locator("a.node", has=page.locator("text", has_text="Ørsted"))

    orsted.hover()

    expect(svg).to_have_class(re.compile(r"\bis-dimmed\b"))
    lit = svg.locator(".edges a.is-lit").evaluate_all(NAMES)
    assert lit and all("Ørsted" in name for name in lit)
    others = svg.locator(".edges a:not(.is-lit)").evaluate_all(NAMES)
    assert others and not any("Ørsted" in name for name in others)

    page.mouse.move(0, 0)
    expect(svg).not_to_have_class(re.compile(r"\bis-dimmed\b"))


def test_keyboard_users_can_skip_the_diagram_and_are_not_trapped(page, live_server, demo):
    page.goto(live_server.url + url_in("en", "exchanges:diagram"))
    skip = page.get_by_role("link", name="Skip the diagram's links, to the table")

    for _ in range(40):
        page.keyboard.press("Tab")
        if skip.evaluate("el => el === document.activeElement"):
            break
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#flow-table")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#flow-table tbody a").first).to_be_focused()

    # Tab from the last link in the drawing leaves it.
    page.locator("svg.diagram a").last.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => !document.activeElement.closest('svg')")


def label_overlaps(page):
    """Pairs of partner labels whose drawn text overlaps."""
    return page.evaluate(
        """() => {
            const boxes = [...document.querySelectorAll("svg.diagram .node text")].map(t => {
                const r = t.getBoundingClientRect();
                return {name: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom};
            });
            const found = [];
            boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
                if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) found.push([a.name, b.name]);
            }));
            return found;
        }"""
    )


@pytest.mark.parametrize("query", ["", "?year=1990", "?category=material", "?year=2018"])
def test_labels_do_not_overlap_on_desktop(open_page, live_server, demo, query):
    page = open_page(locale="en-GB", viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + url_in("en", "exchanges:diagram") + query)
    expect(page.locator("svg.diagram")).to_be_visible()
    assert label_overlaps(page) == []


@pytest.mark.parametrize("language", ["da", "en"])
def test_diagram_fits_and_reads_on_a_phone(open_page, live_server, demo, language):
    page = open_page(
        locale=LOCALES[language],
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    page.goto(live_server.url + url_in(language, "exchanges:diagram"))
    page.wait_for_load_state("load")

    sizes = page.evaluate(
        """() => {
            const svg = document.querySelector("svg.diagram");
            const box = svg.getBoundingClientRect();
            const scale = box.width / svg.viewBox.baseVal.width;
            const font = parseFloat(getComputedStyle(svg.querySelector(".node text")).fontSize);
            return {scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth,
                    left: box.left, right: box.right, text: font * scale};
        }"""
    )
    assert sizes["inner"] == 390, f"the page is wider than the phone: {sizes}"
    assert sizes["scroll"] <= sizes["inner"], f"page scrolls sideways on a phone: {sizes}"
    assert sizes["left"] >= 0 and sizes["right"] <= 390, sizes
    assert sizes["text"] >= 11, f"partner names are {sizes['text']:.1f} px on a phone"
    assert label_overlaps(page) == []
    assert_accessible(page)
