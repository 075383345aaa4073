from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from network.models import Symbiosis
from network.tests.factories import SymbiosisFactory
from tests.html import soup

pytestmark = pytest.mark.django_db


def url(language):
    with translation.override(language):
        return reverse("network:index")


def demo_like():
    SymbiosisFactory(
        name="Kalundborg Symbiose", slug="kalundborg-symbiose", town="Kalundborg",
        latitude=Decimal("55.6796"), longitude=Decimal("11.0886"),
        role=Symbiosis.Role.FOUNDER, coordinator="Sekretariatet", founded=1961,
        website="https://www.symbiosis.dk/", order=10,
        description_da="Verdens første.", description_en="The world's first.",
    )  # fmt: skip
    SymbiosisFactory(
        name="Transition", slug="transition", town="Aarhus",
        latitude=Decimal("56.1629"), longitude=Decimal("10.2039"),
        role=Symbiosis.Role.FOUNDER, order=20,
    )  # fmt: skip
    SymbiosisFactory(
        name="Industriel Symbiose Nord", slug="industriel-symbiose-nord", town="Aalborg",
        latitude=Decimal("57.0488"), longitude=Decimal("9.9217"), order=30,
        description_da="Nordjysk symbiose.", description_en="",
    )  # fmt: skip
    SymbiosisFactory(name="Skjult", slug="skjult", is_public=False)


def entries(page):
    return {
        li["id"]: {
            "name": li.h3.get_text(strip=True),
            "facts": {
                div.dt.get_text(strip=True): div.dd.get_text(strip=True)
                for div in li.select("dl div")
            },
            "role": li.select_one(".symbiosis-role").get_text(strip=True),
        }
        for li in li_list(page)
    }


def li_list(page):
    return page.select("li.symbiosis")


def test_network_page_in_english_lists_the_symbioses(client):
    demo_like()
    page = soup(client.get(url("en")))
    assert [h1.get_text() for h1 in page.select("h1")] == ["The national network"]
    intro = page.select_one(".network-intro").get_text(" ", strip=True)
    assert "November 2021" in intro and "COP26" in intro
    assert "Center for Logistik og Samarbejde" in intro and "Transition" in intro
    assert entries(page)["kalundborg-symbiose"] == {
        "name": "Kalundborg Symbiose",
        "facts": {
            "Town": "Kalundborg",
            "Coordinator": "Sekretariatet",
            "Founded": "1961",
            "Website": "www.symbiosis.dk/",
        },
        "role": "Founder of the network",
    }
    assert list(entries(page)) == ["kalundborg-symbiose", "transition", "industriel-symbiose-nord"]
    assert page.select_one("#kalundborg-symbiose dd a")["href"] == "https://www.symbiosis.dk/"


def test_network_page_in_danish(client):
    demo_like()
    page = soup(client.get(url("da")))
    assert page.html["lang"] == "da"
    assert "Verdens første." in page.select_one("#kalundborg-symbiose").get_text()
    assert len(li_list(page)) == 3


def test_english_page_marks_the_danish_fallback(client):
    demo_like()
    entry = soup(client.get(url("en"))).select_one("#industriel-symbiose-nord")
    description = entry.select_one("p[lang=da]")
    assert description.get_text(" ", strip=True).startswith("Nordjysk symbiose.")
    assert description.select_one(".fallback-note").get_text() == (
        "Not yet translated: shown in Danish"
    )


def test_map_has_one_linked_dot_per_public_symbiosis_in_the_right_places(client):
    demo_like()
    page = soup(client.get(url("en")))
    svg = page.select_one("figure.network-map svg")
    assert svg.title.get_text() and svg.desc.get_text()
    assert page.select_one("figure.network-map figcaption").get_text(strip=True)
    dots = {a["href"]: a for a in svg.select("a.dot")}
    assert set(dots) == {"#kalundborg-symbiose", "#transition", "#industriel-symbiose-nord"}
    for href, dot in dots.items():
        assert page.select_one(href).name == "li"
        assert dot.text.strip()  # a visible label, the link's name
    y = {href[1:]: float(dot.select_one(".marker")["data-y"]) for href, dot in dots.items()}
    x = {href[1:]: float(dot.select_one(".marker")["data-x"]) for href, dot in dots.items()}
    # Aalborg is north of Aarhus, which is north of Kalundborg: smaller y is further north.
    assert y["industriel-symbiose-nord"] < y["transition"] < y["kalundborg-symbiose"]
    # Kalundborg lies east of Aarhus, which lies east of Aalborg.
    assert x["industriel-symbiose-nord"] < x["transition"] < x["kalundborg-symbiose"]
    width, height = map(float, svg["viewbox"].split()[2:])
    assert all(0 < x[k] < width and 0 < y[k] < height for k in x)


def test_empty_network_says_so(client):
    page = soup(client.get(url("en")))
    assert "No symbioses are listed yet." in page.main.get_text()
    assert page.select("svg") == [] or not page.select("figure.network-map")


@pytest.mark.parametrize(
    "query",
    [{"role": "x" * 5000}, {"q": "\x00"}, {"page": "2019-13-45"}, {"slug": "<script>"}],
)
def test_hostile_query_strings_get_the_ordinary_page(client, query):
    demo_like()
    response = client.get(url("en"), query, follow=True)
    # A parameter the page does not read is sent away by a 301 (the page cache, issue 14).
    assert response.status_code == 200
    assert len(li_list(soup(response))) == 3
    assert "<script>" not in response.content.decode()


def own_queries(captured):
    """The page's own queries, without the site-wide ones of base.html (the navigation)."""
    return [q["sql"] for q in captured if '"pages_page"' not in q["sql"]]


@pytest.mark.parametrize("count", [1, 40])
def test_network_runs_a_constant_number_of_queries(client, count):
    SymbiosisFactory.create_batch(count)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("da"))
    assert len(own_queries(captured)) == 1, own_queries(captured)
    page = soup(response)
    assert len(li_list(page)) == count
    assert len(page.select("svg a.dot")) == count
