import pytest
from django.utils import translation

from partners.models import Partner
from partners.tests.factories import PartnerFactory, PersonFactory
from tests.html import soup, text_of
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db


def test_directory_groups_partners_by_membership(client):
    PartnerFactory(name="Novo Nordisk", slug="novo-nordisk")
    PartnerFactory(name="Unibio", slug="unibio", membership=Partner.Membership.ASSOCIATE)
    PartnerFactory(name="Hemmelig", slug="hemmelig", is_public=False)
    page = soup(client.get("/en/partners/"))
    groups = {
        section.h2.contents[0].strip(): [h3.get_text(strip=True) for h3 in section.select("h3")]
        for section in page.select("main section")
    }
    assert groups == {"Member": ["Novo Nordisk"], "Associate member": ["Unibio"]}


def test_partner_page_in_both_languages(client):
    PartnerFactory(
        name="Ørsted",
        slug="orsted",
        summary_da="Driver Asnæsværket.",
        summary_en="Runs the Asnæs power station.",
        year_joined=1981,
    )
    da = client.get("/da/partnere/orsted/")
    en = client.get("/en/partners/orsted/")
    assert soup(da).h1.get_text(strip=True) == "Ørsted"
    assert "Driver Asnæsværket." in text_of(da)
    assert "siden 1981" in text_of(da)
    assert "Runs the Asnæs power station." in text_of(en)
    assert "since 1981" in text_of(en)


def test_english_page_marks_danish_fallback_visibly(client):
    PartnerFactory(name="Kalundborg Bioenergi", slug="kb", summary_da="Biogasanlæg.", summary_en="")
    page = soup(client.get("/en/partners/kb/"))
    lead = page.select_one("p.lead")
    assert lead["lang"] == "da"
    assert lead.get_text(" ", strip=True).startswith("Biogasanlæg.")
    assert lead.select_one(".fallback-note").get_text() == "Not yet translated: shown in Danish"


def test_hidden_partner_is_not_found(client):
    PartnerFactory(slug="skjult", is_public=False)
    assert client.get("/da/partnere/skjult/").status_code == 404


@pytest.mark.parametrize("path", ["/da/partnere/%3Cscript%3E/", "/en/partners/a/b/c/"])
def test_hostile_paths_get_a_clean_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_directory_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    PartnerFactory.create_batch(count)
    with django_assert_num_queries(1 + NAVIGATION):
        response = client.get("/da/partnere/")
    assert len(soup(response).select(".partner-card")) == count


@pytest.mark.parametrize("count", [1, 15])
def test_detail_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    from exchanges.tests.factories import FlowFactory

    partner = PartnerFactory(slug="one")
    PersonFactory.create_batch(count, organisation=partner)
    FlowFactory.create_batch(count, supplier=partner)
    FlowFactory.create_batch(count, receiver=partner)
    # partner, former names, people, flows out, flows in
    with django_assert_num_queries(5 + NAVIGATION):
        response = client.get("/da/partnere/one/")
    page = soup(response)
    assert len(page.select("#flows-out + ul li")) == count
    assert len(page.select("#flows-in + ul li")) == count
    assert len(page.select(".person-card")) == count


def test_absolute_url_follows_language():
    partner = PartnerFactory.build(slug="argo")
    with translation.override("en"):
        assert partner.get_absolute_url() == "/en/partners/argo/"


def test_directory_filters_by_membership_kind_and_sector(client):
    PartnerFactory(name="Novo Nordisk", sector_da="Medicinalindustri", sector_en="Pharmaceuticals")
    PartnerFactory(name="Kalundborg Kommune", kind=Partner.Kind.MUNICIPALITY)
    PartnerFactory(name="Unibio", membership=Partner.Membership.ASSOCIATE)
    names = lambda r: [h3.get_text(strip=True) for h3 in soup(r).select(".partner-card h3")]  # noqa: E731
    assert names(client.get("/en/partners/", {"kind": "municipality"})) == ["Kalundborg Kommune"]
    assert names(client.get("/en/partners/", {"membership": "associate"})) == ["Unibio"]
    by_sector = client.get("/en/partners/", {"sector": "Medicinalindustri"})
    assert names(by_sector) == ["Novo Nordisk"]
    # The sector choice is shown in the page's language.
    option = soup(by_sector).select_one('select[name="sector"] option[selected]')
    assert option.get_text() == "Pharmaceuticals"


@pytest.mark.parametrize(
    "params", [{"kind": "<script>x</script>"}, {"membership": "x" * 5000}, {"sector": "\x07"}]
)
def test_directory_drops_hostile_filters(client, params):
    PartnerFactory(name="Argo")
    response = client.get("/en/partners/", params)
    assert response.status_code == 200
    assert "<script>x" not in response.content.decode()
    assert [h3.get_text(strip=True) for h3 in soup(response).select(".partner-card h3")] == ["Argo"]
    assert "Some filters could not be used" in text_of(response)


def test_partner_page_lists_flows_out_and_in_and_people(client):
    from exchanges.tests.factories import FlowFactory, ResourceFactory

    orsted = PartnerFactory(name="Ørsted", slug="orsted")
    novo = PartnerFactory(name="Novo Nordisk", slug="novo")
    steam = ResourceFactory(name_da="Damp", name_en="Steam")
    water = ResourceFactory(water=True, name_da="Kølevand", name_en="Cooling water")
    FlowFactory(supplier=orsted, receiver=novo, resource=steam, year_started=1982)
    FlowFactory(supplier=novo, receiver=orsted, resource=water, year_started=1987)
    FlowFactory(supplier=orsted, receiver=novo, resource=water, is_public=False)
    PersonFactory(organisation=orsted, name="Kirsten Lund", role_en="Operations manager")
    PersonFactory(organisation=orsted, name="Hidden Person", is_public=False)
    page = soup(client.get("/en/partners/orsted/"))
    out = [li.get_text(" ", strip=True) for li in page.select("#flows-out + ul li")]
    into = [li.get_text(" ", strip=True) for li in page.select("#flows-in + ul li")]
    assert out == ["Steam → Novo Nordisk (since 1982)"]
    assert into == ["Cooling water ← Novo Nordisk (since 1987)"]
    people = [card.h3.get_text() for card in page.select(".person-card")]
    assert people == ["Kirsten Lund"]
    assert "Operations manager" in page.select_one(".person-card").get_text()


def test_vcard_download(client):
    partner = PartnerFactory(name="Kalundborg Symbiose", town="Kalundborg", postcode="4400")
    person = PersonFactory(
        organisation=partner,
        name="Mette Holm Sørensen",
        role_da="Sekretariatschef",
        email="mette@example.org",
        phone="+45 55 55 01 01",
    )
    response = client.get(f"/da/personer/{person.pk}/vcard/")
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mette-holm-soerensen.vcf"'
    card = response.content.decode()
    assert card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert "FN:Mette Holm Sørensen\r\n" in card
    assert "N:Sørensen;Mette Holm;;;\r\n" in card
    assert "TITLE:Sekretariatschef\r\n" in card
    assert "EMAIL;TYPE=work:mette@example.org\r\n" in card
    assert "TEL;TYPE=work,voice;VALUE=uri:tel:+4555550101\r\n" in card
    assert "ADR;TYPE=work:;;;Kalundborg;;4400;Danmark\r\n" in card
    assert card.endswith("END:VCARD\r\n")


def test_vcard_of_hidden_person_is_not_found(client):
    person = PersonFactory(is_public=False)
    assert client.get(f"/da/personer/{person.pk}/vcard/").status_code == 404
    assert client.get("/da/personer/999999/vcard/").status_code == 404
