"""The secretariat edits flows in Danish; mistakes get clear Danish messages and save nothing."""

import datetime

import pytest

from exchanges.models import Flow, FlowFigure
from exchanges.tests.factories import FlowFactory, ResourceFactory
from partners.tests.factories import PartnerFactory
from tests.html import soup

pytestmark = pytest.mark.django_db

DANISH = {"accept-language": "da"}


def flow_form(supplier, receiver, resource, overrides=None):
    data = {
        "supplier": supplier.pk,
        "receiver": receiver.pk,
        "resource": resource.pk,
        "status": "active",
        "year_started": "1982",
        "year_ended": "",
        "is_public": "on",
        "story_da": "Damp til fabrikken.",
        "story_en": "",
        "figures-TOTAL_FORMS": "1",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
        "figures-0-year": "",
        "figures-0-kind": "realised",
        "figures-0-quantity": "",
        "figures-0-unit": "",
        "figures-0-source": "",
    }
    data.update(overrides or {})
    return data


def errors(response):
    return [li.get_text(strip=True) for li in soup(response).select(".errorlist li")]


@pytest.fixture
def parties():
    return PartnerFactory(name="Ørsted"), PartnerFactory(name="Novo Nordisk"), ResourceFactory()


def test_a_valid_flow_with_a_figure_is_saved(admin_client, parties):
    supplier, receiver, steam = parties
    data = flow_form(
        supplier,
        receiver,
        steam,
        {
            "figures-0-year": "2019",
            "figures-0-quantity": "215000",
            "figures-0-unit": "t",
            "figures-0-source": "NAP record 4982",
        },
    )
    response = admin_client.post("/admin/exchanges/flow/add/", data, headers=DANISH)
    assert response.status_code == 302, errors(response)
    flow = Flow.objects.get()
    assert (flow.supplier, flow.receiver) == (supplier, receiver)
    assert flow.figures.get().quantity == 215000


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"receiver": "SAME"}, "En strøm skal gå mellem to forskellige partnere."),
        (
            {"year_started": "2000", "year_ended": "1990", "status": "ended"},
            "En strøm kan ikke slutte, før den er startet.",
        ),
        (
            {
                "figures-0-year": "2019",
                "figures-0-quantity": "-5",
                "figures-0-unit": "t",
                "figures-0-source": "x",
            },
            "Denne værdi skal være større end eller lig 0.",
        ),
        (
            {
                "figures-0-year": "2019",
                "figures-0-quantity": "5",
                "figures-0-unit": "kWh",
                "figures-0-source": "x",
                "resource": "WATER",
            },
            "kWh passer ikke til en ressource i kategorien Vand.",
        ),
        (
            {
                "figures-0-year": "2019",
                "figures-0-quantity": "5",
                "figures-0-unit": "MWh",
                "figures-0-source": "x",
                "resource": "GYPSUM",
            },
            "MWh passer ikke til en ressource i kategorien Materialer.",
        ),
        (
            {
                "figures-0-year": str(datetime.date.today().year + 1),
                "figures-0-quantity": "5",
                "figures-0-unit": "t",
                "figures-0-source": "x",
            },
            "Et realiseret tal kan ikke gælde et år, der endnu ikke er kommet.",
        ),
    ],
    ids=["same-partner", "end-before-start", "negative", "kwh-of-water", "mwh-of-gypsum", "future"],
)
def test_mistakes_get_a_danish_message_and_nothing_is_saved(
    admin_client, parties, overrides, message
):
    supplier, receiver, steam = parties
    gypsum = ResourceFactory(material=True)
    if overrides.get("receiver") == "SAME":
        overrides["receiver"] = supplier.pk
    if overrides.get("resource") == "GYPSUM":
        overrides["resource"] = gypsum.pk
    if overrides.get("resource") == "WATER":
        overrides["resource"] = ResourceFactory(water=True).pk
    data = flow_form(supplier, receiver, steam, overrides)
    response = admin_client.post("/admin/exchanges/flow/add/", data, headers=DANISH)
    assert response.status_code == 200
    assert message in errors(response)
    assert not Flow.objects.exists()
    assert not FlowFigure.objects.exists()


def test_unit_check_follows_a_resource_changed_in_the_same_save(admin_client, parties):
    supplier, receiver, steam = parties
    flow = FlowFactory(supplier=supplier, receiver=receiver, resource=steam)
    water = ResourceFactory(water=True)
    data = flow_form(
        supplier,
        receiver,
        water,
        {
            "figures-0-year": "2019",
            "figures-0-quantity": "5",
            "figures-0-unit": "t",
            "figures-0-source": "x",
        },
    )
    response = admin_client.post(f"/admin/exchanges/flow/{flow.pk}/change/", data, headers=DANISH)
    assert "t passer ikke til en ressource i kategorien Vand." in errors(response)
    flow.refresh_from_db()
    assert flow.resource == steam


def test_flow_admin_lists_and_filters_by_category(admin_client):
    FlowFactory(resource=ResourceFactory(water=True, name_da="Kølevand"))
    FlowFactory(resource=ResourceFactory(name_da="Damp"))
    response = admin_client.get(
        "/admin/exchanges/flow/", {"resource__category__exact": "water"}, headers=DANISH
    )
    names = [a.get_text() for a in soup(response).select("#result_list tbody th a")]
    assert len(names) == 1 and names[0].startswith("Kølevand")


def test_partner_autocomplete_finds_partners(admin_client):
    PartnerFactory(name="Kalundborg Bioenergi")
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "exchanges", "model_name": "flow", "field_name": "supplier", "term": "bioen"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Kalundborg Bioenergi"]


def test_partner_admin_shows_its_flows_and_people_inline(admin_client):
    partner = PartnerFactory(name="Ørsted")
    FlowFactory(supplier=partner)
    response = admin_client.get(f"/admin/partners/partner/{partner.pk}/change/", headers=DANISH)
    page = soup(response)
    assert page.select_one("#people-group") is not None
    flows = [a.get_text() for a in page.select(".field-flows a")]
    assert len(flows) == 1 and "Ørsted →" in flows[0]
