import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from pages.models import Page
from pages.tests.factories import PageFactory
from partners.models import Partner
from partners.tests.factories import PartnerFactory, PersonFactory
from tests.html import soup

pytestmark = pytest.mark.django_db


def txt(tag):
    return " ".join(tag.get_text(" ").split())


def test_a_page_in_both_languages(client):
    PageFactory(slug="om-os", title_da="Om os", title_en="About us", body_en="<p>Hello.</p>")
    da = soup(client.get("/da/om-os/"))
    en = soup(client.get("/en/om-os/"))
    assert da.html["lang"] == "da" and txt(da.h1) == "Om os"
    assert en.html["lang"] == "en" and txt(en.h1) == "About us"
    assert "Hello." in txt(en.select_one(".page-body"))
    twin = da.select_one('link[rel="alternate"][hreflang="en"]')
    assert twin["href"].endswith("/en/om-os/")


def test_english_visitors_see_the_danish_text_marked_when_english_is_missing(client):
    PageFactory(slug="strategi", title_da="Strategi", title_en="", body_en="", lead_en="")
    page = soup(client.get("/en/strategi/"))
    assert page.h1["lang"] == "da"
    assert "Strategi" in txt(page.h1)
    assert "shown in Danish" in txt(page.h1)  # the visible note
    assert page.select_one(".page-body")["lang"] == "da"


def test_a_draft_is_not_public_but_staff_preview_it_uncached(client, django_user_model):
    PageFactory(slug="kladde", title_da="Kladde", status=Page.Status.DRAFT)
    assert client.get("/da/kladde/").status_code == 404
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_page"))
    client.force_login(editor)
    response = client.get("/da/kladde/")
    assert "Kladde" in txt(soup(response).h1)
    assert "Forhåndsvisning" in txt(soup(response).select_one(".preview-banner"))
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


def test_unknown_and_hostile_addresses_are_a_friendly_404(client):
    for path in ["/da/findes-ikke/", "/en/%00/", "/da/" + "a" * 5000 + "/", "/da/<script>/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert "<script>" not in response.content.decode()


def test_published_pages_stand_in_the_menus_in_both_languages(client):
    PageFactory(slug="om", title_da="Om symbiosen", title_en="About", navigation="main")
    PageFactory(slug="ledelse", title_da="Ledelse", title_en="Governance", navigation="footer")
    PageFactory(slug="kladde", title_da="Kladde", navigation="main", status=Page.Status.DRAFT)
    PageFactory(slug="gemt", title_da="Gemt", navigation="")
    for language, about, governance in [
        ("da", "Om symbiosen", "Ledelse"),
        ("en", "About", "Governance"),
    ]:
        page = soup(client.get(f"/{language}/partnere/" if language == "da" else "/en/partners/"))
        main = [txt(a) for a in page.select(".main-nav a")]
        footer = [txt(a) for a in page.select(".site-footer a")]
        assert about in main and "Kladde" not in main and "Gemt" not in main
        assert governance in footer
        link = page.select_one(f'.main-nav a[href="/{language}/om/"]')
        assert link is not None


def test_slug_may_not_take_another_pages_address():
    for slug in ["partnere", "partners", "nyheder", "news"]:
        page = Page(slug=slug, title_da="X", status=Page.Status.PUBLISHED)
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "slug" in error.value.message_dict
    Page(slug="om-symbiosen", title_da="Om").full_clean()


HOSTILE = (
    '<p onclick="steal()">Hej<script>alert(1)</script></p>'
    '<a href="javascript:alert(2)">klik</a>'
    '<p style="background:url(javascript:alert(3))">stil</p>'
    "<style>body{display:none}</style>"
    '<img src="x" onerror="alert(4)">'
    '<iframe src="https://example.org"></iframe>'
    '<a href="https://example.org" onmouseover="x()">god</a>'
)


def test_hostile_rich_text_is_stored_clean_and_shown_inert(client):
    page = PageFactory(slug="farlig", body_da=HOSTILE)
    page.refresh_from_db()
    stored = page.body_da
    for bad in [
        "<script",
        "onclick",
        "onerror",
        "onmouseover",
        "javascript:",
        "style",
        "<iframe",
        "<img",
    ]:
        assert bad not in stored, bad
    assert "Hej" in stored and "klik" in stored and 'href="https://example.org"' in stored
    body = soup(client.get("/da/farlig/")).select_one(".page-body")
    assert not body.select("script, style, iframe, img, [onclick], [style]")
    assert [a.get("href") for a in body.select("a")] == [None, "https://example.org"]


def test_contact_page_shows_the_secretariat_staff_and_address(client):
    secretariat = PartnerFactory(
        slug="kalundborg-symbiose",
        name="Kalundborg Symbiose",
        street="Hovedgaden 1",
        postcode="4400",
        town="Kalundborg",
    )
    PersonFactory(organisation=secretariat, name="Mette Holm", is_public=True, order=1)
    PersonFactory(organisation=secretariat, name="Skjult Person", is_public=False, order=2)
    PersonFactory(organisation=PartnerFactory(), name="Anden Virksomhed", is_public=True)
    PageFactory(slug="kontakt", title_da="Kontakt", feature=Page.Feature.CONTACT)
    page = soup(client.get("/da/kontakt/"))
    names = [txt(h) for h in page.select(".person-card h3")]
    assert names == ["Mette Holm"]
    assert "Hovedgaden 1" in txt(page.select_one("address"))
    assert page.select_one('a[href^="/da/personer/"][download]') is not None


def test_query_count_is_constant(client, django_assert_num_queries):
    secretariat = PartnerFactory(slug="kalundborg-symbiose")
    PageFactory(slug="kontakt", feature=Page.Feature.CONTACT, navigation="main")
    PersonFactory(organisation=secretariat)
    # page, navigation, secretariat, its people
    with django_assert_num_queries(4):
        client.get("/da/kontakt/")
    for _n in range(10):
        PageFactory(navigation="footer")
        PersonFactory(organisation=secretariat)
    with django_assert_num_queries(4):
        response = client.get("/da/kontakt/")
    assert len(soup(response).select(".person-card")) == 11
    assert Partner.objects.count() == 1


def test_governance_page_shows_todays_board_and_an_earlier_one_by_date(client):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)

    def chair(response):
        page = soup(response)
        row = next(
            tr
            for tr in page.select("#the-board tbody tr")
            if txt(tr.select_one("td, th")) == "Formand"
        )
        return txt(row)

    today = client.get("/da/ledelse/")
    assert "Lars Winther Mogensen" in chair(today) and "Novo Nordisk" in chair(today)
    earlier = client.get("/da/ledelse/", {"date": "2021-06-01"})
    assert "Henrik Damgaard" in chair(earlier) and "Kalundborg Refinery" in chair(earlier)
    assert "1. juni 2021" in txt(soup(earlier).select_one("#the-board"))
    for hostile in ["igår", "2021-02-30", "a" * 5000, "1900-01-01"]:
        response = client.get("/da/ledelse/", {"date": hostile})
        assert response.status_code == 200
        assert "Lars Winther Mogensen" in chair(response)
