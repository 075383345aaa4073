"""The symbiosis diagram: what a visitor sees in the SVG and its table twin."""

import math
import random
import re
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from exchanges import diagram
from exchanges.diagram.rows import FlowRow, PartnerRow, ResourceRow
from exchanges.filters import FIRST_YEAR, this_year
from exchanges.models import Category, Flow, Resource
from exchanges.tests.factories import FlowFactory, ResourceFactory
from exchanges.units import Unit
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from tests.html import soup, text_of
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db


def diagram_url(language="da"):
    with translation.override(language):
        return reverse("exchanges:diagram")


def get(client, language="da", **params):
    return client.get(diagram_url(language), params)


def edges(page):
    return page.select("svg.diagram .edges a")


def nodes(page):
    return page.select("svg.diagram .nodes a")


def name_of(link):
    """A link's accessible name: a flow's <title>, or the partner's name as drawn."""
    return link.title.get_text() if link.title else link.get_text()


def ends_of(page, edge):
    """The partner pages an edge joins (data-ends: their places among the nodes)."""
    links = nodes(page)
    return tuple(links[int(place)]["href"] for place in edge["data-ends"].split())


def table_rows(page):
    return page.select("#flow-table tbody tr")


def line_of(edge):
    """(start, control, end) points of an edge's drawn curve."""
    numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", edge.select_one("path")["d"])]
    return (numbers[0], numbers[1]), (numbers[2], numbers[3]), (numbers[4], numbers[5])


def centre_of(node):
    circle = node.select_one("circle")
    return float(circle["cx"]), float(circle["cy"])


@pytest.fixture
def orsted():
    return PartnerFactory(name="Ørsted", slug="orsted")


@pytest.fixture
def novo():
    return PartnerFactory(name="Novo Nordisk", slug="novo-nordisk")


@pytest.fixture
def steam():
    return ResourceFactory(name_da="Damp", name_en="Steam", slug="steam")


def test_nodes_and_edges_link_to_their_pages(client, orsted, novo, steam):
    flow = FlowFactory(supplier=orsted, receiver=novo, resource=steam, year_started=1982)

    page = soup(get(client, "en"))

    assert {node["href"]: name_of(node) for node in nodes(page)} == {
        orsted.get_absolute_url(): "Ørsted",
        novo.get_absolute_url(): "Novo Nordisk",
    }
    (edge,) = edges(page)
    assert edge["href"] == flow.get_absolute_url()
    # Named once, by its <title> (which is also the tooltip).
    assert name_of(edge) == "Steam (Energy): Ørsted → Novo Nordisk, since 1982"
    assert not edge.has_attr("aria-label")
    # The arrowhead is on the end of the line, at the receiver.
    assert edge.find_parent("g")["marker-end"] == "url(#arrow-energy)"
    start, _control, end = line_of(edge)
    by_name = {name_of(node): centre_of(node) for node in nodes(page)}
    assert math.dist(start, by_name["Ørsted"]) < math.dist(start, by_name["Novo Nordisk"])
    assert math.dist(end, by_name["Novo Nordisk"]) < math.dist(end, by_name["Ørsted"])


def test_every_edge_names_its_category_in_words(client):
    FlowFactory(resource=ResourceFactory(water=True))
    FlowFactory(resource=ResourceFactory(material=True))
    FlowFactory(resource=ResourceFactory(heat=True))

    page = soup(get(client, "en"))

    words = {name_of(edge).split("(")[1].split(")")[0] for edge in edges(page)}
    assert words == {"Water", "Materials", "Energy"}
    legend = [li.get_text(" ", strip=True) for li in page.select(".diagram-legend li")]
    assert legend == ["Energy: 1 flow", "Water: 1 flow", "Materials: 1 flow", "Partner"]


def test_two_way_pair_is_drawn_as_two_distinct_curves(client, orsted, novo, steam):
    FlowFactory(supplier=orsted, receiver=novo, resource=steam)
    FlowFactory(supplier=novo, receiver=orsted, resource=ResourceFactory(water=True))

    page = soup(get(client, "en"))

    there, back = sorted(edges(page), key=name_of)
    assert name_of(there).startswith("Steam (Energy): Ørsted → Novo Nordisk")
    assert name_of(back).startswith("Surface water")
    # Each curve bends to its own side of the straight line between the partners.
    a, b = (centre_of(node) for node in nodes(page))

    def side(point):
        return (b[0] - a[0]) * (point[1] - a[1]) - (b[1] - a[1]) * (point[0] - a[0])

    assert side(line_of(there)[1]) * side(line_of(back)[1]) < 0


def test_several_flows_one_way_fan_out(client, orsted, novo, steam):
    FlowFactory(supplier=orsted, receiver=novo, resource=steam)
    FlowFactory(supplier=orsted, receiver=novo, resource=ResourceFactory(heat=True))

    page = soup(get(client))

    paths = {edge.select_one("path")["d"] for edge in edges(page)}
    assert len(paths) == 2


def test_category_filter_shows_only_water(client, orsted, novo, steam):
    water = ResourceFactory(water=True, name_en="Cooling water")
    FlowFactory(supplier=orsted, receiver=novo, resource=steam)
    FlowFactory(supplier=novo, receiver=orsted, resource=water)
    FlowFactory(resource=ResourceFactory(material=True))

    response = get(client, "en", category="water")
    page = soup(response)

    assert [name_of(e).split(":")[0] for e in edges(page)] == ["Cooling water (Water)"]
    assert [g["class"] for g in page.select("svg.diagram g[marker-end]")] == [["edges-water"]]
    assert {name_of(n) for n in nodes(page)} == {"Ørsted", "Novo Nordisk"}
    assert page.select_one("#diagram-category option[selected]")["value"] == "water"
    assert page.h2.get_text(strip=True) == "Flows today: Water"


def test_year_hides_later_planned_and_ended_flows(client, steam):
    early = FlowFactory(resource=steam, year_started=1985)
    FlowFactory(resource=steam, year_started=1995)
    FlowFactory(resource=steam, year_started=1970, year_ended=1988, status=Flow.Status.ENDED)
    FlowFactory(resource=steam, year_started=None, status=Flow.Status.PLANNED)

    page = soup(get(client, "en", year=1990))

    assert [e["href"] for e in edges(page)] == [early.get_absolute_url()]
    assert page.h2.get_text(strip=True) == "Flows in 1990"
    assert page.select_one("#diagram-year")["value"] == "1990"


def test_without_a_year_the_diagram_shows_today(client, steam):
    running = FlowFactory(resource=steam, year_started=1985)
    FlowFactory(resource=steam, year_started=1970, year_ended=2001, status=Flow.Status.ENDED)
    planned = FlowFactory(resource=steam, year_started=this_year() + 1, status=Flow.Status.PLANNED)
    FlowFactory(resource=steam, is_public=False)
    FlowFactory(resource=steam, receiver=PartnerFactory(is_public=False))

    today = soup(get(client, "en"))
    this_year_page = soup(get(client, "en", year=this_year()))
    last_year = soup(get(client, "en", year=this_year() - 1))

    # Today's diagram draws the planned flow too, faded and said so; a past year does not.
    assert sorted(e["href"] for e in edges(today)) == sorted(
        [running.get_absolute_url(), planned.get_absolute_url()]
    )
    (faded,) = today.select("svg.diagram a.planned")
    assert faded["href"] == planned.get_absolute_url()
    assert faded.title.get_text().startswith("Planned: ")
    assert "Planned, not yet running (faded): 1 flow" in today.select_one(
        ".legend-planned"
    ).get_text(" ", strip=True)
    assert [e["href"] for e in edges(last_year)] == [running.get_absolute_url()]
    assert today.h2.get_text(strip=True) == "Flows today"
    assert str(this_year_page.select_one("svg.diagram")) == str(today.select_one("svg.diagram"))


def test_an_ended_flow_shows_until_its_last_year(client, steam):
    FlowFactory(resource=steam, year_started=1970, year_ended=1988, status=Flow.Status.ENDED)

    assert len(edges(soup(get(client, year=1988)))) == 1
    assert len(edges(soup(get(client, year=1989)))) == 0
    row = table_rows(soup(get(client, "en", year=1980)))[0]
    assert row.select("td")[-1].get_text() == "Ended (1988)"


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999"},
        {"year": "1960"},
        {"year": "1e5"},
        {"category": "<script>alert(1)</script>"},
        {"category": "water' OR 1=1 --", "year": "<b>"},
        {"year": "\x00"},
    ],
)
def test_hostile_parameters_get_a_clean_page_and_a_message(client, steam, params):
    FlowFactory(resource=steam, year_started=1982)

    response = client.get(diagram_url("en"), params)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<b>" not in html
    page = soup(response)
    assert len(edges(page)) == 1  # the bad filter was left out, not applied
    assert "Some filters could not be used" in page.select_one(".notice").get_text()
    assert page.h2.get_text(strip=True) == "Flows today"


def test_table_twin_lists_the_same_flows_as_the_drawing(client, orsted, novo, steam):
    FlowFactory(supplier=orsted, receiver=novo, resource=steam, year_started=1982)
    FlowFactory(supplier=novo, receiver=orsted, resource=ResourceFactory(water=True))
    FlowFactory(resource=ResourceFactory(material=True), year_started=None)

    page = soup(get(client, "en"))

    drawn = {(e["href"], *ends_of(page, e)) for e in edges(page)}
    listed = set()
    for row in table_rows(page):
        flow_link, supplier, receiver = row.select("a")
        listed.add((flow_link["href"], supplier["href"], receiver["href"]))
    assert listed == drawn
    assert len(listed) == 3
    assert page.select_one("#flow-table caption").get_text() == "Flows today, as a table"
    headers = [th.get_text() for th in page.select("#flow-table thead th[scope=col]")]
    assert headers == ["Resource", "Category", "Supplier → receiver", "Since", "Status"]
    steam_row = next(r for r in table_rows(page) if "Steam" in r.get_text())
    assert [c.get_text(" ", strip=True) for c in steam_row.select("th, td")] == [
        "Steam",
        "Energy",
        "Ørsted → to Novo Nordisk",
        "1982",
        "Active",
    ]
    assert steam_row.select("a")[1]["href"] == orsted.get_absolute_url()
    undated = next(r for r in table_rows(page) if "Gypsum" in r.get_text())
    assert undated.select("td")[2].get_text() == "unknown"


def test_english_page_marks_resource_names_shown_in_danish(client, orsted, novo):
    gips = ResourceFactory(name_da="Gips", name_en="", slug="gips", material=True)
    FlowFactory(supplier=orsted, receiver=novo, resource=gips)

    page = soup(get(client, "en"))

    link = table_rows(page)[0].th.a
    assert link.get_text() == "Gips"
    assert link["lang"] == "da"
    assert table_rows(page)[0].select_one(".fallback-note")


def test_staff_positions_override_the_layout(client, steam):
    corner = PartnerFactory(name="A corner", diagram_x=0, diagram_y=0)
    right = PartnerFactory(name="B right", diagram_x=1000, diagram_y=0)
    middle = PartnerFactory(name="C middle", diagram_x=500, diagram_y=500)
    free = [PartnerFactory(name=f"Free {n}") for n in range(4)]
    for partner in [right, middle, *free]:
        FlowFactory(supplier=corner, receiver=partner, resource=steam)

    page = soup(get(client))

    at = {name_of(n): centre_of(n) for n in nodes(page)}
    (x0, y0), (x1, y1), (xm, ym) = at["A corner"], at["B right"], at["C middle"]
    assert y1 == y0 and x1 > x0
    # Scaled into the drawing as given: the middle is halfway across and down.
    assert xm == pytest.approx((x0 + x1) / 2, abs=0.2)
    assert ym - y0 == pytest.approx((x1 - x0) / 2, abs=0.2)
    # The others go on a ring around the middle, clear of the pinned partners.
    radius = (x1 - x0) / 2
    for n in range(4):
        x, y = at[f"Free {n}"]
        assert math.dist((x, y), (xm, ym)) == pytest.approx(radius, abs=0.5)
        for pinned in ("A corner", "B right", "C middle"):
            assert math.dist((x, y), at[pinned]) > 2 * diagram.NODE_RADIUS


def test_busiest_partner_goes_in_the_middle(client, orsted, steam):
    others = [PartnerFactory(name=f"Partner {n}") for n in range(5)]
    for other in others:
        FlowFactory(supplier=orsted, receiver=other, resource=steam)
    FlowFactory(supplier=others[0], receiver=others[1], resource=steam)

    page = soup(get(client))

    at = {name_of(n): centre_of(n) for n in nodes(page)}
    middle = at.pop("Ørsted")
    distances = {round(math.dist(middle, point), 1) for point in at.values()}
    assert len(distances) == 1  # the others on a ring around Ørsted


def test_same_data_gives_the_same_bytes(client):
    call_command("load_demo", verbosity=0)

    first = get(client, "en", year=1995)
    second = get(client, "en", year=1995)

    assert first.content == second.content


def test_demo_labels_do_not_overlap():
    """The layout's own measure of its labels (browser tests measure the real text)."""
    call_command("load_demo", verbosity=0)
    with translation.override("en"):
        for year in range(FIRST_YEAR, this_year() + 1):
            for category in ["", *Category.values]:
                rows = diagram.DiagramView().rows(category, year)
                partners = {}
                for row in rows:
                    for end in (row.supplier, row.receiver):
                        partners[end.pk] = diagram.Node(end.pk, end.name)
                found = sorted(partners.values(), key=lambda n: n.name)
                index = {n.key: i for i, n in enumerate(found)}
                pairs = {tuple(sorted((index[r.supplier.pk], index[r.receiver.pk]))) for r in rows}
                diagram.lay_out(found, sorted(pairs))
                assert not diagram.labels_collide(found), (year, category)


@pytest.mark.parametrize("language", ["da", "en"])
def test_both_languages_render_one_h1_with_the_right_lang(client, orsted, novo, steam, language):
    FlowFactory(supplier=orsted, receiver=novo, resource=steam)

    response = get(client, language)
    page = soup(response)

    assert response.status_code == 200
    assert page.html["lang"] == language
    assert len(page.find_all("h1")) == 1
    svg = page.select_one("svg.diagram")
    assert svg["aria-labelledby"] == "diagram-title"
    assert svg.select_one("title#diagram-title").get_text()
    assert svg.select_one("desc#diagram-desc").get_text()
    # Coordinates are written the same in every language (no decimal commas).
    assert re.fullmatch(r"\d+\.\d", svg.select_one("circle")["cx"])
    assert page.select_one('link[href*="diagram"][rel=stylesheet]')
    assert page.select_one('script[src*="diagram"][defer]')


def test_year_links_step_and_keep_the_category(client, steam):
    FlowFactory(resource=ResourceFactory(water=True), year_started=1961)
    url = diagram_url("en")

    page = soup(get(client, "en", category="water", year=1990))

    assert page.select_one("a[rel=prev]")["href"] == f"{url}?category=water&year=1989"
    assert page.select_one("a[rel=next]")["href"] == f"{url}?category=water&year=1991"
    milestones = {a.get_text(): a["href"] for a in page.select(".milestones a")}
    assert milestones == {
        "1961": f"{url}?category=water&year=1961",
        "1975": f"{url}?category=water&year=1975",
        "1995": f"{url}?category=water&year=1995",
        "Today": f"{url}?category=water",
    }

    first = soup(get(client, "en", year=FIRST_YEAR))
    assert first.select_one("a[rel=prev]") is None
    assert first.select_one(".milestones a[aria-current]").get_text() == "1961"
    today = soup(get(client, "en"))
    assert today.select_one("a[rel=next]") is None
    assert today.select_one(".milestones a[aria-current]").get_text() == "Today"
    last = soup(get(client, "en", year=this_year() - 1))
    assert last.select_one("a[rel=next]")["href"] == url


def test_no_flows_says_so(client, steam):
    FlowFactory(resource=steam, year_started=2000)

    response = get(client, "en", category="material")

    assert not soup(response).select("svg.diagram")
    assert "No flows to show for these choices." in text_of(response)


@pytest.mark.parametrize("count", [1, 30])
def test_one_query_whatever_the_number_of_flows(client, django_assert_num_queries, count):
    partners = [PartnerFactory() for _ in range(8)]
    for n in range(count):
        FlowFactory(supplier=partners[n % 8], receiver=partners[(n + 3) % 8])

    with django_assert_num_queries(1 + NAVIGATION):
        response = get(client, "en")

    assert len(edges(soup(response))) == count


@pytest.fixture
def large_symbiosis():
    """500 partners and 5,000 flows, made in bulk."""
    rng = random.Random(1961)  # noqa: S311 (test data, not secrets)
    partners = Partner.objects.bulk_create(
        Partner(name=f"Partner {n:03d} A/S", slug=f"partner-{n}", summary_da="En partner.")
        for n in range(500)
    )
    resources = Resource.objects.bulk_create(
        Resource(
            name_da=f"Ressource {n}",
            name_en=f"Resource {n}",
            slug=f"resource-{n}",
            category=Category.values[n % 3],
            default_unit=Unit.M3,
        )
        for n in range(12)
    )
    Flow.objects.bulk_create(
        Flow(
            supplier=supplier,
            receiver=receiver,
            resource=rng.choice(resources),
            year_started=rng.randint(FIRST_YEAR, 2020),
        )
        for supplier, receiver in (rng.sample(partners, 2) for _ in range(5000))
    )


def test_large_symbiosis_renders_quickly_in_one_query(
    client, django_assert_num_queries, large_symbiosis, settings
):
    settings.CACHE_PAGES_SECONDS = 0  # measured uncached
    get(client, "en")  # templates compiled, URL patterns loaded
    with django_assert_num_queries(1 + NAVIGATION):
        started = time.perf_counter()
        response = get(client, "en")
        elapsed = time.perf_counter() - started

    # Counted in the bytes: parsing a megabyte of HTML takes seconds. Every flow is
    # drawn as a link; the table lists the first ones and links to the flow list.
    assert response.content.count(b' data-ends="') == 5000
    assert response.content.count(b'<tr><th scope="row">') == diagram.TABLE_PAGE
    assert b'<path class="hit"' not in response.content  # diagram.js adds them
    # Measured at about 0.11 s on a 2-core machine; the bound only catches a
    # layout gone quadratic, not the noise of a busy test run.
    assert elapsed < 1.0, f"the diagram of 5,000 flows took {elapsed:.2f} s"


@pytest.mark.parametrize("size", [1, 2, 3, 5, 12, 40, 120])
def test_layout_is_deterministic_and_finite_for_any_shape(size):
    def shape():
        rng = random.Random(size)  # noqa: S311 (test data, not secrets)
        found = [
            diagram.Node(n, f"Partner {n} " * rng.randint(1, 3), pin=pin)
            for n, pin in enumerate(
                (rng.randint(0, 1000), rng.randint(0, 1000)) if rng.random() < 0.2 else None
                for _ in range(size + 1)
            )
        ]
        pairs = {tuple(sorted(rng.sample(range(size + 1), 2))) for _ in range(size * 2)}
        return found, sorted(pairs)

    first, pairs = shape()
    second, _pairs = shape()
    size_first = diagram.lay_out(first, pairs)
    size_second = diagram.lay_out(second, pairs)

    assert size_first == size_second
    assert [(n.x, n.y, n.label_x, n.label_y) for n in first] == [
        (n.x, n.y, n.label_x, n.label_y) for n in second
    ]
    width, height = size_first
    for node in first:
        assert 0 <= node.x <= width and 0 <= node.y <= height


def test_a_large_table_twin_lists_the_first_flows_and_links_to_all(client, settings, steam):
    settings.CACHE_PAGES_SECONDS = 0
    partners = [PartnerFactory() for _ in range(12)]
    flows = [
        FlowFactory(
            supplier=partners[n % 12],
            receiver=partners[(n + 1 + (n // 12) % 11) % 12],
            resource=ResourceFactory(water=True),
            year_started=1970 + n % 40,
        )
        for n in range(diagram.TABLE_LIMIT + 1)
    ]
    flows.append(FlowFactory(resource=steam, year_started=1990))

    page = soup(get(client, "en", category="water"))

    assert len(edges(page)) == diagram.TABLE_LIMIT + 1  # every flow is drawn
    rows = table_rows(page)
    assert len(rows) == diagram.TABLE_PAGE
    # The first ones by the year they started, as in the drawing.
    started = [int(row.select("td")[2].get_text()) for row in rows]
    assert started == sorted(f.year_started for f in flows[:-1])[: diagram.TABLE_PAGE]
    assert page.select_one("#flow-table caption").get_text() == (
        f"Flows today: Water, as a table: the first {diagram.TABLE_PAGE} of"
        f" {diagram.TABLE_LIMIT + 1} flows, by the year they started"
    )
    more = page.select_one(".table-more a")
    assert more.get_text() == f"All {diagram.TABLE_LIMIT + 1} flows in the flow list, page by page"
    with translation.override("en"):
        assert more["href"] == (f"{reverse('exchanges:flows')}?category=water&year={this_year()}")
    listed = soup(client.get(more["href"]))
    assert f"{diagram.TABLE_LIMIT + 1}" in listed.get_text()


def test_small_diagrams_carry_the_wide_hit_area_and_large_ones_leave_it_to_the_script(client):
    FlowFactory()

    edge = edges(soup(get(client, "en")))[0]

    line, hit = edge.select("path")
    assert hit["class"] == ["hit"] and hit["d"] == line["d"]


def test_best_linked_keeps_small_symbioses_whole_and_large_ones_to_their_hubs():
    partners = {n: PartnerRow(n, f"Partner {n}", f"/partners/{n}/") for n in range(1, 44)}
    resource = ResourceRow(1, "Damp", "Steam", Category.ENERGY)

    def flow(pk, supplier, receiver):
        return FlowRow(
            pk, "", partners[supplier], partners[receiver], resource, None, None, Flow.Status.ACTIVE
        )

    rows = [flow(n, 1, n + 2) for n in range(40)]
    rows += [flow(100 + n, n + 2, n + 3) for n in range(3)]

    shown, count = diagram.best_linked(rows, limit=5)

    assert count == 41
    # Partner 1 (40 others) and 3, 4 (3 others) first, then 2 and 5 (2 others each).
    assert {(row.supplier.pk, row.receiver.pk) for row in shown} == {
        (1, 2),
        (1, 3),
        (1, 4),
        (1, 5),
        (2, 3),
        (3, 4),
        (4, 5),
    }
    assert diagram.best_linked(rows[:3], limit=5) == (rows[:3], 4)


def test_front_page_draws_a_large_symbiosis_by_its_best_linked_partners(
    client, settings, large_symbiosis
):
    settings.CACHE_PAGES_SECONDS = 0
    with translation.override("en"):
        home = reverse("home")

    response = client.get(home)

    page = soup(response)
    drawn = page.select(".diagram-small .nodes a")
    flows = page.select(".diagram-small .edges a")
    assert 2 <= len(drawn) <= diagram.HOME_PARTNER_LIMIT
    assert 0 < len(flows) < 500
    caption = page.select_one(".diagram-small figcaption p").get_text(" ", strip=True)
    assert caption == (
        f"The {len(drawn)} partners linked to the most others, and the {len(flows)} flows"
        " between them. In all, 5000 flows join 500 partners."
    )
    assert len(response.content) < 300_000


def test_front_page_draws_a_small_symbiosis_whole(client, orsted, novo, steam):
    FlowFactory(supplier=orsted, receiver=novo, resource=steam)

    page = soup(client.get(reverse("home")))

    assert [name_of(n) for n in page.select(".diagram-small .nodes a")] == [
        "Novo Nordisk",
        "Ørsted",
    ]
    assert len(page.select(".diagram-small .edges a")) == 1
    assert page.select_one(".diagram-small figcaption p") is None
