import pytest
from django.utils import translation

from partners.models import Partner
from partners.tests.factories import PartnerFactory
from tests.html import soup, text_of

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
    with django_assert_num_queries(1):
        response = client.get("/da/partnere/")
    assert len(soup(response).select(".partner-card")) == count


def test_detail_runs_one_query(client, django_assert_num_queries):
    PartnerFactory(slug="one")
    with django_assert_num_queries(1):
        client.get("/da/partnere/one/")


def test_absolute_url_follows_language():
    partner = PartnerFactory.build(slug="argo")
    with translation.override("en"):
        assert partner.get_absolute_url() == "/en/partners/argo/"
