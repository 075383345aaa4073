import gzip
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from partners.tests.factories import PartnerFactory
from tests.html import soup, text_of
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("da-DK,da;q=0.9", "/da/"), ("en-GB,en;q=0.8", "/en/"), ("de-DE", "/da/"), ("", "/da/")],
)
def test_root_sends_visitor_to_browser_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_home_tells_what_the_symbiosis_is_in_danish(client):
    PartnerFactory(name="Novo Nordisk", slug="novo-nordisk")
    response = client.get("/da/")
    page = soup(response)
    assert page.html["lang"] == "da"
    assert page.h1.get_text(strip=True) == "Én virksomheds overskud er en andens ressource"
    assert "1 medlem deltager i Symbiosen i dag." in text_of(response)
    assert page.find("a", string="Novo Nordisk") is None  # logo wall shows logos or names
    assert page.select_one(".logo-wall a")["href"] == "/da/partnere/novo-nordisk/"


def test_home_in_english(client):
    PartnerFactory.create_batch(3)
    response = client.get("/en/")
    page = soup(response)
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "One company's surplus is another's resource"
    assert "3 members take part in the symbiosis today." in text_of(response)


def test_home_leaves_hidden_and_former_partners_out(client):
    PartnerFactory(name="Shown", slug="shown")
    PartnerFactory(name="Hidden", slug="hidden", is_public=False)
    PartnerFactory(name="Gone", slug="gone", membership="former")
    links = [a["href"] for a in soup(client.get("/en/")).select(".logo-wall a")]
    assert links == ["/en/partners/shown/"]


def test_every_page_links_its_twin_and_declares_alternates(client):
    PartnerFactory(name="Ørsted", slug="orsted")
    page = soup(client.get("/en/partners/orsted/"))
    switch = page.select_one("nav.language-switch a")
    assert switch["href"] == "/da/partnere/orsted/"
    assert switch["hreflang"] == "da"
    assert switch.get_text(strip=True) == "Dansk"
    alternates = {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "da": "http://testserver/da/partnere/orsted/",
        "en": "http://testserver/en/partners/orsted/",
        "x-default": "http://testserver/da/partnere/orsted/",
    }
    assert page.select_one('link[rel="canonical"]')["href"] == (
        "http://testserver/en/partners/orsted/"
    )


def test_canonical_uses_site_url_when_set(client, settings):
    settings.SITE_URL = "https://symbiosis.example.org"
    page = soup(client.get("/da/"))
    assert page.select_one('link[rel="canonical"]')["href"] == "https://symbiosis.example.org/da/"


def test_current_page_is_marked_in_navigation(client):
    page = soup(client.get("/da/partnere/"))
    current = page.select('nav.main-nav [aria-current="page"]')
    assert [a.get_text(strip=True) for a in current] == ["Partnere"]


@pytest.mark.parametrize(
    ("path", "heading", "lang"),
    [
        ("/da/findes-ikke/", "Vi kunne ikke finde siden", "da"),
        ("/en/does-not-exist/", "We could not find that page", "en"),
        ("/en/partners/no-such-partner/", "We could not find that page", "en"),
    ],
)
def test_not_found_is_friendly_in_the_visitors_language(client, path, heading, lang):
    response = client.get(path)
    page = soup(response)
    assert response.status_code == 404
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == heading
    # The twin link leads somewhere real: the other language's front page.
    other = "en" if lang == "da" else "da"
    assert page.select_one("nav.language-switch a")["href"] == f"/{other}/"


def test_healthz_answers_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_anonymous_pages_do_not_vary_on_cookie(client):
    response = client.get("/da/")
    assert "Cookie" not in response.get("Vary", "")
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("count", [1, 40])
def test_home_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    PartnerFactory.create_batch(count)
    # partners, figures, latest articles, diagram flows, press contacts (the partnership's
    # ContactPoints in its JSON-LD, symbiosis/seo.py)
    with django_assert_num_queries(5 + NAVIGATION):
        response = client.get(reverse("home"))
    assert len(soup(response).select(".logo-wall li")) == count


def test_reverse_follows_active_language():
    with translation.override("en"):
        assert reverse("partners:list") == "/en/partners/"
    with translation.override("da"):
        assert reverse("partners:list") == "/da/partnere/"


def test_uploaded_files_are_served_from_media_root(client, settings):
    (settings.MEDIA_ROOT / "press").mkdir(parents=True)
    (settings.MEDIA_ROOT / "press" / "note.txt").write_bytes(b"hello")
    response = client.get("/media/press/note.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"hello"


PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
    b"5\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
MEDIA_CSP = "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'none'"


def drop_in_media(settings, name, content):
    """A file put in MEDIA_ROOT as an upload (or by someone with access to the folder)."""
    target = settings.MEDIA_ROOT / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return target


def test_an_uploaded_image_is_shown_inline_with_its_type_and_a_locked_down_policy(client, settings):
    drop_in_media(settings, "press/logo.png", PNG_1PX)
    response = client.get("/media/press/logo.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG_1PX
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="logo.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == MEDIA_CSP


def test_an_uploaded_pdf_is_a_download(client, settings):
    drop_in_media(settings, "press/design-manual.pdf", b"%PDF-1.7\n%%EOF\n")
    response = client.get("/media/press/design-manual.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7\n%%EOF\n"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="design-manual.pdf"'
    assert response["Content-Security-Policy"] == MEDIA_CSP


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("press/page.html", b"<html><script>alert(document.cookie)</script></html>"),
        ("press/page.htm", b"<html><script>alert(document.cookie)</script></html>"),
        (
            "press/logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        (
            "press/feed.xml",
            b'<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml"/>',
        ),
        ("press/tool.js", b"alert(1)"),
        # mtime fixed: the same bytes (and test id) in every pytest-xdist worker.
        (
            "press/logo.svg.gz",
            gzip.compress(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', mtime=0),
        ),
        ("press/no-extension", b"<html><script>alert(1)</script></html>"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_dropped_page_or_svg_is_never_served_as_active_content(client, settings, name, content):
    drop_in_media(settings, name, content)
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    # The bytes as stored, as a download that no browser renders as a page.
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/octet-stream"
    filename = name.rsplit("/", 1)[1]
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "Content-Encoding" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == MEDIA_CSP


@pytest.mark.parametrize(
    "path",
    [
        "/media/../manage.py",
        "/media/%2e%2e/manage.py",
        "/media/..%2fmanage.py",
        "/media/press/../../manage.py",
        "/media/..%5cmanage.py",
        "/media/%2fetc/passwd",
        "/media//etc/passwd",
        "/media/.hidden",
        "/media/press/.htaccess",
        "/media/press/",
        "/media/a%00b.png",
        "/media/outside/passwd",  # a link out of MEDIA_ROOT
    ],
)
def test_nothing_outside_media_root_nor_hidden_is_served(client, settings, path):
    drop_in_media(settings, ".hidden", b"secret")
    drop_in_media(settings, "press/.htaccess", b"secret")
    (settings.MEDIA_ROOT / "outside").symlink_to(Path("/etc"))
    response = client.get(path)
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == "Vi kunne ikke finde siden"
    assert b"secret" not in response.content and b"root:" not in response.content


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/da/partnere/", "da", "Vi kunne ikke forstå forespørgslen"),
        ("/en/partners/", "en", "We could not understand that request"),
    ],
)
def test_bad_request_page_is_friendly(client, path, language, heading):
    # More query fields than Django parses (DATA_UPLOAD_MAX_NUMBER_FIELDS) is a bad request.
    query = "&".join(f"f{number}=1" for number in range(1001))
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    page = soup(response)
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == heading


def test_home_shows_latest_published_figures_with_year_and_source(client):
    from exchanges.models import ImpactStatement

    ImpactStatement.objects.create(
        year=2008, metric="co2", value=275000, unit="t", source="voresomstilling.dk"
    )
    ImpactStatement.objects.create(
        year=2020, metric="co2", value=586000, unit="t", source="symbiosis.dk", note_da="om året"
    )
    ImpactStatement.objects.create(
        year=2018, metric="water", value=3600000, unit="m3", source="EMF"
    )
    figures = [
        " ".join(li.get_text(" ").split()) for li in soup(client.get("/da/")).select(".figure")
    ]
    assert figures == [
        "586.000 t Undgået CO₂, om året 2020 · kilde: symbiosis.dk",
        "3.600.000 m³ Sparet vand 2018 · kilde: EMF",
    ]


def test_language_switch_keeps_the_filters(client):
    page = soup(client.get("/da/udvekslinger/", {"category": "water", "year": "1990"}))
    assert page.select_one("nav.language-switch a")["href"] == "/en/flows/?category=water&year=1990"
    alternates = {a["hreflang"]: a["href"] for a in page.select('link[rel="alternate"][hreflang]')}
    assert alternates["en"] == "http://testserver/en/flows/"
