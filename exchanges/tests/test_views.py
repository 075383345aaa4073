import pytest
from django.utils import translation

from exchanges.models import Flow
from exchanges.tests.factories import FlowFactory, FlowFigureFactory, ResourceFactory
from partners.tests.factories import PartnerFactory
from tests.html import soup, text_of
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db


def rows(response):
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in soup(response).select("table.flow-table tbody tr")
    ]


def test_flow_list_shows_every_published_flow_as_a_row(client):
    orsted = PartnerFactory(name="Ørsted", slug="orsted")
    novo = PartnerFactory(name="Novo Nordisk", slug="novo")
    steam = ResourceFactory(name_da="Damp", name_en="Steam", slug="steam")
    FlowFactory(supplier=orsted, receiver=novo, resource=steam, year_started=1982)
    FlowFactory(is_public=False)
    FlowFactory(supplier=PartnerFactory(is_public=False))
    response = client.get("/en/flows/")
    assert rows(response) == [["Steam", "Energy", "Ørsted", "Novo Nordisk", "1982–", "Active"]]
    assert "1 flow" in text_of(response)


def test_flow_list_filters_by_category_status_and_year(client):
    water = ResourceFactory(water=True, name_en="Cooling water")
    FlowFactory(resource=water, year_started=1987)
    FlowFactory(resource=water, year_started=2005)
    FlowFactory(resource=water, year_started=2030, status=Flow.Status.PLANNED)
    FlowFactory(year_started=1982)  # steam: energy
    response = client.get("/en/flows/", {"category": "water", "year": "1990"})
    assert [row[0] for row in rows(response)] == ["Cooling water"]
    planned = client.get("/en/flows/", {"status": "planned"})
    assert [row[-1] for row in rows(planned)] == ["Planned"]


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999"},
        {"category": "<script>alert(1)</script>"},
        {"status": "' OR 1=1 --"},
        {"year": "\x00"},
    ],
)
def test_hostile_filters_are_dropped_with_a_message(client, params):
    FlowFactory()
    response = client.get("/en/flows/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert len(rows(response)) == 1  # the filter was left out, not applied
    assert "Some filters could not be used" in text_of(response)


def test_page_out_of_range_is_a_friendly_404(client):
    FlowFactory()
    response = client.get("/en/flows/", {"page": "99999"})
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == "We could not find that page"


def test_pagination_keeps_filters(client):
    water = ResourceFactory(water=True)
    FlowFactory.create_batch(51, resource=water)
    response = client.get("/en/flows/", {"category": "water"})
    assert len(rows(response)) == 50
    assert soup(response).select_one('a[rel="next"]')["href"] == "?category=water&page=2"


@pytest.mark.parametrize("count", [1, 60])
def test_flow_list_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    FlowFactory.create_batch(count)
    with django_assert_num_queries(2 + NAVIGATION):  # count for the paginator, one page of rows
        response = client.get("/da/udvekslinger/")
    assert len(rows(response)) == min(count, 50)


def test_flow_page_tells_the_story_with_figures_and_sources(client):
    flow = FlowFactory(
        supplier=PartnerFactory(name="Ørsted", slug="orsted"),
        receiver=PartnerFactory(name="Saint-Gobain Gyproc", slug="gyproc"),
        resource=ResourceFactory(material=True, name_da="Gips", name_en="Gypsum"),
        story_da="Gips fra røggasrensningen.",
        story_en="Gypsum from flue-gas cleaning.",
    )
    FlowFigureFactory(flow=flow, year=2010, quantity=150000, source="symbiosis.dk, 2010")
    FlowFigureFactory(flow=flow, year=2020, quantity=200000000, unit="kg", source="Estimate")
    with translation.override("en"):
        response = client.get(flow.get_absolute_url())
    page = soup(response)
    assert page.h1.get_text(" ", strip=True) == "Gypsum : Ørsted → Saint-Gobain Gyproc"
    assert "Gypsum from flue-gas cleaning." in text_of(response)
    figure_rows = [
        [c.get_text(" ", strip=True) for c in r.select("th, td")]
        for r in page.select("section table tbody tr")
    ]
    assert figure_rows == [
        ["2010", "150,000 t", "–", "–", "symbiosis.dk, 2010"],
        ["2020", "200,000,000 kg", "–", "–", "Estimate"],
    ]
    # The chart converts kg to the resource's unit (t): bars for 150,000 and 200,000.
    labels = [t.get_text() for t in page.select("figure.chart text")]
    assert labels == ["2010", "150,000", "2020", "200,000"]
    links = {a.get_text(): a["href"] for a in page.select(".flow-partners a")}
    assert links == {
        "Ørsted": "/en/partners/orsted/",
        "Saint-Gobain Gyproc": "/en/partners/gyproc/",
    }


def test_flow_page_links_the_way_back(client):
    a, b = PartnerFactory(), PartnerFactory()
    out = FlowFactory(supplier=a, receiver=b)
    back = FlowFactory(supplier=b, receiver=a, resource=ResourceFactory(water=True))
    page = soup(client.get(out.get_absolute_url()))
    assert page.find("a", href=back.get_absolute_url()) is not None


def test_hidden_flow_is_not_found(client):
    flow = FlowFactory(is_public=False)
    assert client.get(flow.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [1, 20])
def test_flow_page_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    flow = FlowFactory()
    for year in range(2000, 2000 + count):
        FlowFigureFactory(flow=flow, year=year)
    FlowFactory.create_batch(count, supplier=flow.receiver, receiver=flow.supplier)
    # The flow with its partners and resource, its figures, the flows back.
    with django_assert_num_queries(3 + NAVIGATION):
        response = client.get(flow.get_absolute_url())
    assert len(soup(response).select("section table tbody tr")) == count
