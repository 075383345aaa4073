"""Where listings leave the site besides their pages: the feeds, the open data, the
search and the sitemap. Each says only what the listing's page says: an anonymous
listing nowhere names its organisation or its exact place."""

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from exchanges.opendata import DATASETS
from listings.feeds import FEED_LENGTH
from listings.models import Kind, Per, Status, Visibility
from listings.tests.factories import ListingFactory, WantFactory
from partners.tests.factories import PartnerFactory
from search.models import SearchEntry
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

FEEDS = ["listings:feed-rss", "listings:feed-atom"]
LANGUAGES = ["da", "en"]
SOMEONE = {"da": "En virksomhed i Holbæk", "en": "A company in Holbæk"}
# Holbæk's centre in listings/data/places.csv: where an anonymous listing in Holbæk is.
HOLBAEK = (Decimal("55.714"), Decimal("11.717"))


def url(name, language="da", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def read_feed(client, name, language):
    response = client.get(url(name, language))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def download(client, fmt, language="da"):
    response = client.get(url("exchanges:download", language, dataset="listings", fmt=fmt))
    assert response.status_code == 200
    return response


def csv_records(response):
    text = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def json_records(response):
    return json.loads(response.content, parse_float=Decimal)["listings"]


def search(client, language, words):
    return client.get(url("search:results", language), {"q": words})


def hit_titles(page):
    return [" ".join(a.get_text().split()) for a in page.select(".search-hit h3 a")]


@pytest.fixture
def secret():
    """An anonymous listing of a partner whose name, site, contact and place must not show."""
    organisation = PartnerFactory(
        name="Hemmelig Fabrik A/S",
        slug="hemmelig-fabrik",
        website="https://hemmelig-fabrik.example.org",
        street="Skjultvej 7",
        postcode="4300",
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
        description_da="Rene træflis fra produktionen.",
        description_en="Clean wood chips from production.",
        contact_name="Karen Skjult",
        contact_email="karen@hemmelig-fabrik.example.org",
    )


@pytest.fixture
def named():
    """A public listing: its organisation's name and page are shown."""
    organisation = PartnerFactory(name="Åben Energi A/S", slug="aaben-energi")
    return ListingFactory(
        organisation=organisation,
        kind=Kind.OFFER,
        offer_type="heat",
        category="energy",
        title_da="Overskudsvarme",
        title_en="Surplus heat",
        quantity=Decimal("1500"),
        unit="MWh",
        per=Per.MONTH,
        place="Kalundborg",
        latitude="55.66001",
        longitude="11.10002",
        ewc_code="030105",
        nace_code="35.30",
        contact_name="Ole Åben",
        contact_email="ole@aaben-energi.example.org",
    )


SECRETS = [
    "Hemmelig Fabrik",
    "hemmelig-fabrik",  # the slug, the website's and the e-mail's domain
    "Skjultvej",
    "Karen",
    "55.70123",
    "11.70456",
    "55.70",  # the exact point in any precision
]


def assert_nothing_secret(text, where):
    for word in SECRETS:
        assert word not in text, (where, word)


# -- Feeds -------------------------------------------------------------------------


@pytest.mark.parametrize("name", FEEDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feeds_list_published_listings_only(client, name, language):
    ListingFactory(title_da="Damp til overs", title_en="Spare steam")
    WantFactory(title_da="Gips søges", title_en="Gypsum wanted", status=Status.MATCHED)
    ListingFactory(title_da="Kladde", title_en="Draft", status=Status.DRAFT)
    ListingFactory(title_da="Til gennemsyn", title_en="In review", status=Status.REVIEW)
    ListingFactory(title_da="Lukket", title_en="Closed", status=Status.CLOSED)
    ListingFactory(
        title_da="Kun sekretariatet", title_en="Secretariat", visibility=Visibility.SECRETARIAT
    )

    response, feed = read_feed(client, name, language)

    titles = {entry.title for entry in feed.entries}
    expected = {
        "da": {"Tilbud: Damp til overs", "Efterspørgsel: Gips søges"},
        "en": {"Offer: Spare steam", "Want: Gypsum wanted"},
    }
    assert titles == expected[language]
    assert feed.feed.language == language
    content_type = "application/rss+xml" if name == FEEDS[0] else "application/atom+xml"
    assert response["Content-Type"].startswith(content_type)


@pytest.mark.parametrize("name", FEEDS)
def test_an_item_says_kind_category_quantity_municipality_and_who(client, name, named):
    _response, feed = read_feed(client, name, "en")

    (entry,) = feed.entries
    assert entry.title == "Offer: Surplus heat"
    assert entry.author == "Åben Energi A/S"
    assert entry.link == "http://testserver" + url("listings:detail", "en", pk=named.pk)
    summary = entry.summary
    for fact in ("Offer", "Surplus heat", "Category: Energy", "1,500 MWh per month", "Kalundborg"):
        assert fact in summary, fact
    assert "ole@" not in summary and "Ole" not in summary


@pytest.mark.parametrize("name", FEEDS)
def test_an_item_in_one_language_shows_in_the_others_feed_marked(client, name):
    ListingFactory(title_da="", title_en="Spare steam", description_da="", language="en")
    ListingFactory(title_da="Damp", title_en="", description_en="", kind=Kind.WANT)

    titles = {entry.title for entry in read_feed(client, name, "da")[1].entries}
    assert "Tilbud: Spare steam (på engelsk)" in titles
    assert "Efterspørgsel: Damp" in titles
    titles = {entry.title for entry in read_feed(client, name, "en")[1].entries}
    assert "Want: Damp (in Danish)" in titles
    assert "Offer: Spare steam" in titles


def test_the_feed_holds_the_newest_thirty_newest_first(client):
    now = timezone.now()
    for day in range(FEED_LENGTH + 2):
        ListingFactory(title_en=f"Day {day}", published_at=now - timedelta(days=day))

    titles = [e.title for e in read_feed(client, FEEDS[0], "en")[1].entries]

    assert titles == [f"Offer: Day {day}" for day in range(FEED_LENGTH)]


@pytest.mark.parametrize("name", FEEDS)
def test_a_feed_costs_the_same_queries_for_3_and_30_listings(
    client, django_assert_max_num_queries, name
):
    ListingFactory.create_batch(3)
    with django_assert_max_num_queries(1):
        read_feed(client, name, "da")
    ListingFactory.create_batch(27, visibility=Visibility.ANONYMOUS)
    with django_assert_max_num_queries(1):
        _response, feed = read_feed(client, name, "da")
    assert len(feed.entries) == 30


# -- Open data -----------------------------------------------------------------------


def test_the_listings_dataset_comes_after_the_flows_apps():
    assert list(DATASETS) == ["partners", "flows", "figures", "sites", "listings"]
    assert DATASETS["listings"].formats == ("csv", "json")


def test_the_json_holds_both_languages_and_the_public_facts(client, named):
    ListingFactory(status=Status.DRAFT)
    ListingFactory(visibility=Visibility.SECRETARIAT)

    (record,) = json_records(download(client, "json"))

    assert record == {
        "id": named.pk,
        "kind": "offer",
        "offer_type": "heat",
        "title_da": "Overskudsvarme",
        "title_en": "Surplus heat",
        "description_da": named.description_da,
        "description_en": named.description_en,
        "category": "energy",
        "ewc_code": "03 01 05",
        "ewc_title_da": record["ewc_title_da"],
        "ewc_title_en": record["ewc_title_en"],
        "nace_code": "35.30",
        "nace_title_da": "Fjernvarmeforsyning",
        "nace_title_en": "Steam and air conditioning supply",
        "quantity": 1500,
        "unit": "MWh",
        "per": "month",
        "quantity_per_year": 18000,
        "place": "Kalundborg",
        "latitude": Decimal("55.66001"),
        "longitude": Decimal("11.10002"),
        "available_from": None,
        "available_until": None,
        "organisation_da": "Åben Energi A/S",
        "organisation_en": "Åben Energi A/S",
        "organisation_url_da": "http://testserver/da/partnere/aaben-energi/",
        "organisation_url_en": "http://testserver/en/partners/aaben-energi/",
        "published": timezone.localdate(named.published_at).isoformat(),
        "url_da": "http://testserver" + url("listings:detail", "da", pk=named.pk),
        "url_en": "http://testserver" + url("listings:detail", "en", pk=named.pk),
    }
    assert record["ewc_title_en"].startswith("Sawdust, shavings")
    assert record["ewc_title_da"].startswith("Savsmuld")
    assert "ole@" not in str(record) and "Ole Åben" not in str(record)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_csv_is_in_the_pages_language(client, named, language):
    (record,) = csv_records(download(client, "csv", language))

    expected = {
        "da": {"Titel": "Overskudsvarme", "Kategori": "Energi", "Kommune": "Kalundborg"},
        "en": {"Title": "Surplus heat", "Category": "Energy", "Municipality": "Kalundborg"},
    }[language]
    assert expected.items() <= record.items()
    assert "Åben Energi A/S" in record.values()


def test_a_listing_in_english_alone_keeps_its_english_in_the_danish_csv(client):
    ListingFactory(title_da="", title_en="Spare steam", description_da="", language="en")

    (record,) = csv_records(download(client, "csv", "da"))
    (json_record,) = json_records(download(client, "json"))

    assert record["Titel"] == "Spare steam"
    assert json_record["title_da"] is None
    assert json_record["title_en"] == "Spare steam"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_open_data_file_costs_one_query_for_3_and_30_listings(
    client, django_assert_max_num_queries, fmt
):
    ListingFactory.create_batch(3)
    with django_assert_max_num_queries(1):
        download(client, fmt)
    ListingFactory.create_batch(27, visibility=Visibility.ANONYMOUS)
    with django_assert_max_num_queries(1):
        response = download(client, fmt)
    records = csv_records(response) if fmt == "csv" else json_records(response)
    assert len(records) == 30


def test_an_open_data_file_stays_byte_identical_while_the_data_do(client, secret, named):
    first = download(client, "json").content
    again = download(client, "json").content

    assert first == again


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_open_data_page_documents_the_listings(client, language):
    ListingFactory()

    page = soup(client.get(url("exchanges:open-data", language)))

    section = page.select_one("section#listings")
    keys = [" ".join(th.get_text(" ").split()) for th in section.select("tbody th")]
    assert keys == [" ".join(f.json_keys()) for f in DATASETS["listings"].fields]
    assert "organisation_url_da organisation_url_en" in keys
    heading = {"da": "Opslag på sidestrømsbørsen", "en": "Side-stream listings"}[language]
    assert section.h2.get_text(strip=True) == heading
    links = [a["href"] for a in section.select(".downloads a")]
    assert links == [
        url("exchanges:download", language, dataset="listings", fmt=f) for f in ("csv", "json")
    ]


# -- Search ------------------------------------------------------------------------


def test_published_listings_are_found_in_both_languages(client, named):
    ListingFactory(title_da="Hemmeligt udkast", status=Status.DRAFT)

    danish = soup(search(client, "da", "overskudsvarme"))
    english = soup(search(client, "en", "surplus heat"))

    assert "Overskudsvarme" in hit_titles(danish)
    assert "Surplus heat" in hit_titles(english)
    assert "Hemmeligt udkast" not in text_of(search(client, "da", "udkast"))


def test_an_entry_is_public_only_while_its_listing_is():
    listing = ListingFactory(status=Status.REVIEW)
    entry = SearchEntry.objects.get(kind="listing", object_id=listing.pk)
    assert not entry.is_public

    listing.status = Status.PUBLISHED
    listing.save()
    entry.refresh_from_db()
    assert entry.is_public

    listing.visibility = Visibility.SECRETARIAT
    listing.save()
    entry.refresh_from_db()
    assert not entry.is_public


def test_renaming_the_organisation_reindexes_its_listings(named):
    organisation = named.organisation
    organisation.name = "Ny Energi A/S"
    organisation.save()

    entry = SearchEntry.objects.get(kind="listing", object_id=named.pk)
    assert "Ny Energi A/S" in entry.text_da
    assert "Åben Energi" not in entry.text_da + entry.text_en


# -- Sitemap ------------------------------------------------------------------------


def test_the_sitemap_lists_the_exchanges_pages_and_published_listings(client, named):
    draft = ListingFactory(status=Status.DRAFT)
    hidden = ListingFactory(visibility=Visibility.SECRETARIAT)

    xml = client.get("/sitemap-listings.xml").content.decode()

    for language in LANGUAGES:
        for path in (
            url("listings:list", language),
            url("listings:results", language),
            url("listings:detail", language, pk=named.pk),
        ):
            assert f"<loc>http://testserver{path}</loc>" in xml, path
        for path in (
            url("listings:post", language),
            url("listings:post-sent", language),
            url("listings:detail", language, pk=draft.pk),
            url("listings:detail", language, pk=hidden.pk),
        ):
            assert f"http://testserver{path}<" not in xml, path
    assert "http://testserver/sitemap-listings.xml" in client.get("/sitemap.xml").content.decode()


# -- Anonymity, everywhere a listing appears ----------------------------------------------


def places_a_listing_appears(client, listing):
    """(where, text) of every feed, file, search answer and sitemap that lists it."""
    found = []
    for language in LANGUAGES:
        for name in FEEDS:
            found.append((f"{name} {language}", client.get(url(name, language)).content.decode()))
        found.append((f"CSV {language}", download(client, "csv", language).content.decode()))
        words = {"da": "træflis", "en": "wood chips"}[language]
        found.append((f"search {language}", search(client, language, words).content.decode()))
    found.append(("JSON", download(client, "json").content.decode()))
    entry = SearchEntry.objects.get(kind="listing", object_id=listing.pk)
    found.append(
        (
            "search index",
            " ".join(str(getattr(entry, f.attname)) for f in entry._meta.concrete_fields),
        )
    )
    return found


def test_an_anonymous_listing_shows_only_the_kind_of_organisation_and_its_municipality(
    client, secret
):
    for where, text in places_a_listing_appears(client, secret):
        assert_nothing_secret(text, where)
        language = "en" if where.endswith("en") else "da"
        if where in ("JSON", "search index"):
            assert SOMEONE["da"] in text and SOMEONE["en"] in text, where
        else:
            assert SOMEONE[language] in text, where
    sitemap = client.get("/sitemap-listings.xml").content.decode()
    assert_nothing_secret(sitemap, "sitemap")
    assert url("listings:detail", "da", pk=secret.pk) in sitemap


def test_an_anonymous_listing_is_at_its_municipalitys_centre_with_no_link_to_its_organisation(
    client, secret
):
    (record,) = json_records(download(client, "json"))
    (row,) = csv_records(download(client, "csv", "en"))

    assert (record["latitude"], record["longitude"]) == HOLBAEK
    assert record["place"] == "Holbæk"
    assert record["organisation_url_da"] is None is record["organisation_url_en"]
    assert (record["organisation_da"], record["organisation_en"]) == (SOMEONE["da"], SOMEONE["en"])
    assert (row["Latitude"], row["Longitude"], row["Organisation's page"]) == (
        "55.714",
        "11.717",
        "",
    )
    assert row["Organisation"] == SOMEONE["en"]


def test_searching_for_the_organisations_name_does_not_find_its_anonymous_listing(client, secret):
    for language in LANGUAGES:
        response = search(client, language, "Hemmelig")
        assert secret.get_absolute_url_in(language) not in response.content.decode()
        assert "Træflis" not in text_of(response)


def test_a_public_listing_names_its_organisation_everywhere(client, named):
    named.title_da, named.title_en = "Træflis til salg", "Wood chips for sale"
    named.save()
    for where, text in places_a_listing_appears(client, named):
        assert "Åben Energi A/S" in text, where
        assert "ole@aaben-energi" not in text and "Ole Åben" not in text, where
