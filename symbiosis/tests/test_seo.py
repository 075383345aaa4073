"""Being found and shared (symbiosis/seo.py): sitemap.xml, robots.txt, previews, JSON-LD."""

import datetime
import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from lxml import etree

from exchanges.models import Flow
from listings.models import Listing
from news.events import public_speakers
from news.models import Article, Event
from news.tests.factories_articles import ArticleFactory
from news.tests.factories_events import EventFactory, SessionFactory, SpeakerFactory
from pages.models import Page
from partners.models import Partner, Person
from partners.tests.factories import PartnerFactory, PersonFactory
from projects.models import Project
from symbiosis.seo import DESCRIPTION_LENGTH, json_ld_text, meta_description, shorten
from tests.html import soup
from tests.pages import LANGUAGES, public_paths, public_url_names

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
XHTML = "{http://www.w3.org/1999/xhtml}link"

# Every published object of each kind of detail page in tests/pages.py.
DETAIL_PAGES = {
    "partners:detail": lambda: Partner.objects.published(),
    "exchanges:flow": lambda: Flow.objects.published(),
    "news:article": lambda: Article.objects.published(),
    "news:event": lambda: Event.objects.published(),
    "news:speaker": lambda: public_speakers(),
    "projects:detail": lambda: Project.objects.published(),
    "pages:detail": lambda: Page.objects.published(),
    "listings:detail": lambda: Listing.objects.published(),
}
# Search results are pages for visitors, not for an index (search engines ask sites
# to keep them out): not in the sitemap.
# The search results, and the forms' "thank you" pages (noindex: nothing to find there).
SENT_PAGES = (
    "enquiries:contact-sent",
    "enquiries:visit-sent",
    "enquiries:apply-sent",
    "listings:post-sent",
)
# The form to post a listing is for the organisations that trade, reached from the
# exchange's pages: nothing on it for a search engine to send anyone to.
UNLISTED_FORMS = ("listings:post",)
# The workspace is never in the sitemap (its sign-in page is public but for partners only).
UNLISTED_FORMS += ("workspace:login",)
NOT_IN_SITEMAP = ("search:", *SENT_PAGES, *UNLISTED_FORMS)


@cache
def schema(name):
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def fetch(client, path):
    """GET `path` and read the whole answer: a file response (media, static) is closed by
    the test client once read, as a server would (closing it by hand would also close
    the database connection)."""
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def read_sitemap(client):
    """(index document, {section URL: section document}), each checked against its schema."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    index = etree.fromstring(response.content)
    schema("siteindex.xsd").assertValid(index)
    sections = {}
    for loc in index.iterfind("s:sitemap/s:loc", SITEMAP_NS):
        section = client.get(path_of(loc.text))
        assert section.status_code == 200, loc.text
        document = etree.fromstring(section.content)
        schema("sitemap-with-xhtml.xsd").assertValid(document)
        sections[loc.text] = document
    return index, sections


def sitemap_urls(client):
    """{loc: {hreflang: href}} of every <url> in every section."""
    _index, sections = read_sitemap(client)
    urls = {}
    for document in sections.values():
        for url in document.iterfind("s:url", SITEMAP_NS):
            loc = url.findtext("s:loc", namespaces=SITEMAP_NS)
            assert loc not in urls, f"{loc} is listed twice"
            urls[loc] = {link.get("hreflang"): link.get("href") for link in url.iter(XHTML)}
    return urls


def expected_paths():
    """Every public page of tests/pages.py, with every published object of each kind of
    detail page, in both languages."""
    paths = set()
    for language in LANGUAGES:
        with translation.override(language):
            for name, kwargs in public_url_names():
                if name.startswith(NOT_IN_SITEMAP):
                    continue
                if name in DETAIL_PAGES:
                    paths |= {obj.get_absolute_url() for obj in DETAIL_PAGES[name]()}
                else:
                    paths.add(reverse(name, kwargs=kwargs))
    return paths


# The sitemap


def test_the_sitemap_validates_against_the_sitemaps_org_schema(client, demo):
    index, sections = read_sitemap(client)
    assert len(sections) == len(index.findall("s:sitemap", SITEMAP_NS)) >= 8
    assert all(loc.startswith("http://testserver/sitemap-") for loc in sections)


def test_the_schema_refuses_a_sitemap_that_is_not_valid():
    """The check is real: a <url> without <loc>, or a link without hreflang, fails."""
    broken = [
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
        b"<lastmod>2024-01-01</lastmod></url></urlset>",
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://example.org/da/</loc>'
        b'<xhtml:link rel="alternate" href="https://example.org/en/"/></url></urlset>',
    ]
    for document in broken:
        assert not schema("sitemap-with-xhtml.xsd").validate(etree.fromstring(document))


def test_the_sitemap_lists_every_public_page_in_both_languages(client, demo):
    listed = {path_of(loc) for loc in sitemap_urls(client)}
    assert listed == expected_paths()
    # …which includes every page the project-wide guards walk, but the search results
    # (search engines ask sites not to list those).
    unlisted = set()
    for language in LANGUAGES:
        with translation.override(language):
            unlisted |= {reverse(name) for name in ("search:results", *SENT_PAGES, *UNLISTED_FORMS)}
    guarded = {path for _language, path in public_paths()}
    assert guarded - listed == unlisted
    assert {path.split("/")[1] for path in listed} == {"da", "en"}


@pytest.mark.slow
def test_every_page_and_alternate_in_the_sitemap_answers(client, demo):
    urls = sitemap_urls(client)
    addresses = set(urls) | {href for links in urls.values() for href in links.values()}
    for address in sorted(addresses):
        assert address.startswith("http://testserver/")
        assert fetch(client, path_of(address)).status_code == 200, address


def test_each_page_names_its_twin_and_the_danish_page_as_x_default(client, demo):
    urls = sitemap_urls(client)
    partner = Partner.objects.published().first()
    danish = f"http://testserver/da/partnere/{partner.slug}/"
    english = f"http://testserver/en/partners/{partner.slug}/"
    expected = {"da": danish, "en": english, "x-default": danish}
    assert urls[danish] == urls[english] == expected
    for loc, links in urls.items():
        assert set(links) == {"da", "en", "x-default"}, loc
        assert links["x-default"] == links["da"]
        assert loc in (links["da"], links["en"])


def test_the_sitemap_gives_lastmod_from_the_objects(client):
    partner = PartnerFactory(slug="kalundborg-forsyning")
    moment = datetime.datetime(2023, 5, 4, 12, tzinfo=datetime.UTC)
    Partner.objects.filter(pk=partner.pk).update(updated=moment)
    document = etree.fromstring(client.get("/sitemap-partners.xml").content)
    lastmods = {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for url in document.iterfind("s:url", SITEMAP_NS)
    }
    assert lastmods["http://testserver/da/partnere/kalundborg-forsyning/"] == "2023-05-04"
    assert lastmods["http://testserver/da/partnere/"] is None  # a list has no date of its own
    index = etree.fromstring(client.get("/sitemap.xml").content)
    section = index.xpath(
        "s:sitemap[s:loc='http://testserver/sitemap-partners.xml']/s:lastmod/text()",
        namespaces=SITEMAP_NS,
    )
    assert datetime.datetime.fromisoformat(section[0]) == moment


def test_the_sitemap_leaves_out_what_is_not_published(client):
    PartnerFactory(slug="synlig")
    PartnerFactory(slug="skjult", is_public=False)
    ArticleFactory(slug="udkast", draft=True)
    ArticleFactory(slug="planlagt", scheduled=True)
    ArticleFactory(slug="ude")
    EventFactory(slug="privat", is_public=False)
    Page.objects.create(slug="kladde", title_da="Kladde", status=Page.Status.DRAFT)
    listed = {path_of(loc) for loc in sitemap_urls(client)}
    assert "/da/partnere/synlig/" in listed and "/da/nyheder/ude/" in listed
    for hidden in ("skjult", "udkast", "planlagt", "privat", "kladde"):
        assert not [path for path in listed if f"/{hidden}/" in path], hidden


def test_the_sitemap_uses_site_url_when_set(client, settings):
    settings.SITE_URL = "https://symbiosis.example.org"
    PartnerFactory(slug="novo")
    index = etree.fromstring(client.get("/sitemap.xml").content)
    assert {loc.text for loc in index.iterfind("s:sitemap/s:loc", SITEMAP_NS)} >= {
        "https://symbiosis.example.org/sitemap-partners.xml"
    }
    urls = sitemap_urls(client)
    assert "https://symbiosis.example.org/en/partners/novo/" in urls
    assert all(
        href.startswith("https://symbiosis.example.org/")
        for links in urls.values()
        for href in links.values()
    )


@pytest.mark.parametrize(
    "path", ["/sitemap-nothing.xml", "/sitemap-partners.xml?p=abc", "/sitemap-partners.xml?p=9"]
)
def test_an_unknown_section_or_page_of_the_sitemap_is_not_found(client, path):
    PartnerFactory()
    assert client.get(path).status_code == 404


def test_the_sitemap_is_cached_like_pages_and_dropped_when_content_changes(
    client, settings, django_assert_num_queries
):
    settings.CACHE_PAGES_SECONDS = 60
    PartnerFactory(slug="foerst")
    client.get("/sitemap-partners.xml")
    with django_assert_num_queries(0):
        cached = client.get("/sitemap-partners.xml")
    assert b"/da/partnere/foerst/" in cached.content
    PartnerFactory(slug="siden")  # saving content drops every cached page
    assert b"/da/partnere/siden/" in client.get("/sitemap-partners.xml").content


@pytest.mark.parametrize("path", ["/sitemap.xml", "/sitemap-partners.xml", "/sitemap-flows.xml"])
def test_a_hundred_requests_with_made_up_query_strings_get_one_kept_sitemap(
    client, settings, django_assert_num_queries, path
):
    from django.core.cache import cache

    # The page cache keeps nothing over 4 MB, as a section of thousands of flows is.
    settings.CACHE_PAGES_SECONDS = 0
    PartnerFactory(slug="foerst")
    first = client.get(path)
    entries = len(cache._cache)

    with django_assert_num_queries(0):
        answers = [client.get(f"{path}?x={n}&p=1&utm_source={n}") for n in range(100)]

    assert {answer.status_code for answer in answers} == {200}
    assert {answer["ETag"] for answer in answers} == {first["ETag"]}
    assert all(answer.content == first.content for answer in answers)
    assert len(cache._cache) == entries


def test_a_kept_sitemap_section_changes_when_content_is_saved(client, settings):
    settings.CACHE_PAGES_SECONDS = 0
    PartnerFactory(slug="foerst")
    before = client.get("/sitemap-partners.xml")

    PartnerFactory(slug="siden")
    after = client.get("/sitemap-partners.xml", headers={"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert b"/da/partnere/siden/" in after.content
    assert after["X-Robots-Tag"].startswith("noindex")


@pytest.mark.parametrize("count", [1, 20])
def test_a_sitemap_section_runs_a_constant_number_of_queries(
    client, django_assert_num_queries, count
):
    ArticleFactory.create_batch(count)
    for _ in range(count):  # each with its own event
        SessionFactory(speakers=[SpeakerFactory()])
    # articles, events, speakers
    with django_assert_num_queries(3):
        response = client.get("/sitemap-news.xml")
    document = etree.fromstring(response.content)
    # (3 lists + each article, event and speaker) × 2 languages
    assert len(document.findall("s:url", SITEMAP_NS)) == (3 + 3 * count) * 2


def test_the_sitemap_and_its_sections_are_not_themselves_indexed(client):
    assert client.get("/sitemap.xml")["X-Robots-Tag"].startswith("noindex")
    assert client.get("/sitemap-home.xml")["X-Robots-Tag"].startswith("noindex")


# robots.txt


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    searches = []
    for language in LANGUAGES:  # /da/soeg/, /en/search/
        with translation.override(language):
            searches.append(reverse("search:results"))
    rules = ["/admin/", "/i18n/", "/healthz", *searches]
    for rule in (f"Disallow: {path}" for path in rules):
        assert rule in lines
    # Upload originals may carry camera and GPS data; pages and previews use renditions.
    assert "Disallow: /media/" in lines and "Allow: /media/renditions/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not [line for line in lines if line in ("Disallow: /", "Disallow: /da/")]


def test_robots_txt_names_the_sitemap_at_site_url(client, settings):
    settings.SITE_URL = "https://symbiosis.example.org"
    assert (
        b"Sitemap: https://symbiosis.example.org/sitemap.xml\n" in client.get("/robots.txt").content
    )


def test_robots_txt_for_a_host_we_do_not_serve_is_a_bad_request(client):
    assert client.get("/robots.txt", HTTP_HOST="evil.example").status_code == 400


# Share previews (Open Graph, Twitter card) and the description


def meta(page, key):
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


@pytest.mark.slow
def test_every_public_page_has_a_complete_share_preview(client, demo):
    for language, path in public_paths():
        page = soup(client.get(path))
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical == f"http://testserver{path}", path
        assert meta(page, "og:url") == canonical, path
        assert meta(page, "og:title") and meta(page, "og:title") in page.title.string, path
        assert meta(page, "og:description") == meta(page, "description"), path
        assert 0 < len(meta(page, "description")) <= DESCRIPTION_LENGTH + 40, path
        assert meta(page, "og:site_name") == "Kalundborg Symbiose"
        assert meta(page, "og:locale") == {"da": "da_DK", "en": "en_GB"}[language], path
        assert meta(page, "og:locale:alternate") == {"da": "en_GB", "en": "da_DK"}[language]
        assert meta(page, "og:image").startswith("http://testserver/"), path
        assert int(meta(page, "og:image:width")) > 0 and int(meta(page, "og:image:height")) > 0
        assert meta(page, "og:image:alt"), path
        assert meta(page, "twitter:card") == "summary_large_image"
        assert meta(page, "twitter:title") == meta(page, "og:title")
        assert meta(page, "twitter:image") == meta(page, "og:image")


def test_an_english_page_says_so_to_facebook(client):
    PartnerFactory(slug="equinor")
    page = soup(client.get("/en/partners/equinor/"))
    assert meta(page, "og:locale") == "en_GB"
    assert meta(page, "og:url") == "http://testserver/en/partners/equinor/"
    assert meta(page, "og:description") == "Partner 0 shares steam with its neighbours." or (
        meta(page, "og:description").endswith("shares steam with its neighbours.")
    )


def test_an_article_with_a_lead_image_is_shared_with_it(client):
    article = ArticleFactory(slug="med-billede", with_image=True)
    page = soup(client.get("/en/news/med-billede/"))
    image = meta(page, "og:image")
    assert image.startswith("http://testserver/media/renditions/news/")
    assert image.endswith((".jpg", ".png"))  # not WebP: every preview service reads these
    assert fetch(client, path_of(image)).status_code == 200
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("160", "90")
    assert meta(page, "og:image:alt") == article.image_alt_en == meta(page, "twitter:image:alt")
    assert meta(page, "og:type") == "article"
    assert meta(page, "article:published_time") == article.first_published.isoformat()


def test_a_page_without_an_image_is_shared_with_the_default_card(client):
    ArticleFactory(slug="uden-billede")
    page = soup(client.get("/da/nyheder/uden-billede/"))
    card = f"http://testserver{static('img/share-card.png')}"
    assert meta(page, "og:image") == card == meta(page, "twitter:image")
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert fetch(client, static("img/share-card.png")).status_code == 200


def test_a_partner_is_shared_with_its_logo(client, demo):
    partner = Partner.objects.published().exclude(logo="").first()
    page = soup(client.get(f"/en/partners/{partner.slug}/"))
    assert meta(page, "og:image").startswith("http://testserver/media/renditions/partners/")
    assert meta(page, "og:image:alt") == f"Logo of {partner.name}"


def test_a_speaker_page_is_a_profile(client):
    SessionFactory(speakers=[SpeakerFactory(slug="ida")])
    page = soup(client.get("/en/speakers/ida/"))
    assert meta(page, "og:type") == "profile"
    assert meta(page, "description") == "Researches industrial ecology."


def test_the_description_is_the_lead_cut_at_a_word(client):
    lead = "Overskudsdamp fra kraftværket varmer byen op. " * 10
    ArticleFactory(slug="lang", lead_da=lead)
    description = meta(soup(client.get("/da/nyheder/lang/")), "description")
    assert len(description) <= DESCRIPTION_LENGTH
    assert description.endswith("…")
    assert lead.startswith(description[:-1])
    assert description[:-1].endswith(("op", "varmer", "byen", "kraftværket", "fra"))


def test_meta_description_reads_rich_text_as_a_visitor_would():
    assert meta_description("<p>Damp &amp; <strong>vand</strong></p>\n<p>til byen</p>") == (
        "Damp & vand til byen"
    )
    assert meta_description("") == ""
    assert shorten("ord " * 100, 20) == "ord ord ord ord ord…"
    assert shorten("ordene " * 10, 20) == "ordene ordene…"
    assert shorten("a < b", 20) == "a < b"  # plain text keeps what looks like a tag


def test_an_error_page_has_no_canonical_nor_og_url(client):
    page = soup(client.get("/da/findes-ikke/"))
    assert page.find("link", rel="canonical") is None
    assert meta(page, "og:url") is None
    assert meta(page, "og:title")  # still a readable preview


def test_a_cached_page_carries_the_addresses_of_the_host_it_was_asked_on(client, settings):
    settings.CACHE_PAGES_SECONDS = 60
    PartnerFactory(slug="vaerket")
    first = soup(client.get("/da/partnere/vaerket/", HTTP_HOST="localhost"))
    second = soup(client.get("/da/partnere/vaerket/", HTTP_HOST="127.0.0.1"))
    assert meta(first, "og:url") == "http://localhost/da/partnere/vaerket/"
    assert meta(second, "og:url") == "http://127.0.0.1/da/partnere/vaerket/"


# schema.org JSON-LD


def json_ld(response):
    blocks = soup(response).find_all("script", type="application/ld+json")
    return [json.loads(block.string) for block in blocks]


def test_an_article_is_a_news_article(client):
    article = ArticleFactory(slug="damp", with_image=True)
    (data,) = json_ld(client.get("/en/news/damp/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title_en
    assert data["description"] == article.lead_en
    assert data["url"] == data["mainEntityOfPage"] == "http://testserver/en/news/damp/"
    published = datetime.datetime.fromisoformat(data["datePublished"])
    assert published == article.publish_at
    modified = datetime.datetime.fromisoformat(data["dateModified"])
    assert modified == article.updated.replace(microsecond=modified.microsecond)
    assert published.utcoffset() is not None
    assert data["inLanguage"] == "en"
    assert data["image"][0].startswith("http://testserver/media/renditions/news/")
    assert data["author"]["name"] == data["publisher"]["name"] == "Kalundborg Symbiose"
    assert data["publisher"]["logo"] == f"http://testserver{static('img/logo.png')}"


def test_an_article_only_in_danish_says_its_language_is_danish(client):
    ArticleFactory(slug="kun-dansk", title_en="", lead_en="", body_en="")
    (data,) = json_ld(client.get("/en/news/kun-dansk/"))
    assert data["inLanguage"] == "da"


def test_an_event_is_an_event_with_place_and_dates(client):
    partner = PartnerFactory(name="Novo Nordisk", slug="novo-nordisk")
    event = EventFactory(slug="aarsmoede", venue="Helix Lab", address="Kalundborg Hallerne")
    SessionFactory(event=event, speakers=[SpeakerFactory(name="Ida Holm", partner=partner)])
    (data,) = json_ld(client.get("/en/events/aarsmoede/"))
    assert data["@type"] == "Event"
    assert data["name"] == event.title_en
    assert data["url"] == "http://testserver/en/events/aarsmoede/"
    start = datetime.datetime.fromisoformat(data["startDate"])
    end = datetime.datetime.fromisoformat(data["endDate"])
    assert (start, end) == (event.start, event.end)
    assert (
        start.utcoffset()
        == timezone.localtime(event.start, timezone.get_default_timezone()).utcoffset()
    )
    assert data["location"] == {
        "@type": "Place",
        "name": "Helix Lab",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Kalundborg Hallerne",
            "addressCountry": "DK",
        },
    }
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["organizer"]["name"] == "Kalundborg Symbiose"
    assert data["description"] == "A day about industrial symbiosis."
    assert data["inLanguage"] == ["da", "en"]
    assert [p["name"] for p in data["performer"]] == ["Ida Holm"]
    assert data["image"] == [f"http://testserver{static('img/share-card.png')}"]


def test_a_webinar_takes_place_online(client):
    EventFactory(slug="webinar", kind=Event.Kind.WEBINAR, registration_url="https://example.org/")
    (data,) = json_ld(client.get("/da/arrangementer/webinar/"))
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/"}


def test_a_partner_is_an_organization_and_a_member_of_the_partnership(client):
    PartnerFactory(
        name="Kalundborg Forsyning",
        slug="forsyning",
        website="https://www.kalfor.dk/",
        street="Dokhavnsvej 1",
        postcode="4400",
        town="Kalundborg",
    )
    (data,) = json_ld(client.get("/da/partnere/forsyning/"))
    assert data["@type"] == "Organization"
    assert data["name"] == "Kalundborg Forsyning"
    assert data["url"] == "http://testserver/da/partnere/forsyning/"
    assert data["sameAs"] == ["https://www.kalfor.dk/"]
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Dokhavnsvej 1",
        "postalCode": "4400",
        "addressLocality": "Kalundborg",
        "addressCountry": "DK",
    }
    assert data["memberOf"]["name"] == "Kalundborg Symbiose"
    assert data["memberOf"]["url"] == "http://testserver/da/"
    assert data["memberOf"]["@id"] == "http://testserver/da/#organization"
    assert "logo" not in data  # none uploaded


def test_a_former_member_is_not_a_member(client):
    PartnerFactory(slug="tidligere", membership=Partner.Membership.FORMER)
    (data,) = json_ld(client.get("/da/partnere/tidligere/"))
    assert "memberOf" not in data


def test_a_partner_with_a_logo_gives_it(client, demo):
    partner = Partner.objects.published().exclude(logo="").first()
    (data,) = json_ld(client.get(f"/da/partnere/{partner.slug}/"))
    assert data["logo"].startswith("http://testserver/media/renditions/partners/")


def test_the_front_page_describes_the_partnership_with_its_press_contacts(client, demo):
    (data,) = json_ld(client.get("/en/"))
    assert data["@type"] == "Organization"
    assert data["name"] == "Kalundborg Symbiose"
    assert data["url"] == "http://testserver/en/"
    assert data["@id"] == "http://testserver/da/#organization"  # the same in both languages
    assert data["address"]["addressLocality"] == "Kalundborg"
    contacts = Person.objects.press_contacts()
    assert contacts
    assert [point["name"] for point in data["contactPoint"]] == [p.name for p in contacts]
    assert {point["@type"] for point in data["contactPoint"]} == {"ContactPoint"}
    assert {point["contactType"] for point in data["contactPoint"]} == {"press"}
    assert data["contactPoint"][0]["email"] == contacts[0].email


def test_a_hidden_press_contact_is_not_given(client):
    PersonFactory(name="Synlig Presse", is_press_contact=True)
    PersonFactory(name="Skjult Presse", is_press_contact=True, is_public=False)
    (data,) = json_ld(client.get("/da/"))
    assert [point["name"] for point in data["contactPoint"]] == ["Synlig Presse"]


def test_no_text_can_end_the_json_ld_block(client):
    title = '</script><script>alert("x")</script> & <!-- Ørsted'
    ArticleFactory(slug="farlig", title_da=title)
    response = client.get("/da/nyheder/farlig/")
    html = response.content.decode()
    head = html[: html.index("</head>")]
    block = head[head.index('<script type="application/ld+json">') :]
    block = block[: block.index("</script>")]
    assert "<" not in block[1:] and ">" not in block.split(">", 1)[1] and "&" not in block
    (data,) = json_ld(response)
    assert data["headline"] == title


def test_json_ld_text_escapes_what_could_close_the_script():
    text = json_ld_text({"a": "</script>&<!--", "b": "\u2028"})
    assert text == '{"a":"\\u003c/script\\u003e\\u0026\\u003c!--","b":"\\u2028"}'
    assert json.loads(text) == {"a": "</script>&<!--", "b": "\u2028"}


def test_pages_without_structured_data_of_their_own_carry_none(client):
    PartnerFactory()
    assert json_ld(client.get("/da/partnere/")) == []
