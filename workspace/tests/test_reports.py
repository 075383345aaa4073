"""The reports: the organisation's part in the symbiosis (page, CSV, XLSX, PDF), the
secretariat's annual report, and "their data" (JSON)."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from exchanges.tests.factories import FlowFactory, FlowFigureFactory, ResourceFactory
from listings.tests.factories import ListingFactory
from partners.tests.factories import PartnerFactory, PersonFactory
from tests.html import soup, text_of
from workspace import esrs
from workspace.models import Invitation, ProfileChange, ReportedFigure
from workspace.tests.factories import AnswerFactory, MembershipFactory, ViewerFactory

pytestmark = pytest.mark.django_db

YEAR = 2024


def url(name, language="da", **kwargs):
    with translation.override(language):
        return reverse(f"workspace:{name}", kwargs=kwargs)


@pytest.fixture
def org():
    """An organisation with a material inflow, two outflows (one with a published CO₂
    figure, one of refinery gas in m³ whose CO₂ is computed) and a flow without a figure."""
    partner = PartnerFactory(name="Gipsværket A/S", slug="gipsvaerket")
    gypsum = ResourceFactory(material=True, name_da="Gips", name_en="Gypsum", slug="gypsum")
    gas = ResourceFactory(name_da="Raffinaderigas", name_en="Refinery gas", slug="refinery-gas")
    steam = ResourceFactory(name_da="Damp", name_en="Steam", slug="steam")
    inflow = FlowFactory(
        supplier=PartnerFactory(name="Kraftværket"), receiver=partner, resource=gypsum
    )
    FlowFigureFactory(flow=inflow, year=YEAR, quantity=Decimal("12000.5"), unit="t")
    gas_flow = FlowFactory(
        supplier=partner, receiver=PartnerFactory(name="Raffinaderiet"), resource=gas
    )
    FlowFigureFactory(flow=gas_flow, year=YEAR, quantity=Decimal("1000"), unit="m3")
    steam_flow = FlowFactory(
        supplier=partner, receiver=PartnerFactory(name="Enzymfabrikken"), resource=steam
    )
    FlowFigureFactory(
        flow=steam_flow,
        year=YEAR,
        quantity=Decimal("300"),
        unit="t",
        co2_avoided_t=Decimal("42.5"),
        source="LCA 2024 by the partnership",
    )
    FlowFactory(supplier=partner, receiver=PartnerFactory(name="Fiskefarmen"), resource=steam)
    ash = ResourceFactory(material=True, name_da="Flyveaske", name_en="Fly ash", slug="fly-ash")
    ash_flow = FlowFactory(
        supplier=partner, receiver=PartnerFactory(name="Cementfabrikken"), resource=ash
    )
    FlowFigureFactory(flow=ash_flow, year=YEAR, quantity=Decimal("850"), unit="t")
    return partner


@pytest.fixture
def member(client, org):
    membership = MembershipFactory(partner=org)
    client.force_login(membership.user)
    return membership


def test_page_lists_flows_with_figures_co2_and_datapoints_in_danish(client, member, org):
    text = text_of(client.get(url("report", organisation=org.slug, year=YEAR)))
    assert "12.000,5" in text  # Danish number style
    assert "Kraftværket" in text and "Raffinaderiet" in text
    assert "42,5" in text and "LCA 2024 by the partnership" in text
    assert "2,263" in text  # 1000 m³ × 2.2627 kg/m³, computed
    assert "Energinet" in text and "2,2627 kg CO₂/m³" in text  # the factor, in Danish style
    assert "ingen årsværdi" in text or "no figure" in text
    assert "E5-4_04" in text and "E5-5_08" in text
    assert "EFRAG IG 3" in text


def test_page_in_english_uses_english_numbers(client, member, org):
    text = text_of(client.get(url("report", "en", organisation=org.slug, year=YEAR)))
    assert "12,000.5" in text
    assert "no figure" in text


def test_year_without_data_is_a_friendly_page_and_bad_year_404(client, member, org):
    response = client.get(url("report", organisation=org.slug, year=1950))
    assert response.status_code == 200
    assert "1950" in text_of(response)
    assert client.get(url("report", organisation=org.slug, year=2999)).status_code == 404
    assert (
        client.get(url("report-file", organisation=org.slug, year=YEAR, format="doc")).status_code
        == 404
    )


def test_csv_parses_with_bom_and_holds_the_figures(client, member, org):
    response = client.get(url("report-file", organisation=org.slug, year=YEAR, format="csv"))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert len(rows) == 6  # header and five flows
    gypsum = next(r for r in rows if r[2] == "Gips")
    assert gypsum[5] == "12000.500" and gypsum[6] == "t"
    assert "E5-4_02" in gypsum[11]


def test_xlsx_has_a_bold_header_and_numbers_as_numbers(client, member, org):
    from openpyxl import load_workbook

    response = client.get(url("report-file", "en", organisation=org.slug, year=YEAR, format="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].font.bold
    assert sheet["F1"].value == "Quantity"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    gypsum = next(r for r in rows if r[2] == "Gypsum")
    assert gypsum[5] == 12000.5 and gypsum[6] == "t"
    steam = next(r for r in rows if r[2] == "Steam" and r[8] is not None)
    assert steam[8] == 42.5 and steam[9] == "LCA 2024 by the partnership"


def test_pdf_text_holds_the_figures_and_datapoints(client, member, org):
    from pypdf import PdfReader

    response = client.get(url("report-file", organisation=org.slug, year=YEAR, format="pdf"))
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in pdf.pages)
    # static/css/report_print.css was read from disk: A4 landscape.
    assert round(float(pdf.pages[0].mediabox.width)) == 842
    assert "Gipsværket A/S" in text and str(YEAR) in text
    assert "12.000,5" in text
    for datapoint in ("E5-4_02", "E5-5_07", "E5-5_08"):
        assert datapoint in text
    assert "EFRAG IG 3" in text


def test_viewer_may_download(client, org):
    viewer = ViewerFactory(partner=org)
    client.force_login(viewer.user)
    response = client.get(url("report-file", organisation=org.slug, year=YEAR, format="csv"))
    assert "Gips" in response.content.decode()


def test_another_organisations_slug_is_404(client, member, org):
    other = PartnerFactory(slug="andet-firma")
    for name, kwargs in (
        ("report", {"year": YEAR}),
        ("report-file", {"year": YEAR, "format": "pdf"}),
        ("data", {}),
        ("data-file", {}),
    ):
        assert client.get(url(name, organisation=other.slug, **kwargs)).status_code == 404


def test_report_queries_are_constant(client, member, org):
    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(url("report", organisation=org.slug, year=YEAR))
        return len(queries)

    count()  # the session's first request does its own bookkeeping
    few = count()
    for _ in range(5):
        flow = FlowFactory(supplier=org, resource=ResourceFactory(material=True))
        FlowFigureFactory(flow=flow, year=YEAR)
    assert count() == few


def test_organisation_page_links_to_reports_and_data(client, member, org):
    page = soup(client.get(url("organisation", organisation=org.slug)))
    links = [a["href"] for a in page.select("a[href]")]
    assert url("report", organisation=org.slug, year=YEAR) in links
    assert url("data", organisation=org.slug) in links


def test_mapping_has_its_source_and_energy_gets_no_e5_datapoint():
    assert "EFRAG IG 3" in esrs.__doc__ and "EFRAG IG 3" in esrs.SOURCE
    assert esrs.datapoints_for(esrs.INFLOW, "material")[0].id == "E5-4_02"
    assert esrs.datapoints_for(esrs.OUTFLOW, "energy") == ()
    for factor in esrs.FACTORS:
        assert factor.source and factor.source_url


def test_their_data_holds_every_kind_and_nothing_of_others(client, member, org):
    other = PartnerFactory(name="Fremmed ApS", slug="fremmed")
    PersonFactory(organisation=org, name="Anne Gipsen")
    PersonFactory(organisation=other, name="Fremmed Person")
    ListingFactory(organisation=org, title_da="Gips til overs")
    ListingFactory(organisation=other, title_da="Fremmed tilbud")
    answer = AnswerFactory(partner=org)
    ReportedFigure.objects.create(answer=answer, flow=org.flows_in.first(), quantity=7, unit="t")
    ProfileChange.objects.create(partner=org, proposed={"website": "https://gips.example.org"})
    Invitation.objects.create(
        partner=org, name="Ny Kontakt", email="ny@example.org", token_hash="h" * 64
    )
    response = client.get(url("data-file", organisation=org.slug))
    data = json.loads(response.content)
    assert data["organisation"]["name"] == "Gipsværket A/S"
    assert [p["name"] for p in data["people"]] == ["Anne Gipsen"]
    assert {f["direction"] for f in data["flows"]} == {"in", "out"}
    assert any(f["figures"] for f in data["flows"])
    assert [li["title_da"] for li in data["listings"]] == ["Gips til overs"]
    assert data["data_rounds"][0]["figures"][0]["quantity"] == "7.000"
    assert data["profile_changes"][0]["proposed"]["website"] == "https://gips.example.org"
    assert data["memberships"][0]["username"] == member.user.username
    assert data["invitations"][0]["email"] == "ny@example.org"
    assert "token_hash" not in data["invitations"][0]
    body = response.content.decode()
    assert "Fremmed" not in body and "h" * 64 not in body


def test_data_page_explains_and_links_the_download(client, member, org):
    response = client.get(url("data", organisation=org.slug))
    page = soup(response)
    assert page.select_one(f'a[href="{url("data-file", organisation=org.slug)}"]')
    assert "JSON" in text_of(response)


ADMIN = "/admin/workspace/annualreport/"


def test_annual_report_lists_every_flow_with_totals_and_files(admin_client, org):
    response = admin_client.get(f"{ADMIN}?year={YEAR}")  # the admin speaks Danish
    text = text_of(response)
    assert "Kraftværket → Gipsværket A/S" in text
    assert "Gipsværket A/S → Cementfabrikken" in text
    assert "12.850,5 t" in text  # 12.000,5 t of gypsum + 850 t of fly ash, in tonnes
    assert "E5-5_08" in text
    page = soup(response)
    link = page.select_one(f'a[href="{ADMIN}file/csv/?year={YEAR}"]')
    assert link is not None
    body = admin_client.get(link["href"]).content.decode("utf-8")
    assert "Cementfabrikken" in body and "Kraftværket" in body


def test_annual_report_pdf_holds_the_flows(admin_client, org):
    from pypdf import PdfReader

    response = admin_client.get(f"{ADMIN}file/pdf/?year={YEAR}")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Cementfabrikken" in text and "E5-4_02" in text


def test_annual_report_is_for_staff_only(client, org, member):
    response = client.get(f"{ADMIN}?year={YEAR}")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert "Kraftværket" not in response.content.decode()


def test_annual_report_bad_year_is_404(admin_client):
    assert admin_client.get(f"{ADMIN}?year=abc").status_code == 404
    assert admin_client.get(f"{ADMIN}?year=3000").status_code == 404


def test_admin_index_links_the_annual_report(admin_client):
    page = soup(admin_client.get("/admin/"))
    assert page.select_one(f'a[href="{ADMIN}"]') is not None


def test_energy_factor_is_the_ipcc_natural_gas_factor():
    from exchanges.units import Quantity

    factor = esrs.factor_for("biogas", "GJ")
    assert factor.key == "natural-gas-energy"
    # 1 TJ of gas not burnt: 56.1 t CO₂ (IPCC 2006, 56,100 kg/TJ).
    assert round(esrs.computed_co2(factor, Quantity(1000, "GJ")), 2) == Decimal("56.10")
    assert esrs.factor_for("steam", "t") is None
