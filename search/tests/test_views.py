"""The results page: what a visitor sees, in both languages, for any input."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from exchanges.models import Flow
from exchanges.tests.factories import FlowFactory, ResourceFactory
from partners.tests.factories import PartnerFactory
from tests.html import soup
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db


def url(language="da", **params):
    with translation.override(language):
        path = reverse("search:results")
    return path, params


def get(client, language="da", **params):
    path, params = url(language, **params)
    return client.get(path, params)


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def groups(page):
    return {
        section.h2["id"].removeprefix("search-"): [
            a.get_text(strip=True) for a in section.select(".search-hit h3 a")
        ]
        for section in page.select("section.search-group")
    }


def test_gips_on_the_danish_page_groups_the_gypsum_flow_with_a_link_and_a_marked_snippet(
    client, demo
):
    response = get(client, q="gips")
    page = soup(response)

    assert response.status_code == 200
    assert page.html["lang"] == "da"
    # The heading names the search and the count (its words are translated).
    # 9 of the site's own, and the side-stream listing of gypsum waste.
    assert "10" in page.h1.get_text() and "“gips”" in page.h1.get_text()
    assert page.select_one("#search-q")["value"] == "gips"
    found = groups(page)
    # Fixed order of the groups: partners, flows, resources, news, …
    assert list(found) == [
        "partner",
        "flow",
        "resource",
        "listing",
        "article",
        "page",
        "press",
        "milestone",
    ]
    assert "Gips: Ørsted → Saint-Gobain Gyproc" in found["flow"]
    gypsum_flow = Flow.objects.get(resource__slug="gypsum")
    link = page.find("a", href=gypsum_flow.get_absolute_url())
    assert link.mark.get_text() == "Gips"  # the matched word marked in the title
    snippets = page.select(".search-hit p mark")
    assert snippets and all(m.get_text().lower().startswith("gips") for m in snippets)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_english_visitors_find_danish_words_and_see_english_titles_or_marked_danish(client, demo):
    page = soup(get(client, "en", q="gips"))

    assert page.html["lang"] == "en"
    flow = page.find("a", href=Flow.objects.get(resource__slug="gypsum").get_absolute_url())
    assert flow.get_text(" ", strip=True) == "Gypsum: Ørsted → Saint-Gobain Gyproc"
    assert flow.get("lang") is None
    # "gips" is not in the English story: the Danish snippet is shown, marked as Danish.
    snippet = flow.find_parent("li").p
    assert snippet["lang"] == "da" and snippet.mark.get_text().lower() == "gips"


def test_overview_shows_five_per_kind_and_links_to_all_of_a_kind(client, demo):
    page = soup(get(client, "en", q="symbiosen"))

    milestones = page.find("h2", id="search-milestone").find_parent("section")
    assert len(milestones.select(".search-hit")) == 5
    more = milestones.find("a", string=lambda s: s and "See all 7 results" in s)
    assert more["href"] == "?q=symbiosen&kind=milestone"


def test_a_kinds_page_lists_all_its_hits_and_paginates_keeping_q_and_kind(client):
    resource = ResourceFactory(material=True)
    FlowFactory.create_batch(25, resource=resource)

    first = soup(get(client, "en", q="gypsum", kind="flow"))
    second = soup(get(client, "en", q="gypsum", kind="flow", page="2"))

    assert first.h1.get_text(" ", strip=True) == "Flows: 25 results for “gypsum”"
    assert len(first.select(".search-hit")) == 20
    assert len(second.select(".search-hit")) == 5
    assert first.select_one("a[rel=next]")["href"] == "?q=gypsum&kind=flow&page=2"
    assert second.select_one("a[rel=prev]")["href"] == "?q=gypsum&kind=flow&page=1"
    assert second.select_one("ol.search-hits")["start"] == "21"


@pytest.mark.parametrize("page", ["0", "3", "99999", "-1"])
def test_a_page_out_of_range_is_not_found(client, page):
    FlowFactory(resource=ResourceFactory(material=True))
    assert get(client, q="gypsum", kind="flow", page=page).status_code == 404


def test_a_page_number_that_is_not_a_number_shows_the_first_page(client):
    FlowFactory(resource=ResourceFactory(material=True))
    page = soup(get(client, "en", q="gypsum", kind="flow", page="abc"))
    assert len(page.select(".search-hit")) == 1


def test_empty_search_shows_the_box_and_a_hint_without_querying(client, django_assert_num_queries):
    with django_assert_num_queries(NAVIGATION):
        response = get(client, "en")
    page = soup(response)
    assert response.status_code == 200
    assert page.h1.get_text() == "Search"
    assert page.select_one("#search-q")["value"] == ""
    assert "Type a word or a name" in page.select_one(".lead").get_text()


def test_nothing_found_says_so_and_suggests(client, demo):
    page = soup(get(client, "en", q="xylofon"))
    assert page.h1.get_text(" ", strip=True) == "0 results for “xylofon”"
    assert "Nothing found. Try:" in page.select_one(".search-nothing").get_text()
    assert page.select_one(".search-nothing a[href='/en/partners/']")


NASTY = [
    "x" * 5000,
    '"gips"',
    "'gips",
    "gips & steam | !damp",
    "gips:* <-> (steam)",
    "& | ! : * ( ) <->",
    "\\",
    "gips\x00steam",
    "\x00",
    "\x01\x02\x1b[31m gips \x7f",
    "gips%_",
    "'; DROP TABLE search_searchentry; --",
    "<script>alert(1)</script>",
    "ØRSTED æøå ÆØÅ é ü ß",
    "日本語 текст",
    "🙂",
]


@pytest.mark.parametrize("q", NASTY)
@pytest.mark.parametrize("kind", ["", "flow", "nonsense"])
def test_any_input_gets_a_page_never_an_error(client, q, kind):
    FlowFactory(resource=ResourceFactory(material=True))
    response = get(client, "en", q=q, kind=kind)
    page = soup(response)

    assert response.status_code == 200
    assert page.h1 is not None
    echoed = page.select_one("#search-q")["value"]
    assert len(echoed) <= 200 and "\x00" not in echoed
    assert page.find("script", string=lambda s: s and "alert" in s) is None


def test_a_very_long_search_is_cut_with_a_note(client):
    page = soup(get(client, "en", q="gypsum " * 1000))
    assert len(page.select_one("#search-q")["value"]) <= 200
    assert "only its first 200 characters" in page.select_one(".notice").get_text()


def test_an_unknown_kind_shows_the_overview(client):
    FlowFactory(resource=ResourceFactory(material=True))
    page = soup(get(client, "en", q="gypsum", kind="nonsense"))
    assert "flow" in groups(page)


def test_the_query_is_escaped_everywhere(client):
    response = get(client, "en", q="<b>gypsum</b>")
    assert b"<b>gypsum</b>" not in response.content
    assert b"&lt;b&gt;gypsum&lt;/b&gt;" in response.content


def test_text_with_markup_in_the_content_is_shown_as_text(client):
    PartnerFactory(name="Gypsum <i>Works</i>", summary_en="We make <b>gypsum</b> & more.")
    response = get(client, "en", q="gypsum")
    assert b"<i>Works</i>" not in response.content
    assert b"<b>" not in response.content
    assert b"&lt;b&gt;<mark>gypsum</mark>&lt;/b&gt; &amp; more." in response.content


@pytest.mark.parametrize("hits", [1, 30])
def test_constant_number_of_queries_whatever_the_hits(client, django_assert_num_queries, hits):
    resource = ResourceFactory(material=True)
    FlowFactory.create_batch(hits, resource=resource)
    with django_assert_num_queries(1 + NAVIGATION):
        response = get(client, "en", q="gypsum")
    assert response.status_code == 200
    with django_assert_num_queries(2 + NAVIGATION):
        response = get(client, "en", q="gypsum", kind="flow")
    assert len(soup(response).select(".search-hit")) == min(hits, 20)


def test_the_header_box_is_on_every_page_and_sends_to_the_results(client):
    for language, home in (("da", "/da/"), ("en", "/en/")):
        page = soup(client.get(home))
        form = page.select_one("header form[role=search]")
        with translation.override(language):
            assert form["action"] == reverse("search:results")
        assert form["method"] == "get"
        field = form.select_one("input[type=search][name=q]")
        assert page.find("label", attrs={"for": field["id"]}).get_text(strip=True)
        assert form.select_one("button[type=submit]")


def test_twin_link_keeps_the_search(client):
    page = soup(get(client, "da", q="gips"))
    twin = page.select_one("nav.language-switch a[hreflang=en]")
    with translation.override("en"):
        assert twin["href"] == reverse("search:results") + "?q=gips"


def test_a_whole_word_ranks_before_a_longer_word_it_begins(client):
    """A search for "gips" also finds "Gipsplader" while typing, but the gypsum comes first,
    though "Aalborg Gipsplader" sorts before it by name (on both databases)."""
    PartnerFactory(name="Aalborg Gipsplader A/S")
    PartnerFactory(name="Bornholm Gipsplader A/S")
    PartnerFactory(name="Gips Genbrug ApS")
    page = soup(get(client, q="gips"))
    found = [" ".join(a.get_text().split()) for a in page.select("#search-partner ~ ol h3 a")]
    assert found == [
        "Gips Genbrug ApS",
        "Aalborg Gipsplader A/S",
        "Bornholm Gipsplader A/S",
    ]
