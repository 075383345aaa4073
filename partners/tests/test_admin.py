import pytest

from partners.models import Partner
from partners.tests.factories import PartnerFactory
from tests.html import soup

pytestmark = pytest.mark.django_db


def test_secretariat_finds_partners_by_english_text(admin_client):
    PartnerFactory(name="Unibio", summary_en="Makes protein from methane.")
    PartnerFactory(name="Argo", summary_en="Waste company.")
    response = admin_client.get("/admin/partners/partner/", {"q": "methane"})
    rows = [a.get_text() for a in soup(response).select("#result_list tbody th a")]
    assert rows == ["Unibio"]


def test_filter_lists_partners_missing_english(admin_client):
    PartnerFactory(name="Translated")
    PartnerFactory(name="Danish only", summary_en="")
    response = admin_client.get("/admin/partners/partner/", {"english": "missing"})
    rows = [a.get_text() for a in soup(response).select("#result_list tbody th a")]
    assert rows == ["Danish only"]


def test_admin_in_danish_for_a_danish_browser(admin_client):
    response = admin_client.get("/admin/partners/partner/add/", headers={"accept-language": "da"})
    page = soup(response)
    assert page.html["lang"] == "da"
    legends = [h.get_text(strip=True) for h in page.select("fieldset h2, fieldset legend")]
    assert "Dansk" in legends and "Engelsk" in legends


def test_end_before_start_is_refused_with_a_clear_message(admin_client):
    response = admin_client.post(
        "/admin/partners/partner/add/",
        {
            "name": "Test",
            "slug": "test",
            "kind": "company",
            "membership": "former",
            "year_joined": "2010",
            "year_left": "2005",
            "summary_da": "Kort tekst.",
            "is_public": "on",
        },
        headers={"accept-language": "da"},
    )
    assert response.status_code == 200
    assert "Året for udtræden kan ikke ligge før året for indtræden." in response.content.decode()
    assert not Partner.objects.filter(slug="test").exists()
