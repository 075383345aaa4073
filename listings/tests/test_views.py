"""The exchange's public pages: what a visitor sees, and what never leaves the site."""

import pytest
from django.urls import reverse
from django.utils import translation

from listings.models import Status, Visibility
from listings.tests.factories import ListingFactory, WantFactory
from partners.tests.factories import PartnerFactory
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db


def url(name, language="da", **kwargs):
    with translation.override(language):
        return reverse(f"listings:{name}", kwargs=kwargs)


@pytest.fixture
def secret():
    """An anonymous listing of a partner whose name, site and place must not show."""
    organisation = PartnerFactory(
        name="Hemmelig Fabrik A/S",
        slug="hemmelig-fabrik",
        website="https://hemmelig-fabrik.example.org",
        street="Skjultvej 7",
        town="Holbæk",
        latitude="55.70123",
        longitude="11.70456",
    )
    return ListingFactory(
        organisation=organisation,
        visibility=Visibility.ANONYMOUS,
        place="Holbæk",
        latitude="55.70123",
        longitude="11.70456",
        title_da="Træflis i overskud",
        title_en="Surplus wood chips",
        contact_name="Karen Skjult",
        contact_email="karen@hemmelig-fabrik.example.org",
    )


SECRETS = ["Hemmelig Fabrik", "hemmelig-fabrik", "Skjultvej", "Karen", "55.70123", "11.70456"]


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_list_shows_published_listings_only(client, language):
    ListingFactory(title_da="Damp til overs", title_en="Spare steam")
    ListingFactory(title_da="Kladde", status=Status.DRAFT)
    ListingFactory(title_da="Til gennemsyn", status=Status.REVIEW)
    ListingFactory(title_da="Kun sekretariatet", visibility=Visibility.SECRETARIAT)

    text = text_of(client.get(url("list", language)))

    assert ("Damp til overs" if language == "da" else "Spare steam") in text
    for hidden in ("Kladde", "Til gennemsyn", "Kun sekretariatet"):
        assert hidden not in text
    assert ("1 opslag" if language == "da" else "1 listing") in text


@pytest.mark.parametrize("language", ["da", "en"])
def test_an_anonymous_listing_shows_only_the_kind_of_organisation_and_its_municipality(
    client, secret, language
):
    for page in (url("list", language), url("detail", language, pk=secret.pk)):
        html = client.get(page).content.decode()
        for word in SECRETS:
            assert word not in html, (page, word)
        assert ("En virksomhed i Holbæk" if language == "da" else "A company in Holbæk") in html


def test_a_public_listing_names_its_organisation_and_links_its_page(client):
    organisation = PartnerFactory(name="Åben Energi A/S", slug="aaben-energi")
    listing = ListingFactory(organisation=organisation)
    page = soup(client.get(url("detail", pk=listing.pk)))
    link = page.select_one(".listing-who a")
    assert link.get_text(strip=True) == "Åben Energi A/S"
    assert link["href"] == organisation.get_absolute_url()


@pytest.mark.parametrize(
    "status,visibility",
    [
        (Status.DRAFT, Visibility.PUBLIC),
        (Status.REVIEW, Visibility.PUBLIC),
        (Status.CLOSED, Visibility.PUBLIC),
        (Status.EXPIRED, Visibility.PUBLIC),
        (Status.PUBLISHED, Visibility.SECRETARIAT),
    ],
)
def test_a_listing_that_is_not_public_is_not_found(client, status, visibility):
    listing = ListingFactory(status=status, visibility=visibility)
    assert client.get(url("detail", pk=listing.pk)).status_code == 404


def test_a_listing_in_english_only_shows_on_the_danish_page_marked_as_english(client):
    listing = WantFactory(title_da="", title_en="We need CO2", description_da="", language="en")
    page = soup(client.get(url("detail", "da", pk=listing.pk)))
    heading = page.h1
    assert heading.get_text(" ", strip=True).startswith("We need CO2")
    assert heading["lang"] == "en"


def test_filters_narrow_the_list_and_bad_values_are_dropped_with_a_word(client):
    ListingFactory(title_da="Aske", category="material", ewc_code="100102", place="Kalundborg")
    WantFactory(
        title_da="Varme søges",
        category="energy",
        place="Odsherred",
        latitude="55.92500",
        longitude="11.67100",
    )

    def titles(query):
        page = soup(client.get(url("list") + query))
        return sorted(h.get_text(strip=True) for h in page.select(".listing-card h3"))

    assert titles("?kind=want") == ["Varme søges"]
    assert titles("?category=material") == ["Aske"]
    assert titles("?ewc=10") == ["Aske"]
    assert titles("?municipality=Odsherred") == ["Varme søges"]
    assert titles("?near=Holbæk&within=25") == ["Varme søges"]
    assert titles("?near=Kalundborg&within=10") == ["Aske"]
    response = client.get(url("list") + "?kind=gold&within=7&near=Atlantis&page=1")
    assert response.status_code == 200
    text = text_of(response)
    assert "kunne ikke bruges" in text and "Atlantis" in text
    assert sorted(h.get_text(strip=True) for h in soup(response).select(".listing-card h3")) == [
        "Aske",
        "Varme søges",
    ]


def test_a_page_past_the_end_is_not_found(client):
    ListingFactory()
    assert client.get(url("list") + "?page=9").status_code == 404
    assert client.get(url("list") + "?page=abc").status_code == 404


def test_the_map_has_a_dot_per_municipality_linking_to_its_listings(client, secret):
    ListingFactory(place="Kalundborg")
    ListingFactory(place="Kalundborg")
    page = soup(client.get(url("list")))
    dots = {a["data-place"]: a for a in page.select(".listing-map a.dot")}
    assert set(dots) == {"Kalundborg", "Holbæk"}
    assert dots["Kalundborg"]["href"] == "?municipality=Kalundborg"
    assert "Kalundborg (2)" in dots["Kalundborg"].get_text(" ", strip=True)


def test_the_list_costs_the_same_queries_for_3_and_30_listings(
    client, django_assert_max_num_queries
):
    for _ in range(3):
        ListingFactory()
    with django_assert_max_num_queries(8) as few:
        client.get(url("list"))
    for _ in range(27):
        ListingFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("list"))


def test_the_results_count_listings_matches_and_what_agreed_matches_divert(client):
    from listings.tests.factories import MatchFactory

    heat = ListingFactory(category="energy", quantity=1000, unit="MWh", per="month")
    ash = ListingFactory(quantity=20000, unit="t", per="year")
    MatchFactory(offer=heat, stage="agreed")
    MatchFactory(offer=ash, stage="established")
    MatchFactory(offer__quantity=5, offer__unit="t", offer__per="year", stage="dialogue")
    MatchFactory(stage="rejected", rejection_reason="distance")
    WantFactory()

    page = soup(client.get(url("results", "en")))
    figures = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in page.select(".key-figures dt")
    }
    assert figures["Matches agreed"] == "2"
    assert figures["Of those, established as flows"] == "1"
    assert figures["Materials diverted a year"] == "20,000 t"
    assert figures["Energy diverted a year"] == "12,000 MWh"
    assert "Too far apart" in page.get_text(" ")
