import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from exchanges.tests.factories import FlowFactory, ResourceFactory
from partners.tests.factories import PartnerFactory
from tests.html import soup, text_of
from timeline.tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db


def url(language):
    with translation.override(language):
        return reverse("timeline:index")


def test_history_in_danish_and_english_with_dates_for_each_language(client):
    MilestoneFactory(
        year=2019, month=12, day=16, title_da="Symbiosen bliver en forening",
        title_en="The symbiosis becomes an association",
    )  # fmt: skip
    MilestoneFactory(year=2021, month=11, title_da="Netværket", title_en="The network")
    MilestoneFactory(year=1988, title_da="Miljøklubben", title_en="The Environment Club")

    da, en = soup(client.get(url("da"))), soup(client.get(url("en")))

    def entries(page):
        return [
            (li.time.get_text(), li.time["datetime"], li.h3.get_text(strip=True))
            for li in page.select("li.milestone")
        ]

    assert entries(da) == [
        ("1988", "1988", "Miljøklubben"),
        ("16. december 2019", "2019-12-16", "Symbiosen bliver en forening"),
        ("november 2021", "2021-11", "Netværket"),
    ]
    assert entries(en) == [
        ("1988", "1988", "The Environment Club"),
        ("16 December 2019", "2019-12-16", "The symbiosis becomes an association"),
        ("November 2021", "2021-11", "The network"),
    ]
    assert [h1.get_text() for h1 in en.select("h1")] == ["History"]


def test_decades_group_milestones_and_the_jump_list_links_to_them(client):
    for year in (1961, 1972, 1979, 2019):
        MilestoneFactory(year=year)
    page = soup(client.get(url("en")))
    jumps = [(a["href"], a.get_text()) for a in page.select("nav.decade-nav a")]
    assert jumps == [
        ("#decade-1960", "1960s"),
        ("#decade-1970", "1970s"),
        ("#decade-2010", "2010s"),
    ]
    for href, _label in jumps:
        assert page.select_one(href).name == "h2"
    years = {
        section.h2.get_text(): [t.get_text() for t in section.select("time")]
        for section in page.select("section.decade")
    }
    assert years == {"1960s": ["1961"], "1970s": ["1972", "1979"], "2010s": ["2019"]}


def test_each_milestone_has_the_anchor_its_url_points_to(client):
    milestone = MilestoneFactory(title_en="The pipeline")
    with translation.override("en"):
        path, anchor = milestone.get_absolute_url().split("#")
    page = soup(client.get(path))
    assert page.find(id=anchor).h3.get_text(strip=True) == "The pipeline"


def test_english_page_marks_the_danish_fallback(client):
    MilestoneFactory(
        year=2011, title_da="Nyt logo og ny hjemmeside", title_en="", text_da="<p>Nyt logo.</p>",
        text_en="",
    )  # fmt: skip
    page = soup(client.get(url("en")))
    title = page.select_one("li.milestone h3")
    assert title["lang"] == "da"
    assert title.select_one(".fallback-note").get_text() == "Not yet translated: shown in Danish"
    text = page.select_one(".milestone-text")
    assert text["lang"] == "da"
    assert text.get_text(strip=True) == "Nyt logo."


def test_partners_and_flows_link_to_their_pages(client):
    refinery = PartnerFactory(name="Kalundborg Refinery", slug="kalundborg-refinery")
    gyproc = PartnerFactory(name="Saint-Gobain Gyproc", slug="gyproc")
    hidden = PartnerFactory(name="Hemmelig", slug="hemmelig", is_public=False)
    gas = FlowFactory(
        supplier=refinery,
        receiver=gyproc,
        resource=ResourceFactory(name_da="Raffinaderigas", name_en="Refinery gas"),
    )
    milestone = MilestoneFactory(year=1972)
    milestone.partners.set([refinery, gyproc, hidden])
    milestone.flows.set([gas])

    page = soup(client.get(url("en")))
    links = [(a.get_text(" ", strip=True), a["href"]) for a in page.select(".milestone-links a")]
    with translation.override("en"):
        assert links == [
            ("Kalundborg Refinery", refinery.get_absolute_url()),
            ("Saint-Gobain Gyproc", gyproc.get_absolute_url()),
            (
                "Refinery gas from Kalundborg Refinery to Saint-Gobain Gyproc",
                gas.get_absolute_url(),
            ),
        ]


def test_hidden_milestones_stay_off_the_page(client):
    MilestoneFactory(title_da="Synlig")
    MilestoneFactory(title_da="Kladde", is_public=False)
    text = text_of(client.get(url("da")))
    assert "Synlig" in text
    assert "Kladde" not in text


def test_empty_history_says_so(client):
    page = soup(client.get(url("en")))
    assert "The history has not been written down here yet." in page.main.get_text()
    assert page.select("nav.decade-nav") == []


def test_image_has_size_lazy_loading_and_description(client, settings):
    from django.core.files.base import ContentFile

    from symbiosis.demo import logo_png

    milestone = MilestoneFactory(image_alt_da="Rørledningen", image_alt_en="The pipeline")
    milestone.image.save("pipe.png", ContentFile(logo_png("Tissø", "#1d5fa8")), save=True)
    image = soup(client.get(url("en"))).select_one("img.milestone-image")
    assert (image["alt"], image["width"], image["height"], image["loading"]) == (
        "The pipeline",
        "320",
        "160",
        "lazy",
    )


@pytest.mark.parametrize(
    "query",
    [
        {"decade": "x" * 5000},
        {"decade": "19\x0060"},
        {"page": "-1"},
        {"year": "2019-13-45"},
    ],
)
def test_hostile_query_strings_get_the_ordinary_page(client, query):
    MilestoneFactory(year=1961, title_en="The pipeline")
    response = client.get(url("en"), query, follow=True)
    # A parameter the page does not read is sent away by a 301 (the page cache, issue 14).
    assert response.status_code == 200
    assert soup(response).select_one("li.milestone h3").get_text(strip=True) == "The pipeline"


def own_queries(captured):
    """The page's own queries, without the site-wide ones of base.html (the navigation)."""
    return [q["sql"] for q in captured if '"pages_page"' not in q["sql"]]


@pytest.mark.parametrize("count", [1, 40])
def test_history_runs_a_constant_number_of_queries(client, count):
    for index in range(count):
        milestone = MilestoneFactory(year=1961 + index)
        milestone.partners.set([PartnerFactory()])
        milestone.flows.set([FlowFactory()])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("da"))
    # milestones, their partners, their flows with partners and resources
    assert len(own_queries(captured)) == 3, own_queries(captured)
    page = soup(response)
    assert len(page.select("li.milestone")) == count
    assert len(page.select(".milestone-links a")) == 2 * count
