"""Open data: what the files hold, in which language, and how they are served."""

import csv
import io
import json
import re
from collections import defaultdict
from decimal import Decimal

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from exchanges.impact import CO2, computed_totals
from exchanges.models import Flow, FlowFigure
from exchanges.opendata import DATASETS
from exchanges.tests.factories import (
    FlowFactory,
    FlowFigureFactory,
    ImpactStatementFactory,
    ResourceFactory,
)
from exchanges.units import Unit
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from tests.html import soup, text_of
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db

FORMATS = [
    ("partners", "csv"),
    ("partners", "json"),
    ("flows", "csv"),
    ("flows", "json"),
    ("figures", "csv"),
    ("figures", "json"),
    ("sites", "geojson"),
]
# The page lists these, then the side-stream exchange's (listings/opendata.py; its
# files are tested in listings/tests/test_public_data.py).
ON_THE_PAGE = [*FORMATS, ("listings", "csv"), ("listings", "json")]


def url(dataset, fmt, language="en"):
    with translation.override(language):
        return reverse("exchanges:download", kwargs={"dataset": dataset, "fmt": fmt})


def download(client, dataset, fmt, language="en", **headers):
    return client.get(url(dataset, fmt, language), headers=headers)


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def json_of(response):
    return json.loads(response.content, parse_float=Decimal)


@pytest.fixture
def symbiosis():
    """Two public partners with a steam flow and its figures; a hidden partner with a flow."""
    orsted = PartnerFactory(
        name="Ørsted",
        slug="orsted",
        kind=Partner.Kind.COMPANY,
        summary_da="Kraftværket på Asnæs.",
        summary_en="",
        latitude=Decimal("55.662100"),
        longitude=Decimal("11.084500"),
    )
    novo = PartnerFactory(name="Novo Nordisk", slug="novo-nordisk", kind=Partner.Kind.COMPANY)
    secret = PartnerFactory(
        name="Hemmelig A/S",
        slug="hemmelig",
        is_public=False,
        latitude=Decimal("55.600000"),
        longitude=Decimal("11.000000"),
    )
    steam = ResourceFactory(name_da="Damp", name_en="Steam", slug="steam", default_unit=Unit.T)
    flow = FlowFactory(
        supplier=orsted,
        receiver=novo,
        resource=steam,
        story_da="Damp fra kraftværket.",
        story_en="Steam from the power station.",
    )
    FlowFigureFactory(
        flow=flow,
        year=1995,
        quantity=Decimal("215000"),
        unit=Unit.T,
        co2_avoided_t=Decimal("1234.5"),
        source="NAP",
    )
    FlowFigureFactory(
        flow=flow,
        year=2019,
        quantity=Decimal("0.1"),
        unit=Unit.T,
        co2_avoided_t=Decimal("0.001"),
        water_saved_m3=Decimal("123456789.123"),
    )
    hidden_flow = FlowFactory(
        supplier=secret,
        receiver=novo,
        resource=steam,
        story_da="Hemmelig damp.",
        story_en="Secret steam.",
    )
    FlowFigureFactory(
        flow=hidden_flow, year=2019, co2_avoided_t=Decimal("999999"), source="Hemmelig kilde"
    )
    FlowFactory(supplier=orsted, receiver=novo, is_public=False, story_en="Unpublished flow.")
    return {"orsted": orsted, "novo": novo, "flow": flow, "secret": secret}


# -- The files -----------------------------------------------------------------


def test_flows_csv_is_in_the_language_of_the_address(client, symbiosis):
    danish = csv_rows(download(client, "flows", "csv", "da"))
    english = csv_rows(download(client, "flows", "csv", "en"))

    with translation.override("da"):
        assert danish[0] == [capfirst(str(f.label)) for f in DATASETS["flows"].fields]
    assert (danish[0][7], english[0][7]) == ("Kategori", "Category")
    assert english[0] == [
        "ID",
        "Supplier",
        "Supplier name",
        "Receiver",
        "Receiver name",
        "Resource",
        "Resource name",
        "Category",
        "Status",
        "Year started",
        "Year ended",
        "Story",
        "Page",
    ]
    flow = symbiosis["flow"]
    assert english[1] == [
        str(flow.pk),
        "orsted",
        "Ørsted",
        "novo-nordisk",
        "Novo Nordisk",
        "steam",
        "Steam",
        "Energy",
        "Active",
        "1982",
        "",
        "Steam from the power station.",
        f"http://testserver/en/flows/{flow.pk}/",
    ]
    assert danish[1][6:9] == ["Damp", "Energi", "Aktiv"]
    assert danish[1][11] == "Damp fra kraftværket."
    assert (
        danish[1][12] == f"http://testserver/da/{reverse_path('exchanges:flow', 'da', pk=flow.pk)}"
    )
    assert len(english) == len(danish) == 2  # header and the one published flow


def reverse_path(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs).removeprefix(f"/{language}/")


def test_partners_csv_falls_back_to_danish_text_like_the_pages(client, symbiosis):
    rows = csv_rows(download(client, "partners", "csv", "en"))
    header, *records = rows
    by_slug = {r[1]: dict(zip(header, r, strict=True)) for r in records}
    assert set(by_slug) == {"orsted", "novo-nordisk"}
    orsted = by_slug["orsted"]
    assert orsted["Summary"] == "Kraftværket på Asnæs."
    assert orsted["Kind"] == "Company"
    assert orsted["Membership"] == "Member"
    assert (orsted["Latitude"], orsted["Longitude"]) == ("55.6621", "11.0845")
    assert orsted["Page"] == "http://testserver/en/partners/orsted/"


def test_json_carries_both_languages_ids_slugs_and_page_addresses(client, symbiosis):
    data = json_of(download(client, "flows", "json"))

    assert data["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert data["source"]["name"] == "Kalundborg Symbiose"
    assert data["source"]["url"].startswith("http://testserver/da/")
    assert data["count"] == 1
    (flow,) = data["flows"]
    pk = symbiosis["flow"].pk
    assert flow["id"] == pk
    assert (flow["supplier"], flow["receiver"], flow["resource"]) == (
        "orsted",
        "novo-nordisk",
        "steam",
    )
    assert (flow["resource_name_da"], flow["resource_name_en"]) == ("Damp", "Steam")
    assert (flow["story_da"], flow["story_en"]) == (
        "Damp fra kraftværket.",
        "Steam from the power station.",
    )
    assert (flow["category"], flow["status"]) == ("energy", "active")
    assert flow["year_started"] == 1982 and flow["year_ended"] is None
    assert flow["url_en"] == f"http://testserver/en/flows/{pk}/"
    assert flow["url_da"] == f"http://testserver/da/{reverse_path('exchanges:flow', 'da', pk=pk)}"
    # The same file whichever language's address it comes from.
    assert (
        download(client, "flows", "json", "da").content == download(client, "flows", "json").content
    )


def test_partners_json_says_null_where_english_is_missing(client, symbiosis):
    data = json_of(download(client, "partners", "json"))
    orsted = next(p for p in data["partners"] if p["slug"] == "orsted")
    assert orsted["summary_da"] == "Kraftværket på Asnæs."
    assert orsted["summary_en"] is None
    assert orsted["latitude"] == Decimal("55.6621")


def test_decimals_are_written_exactly_with_unit_codes_and_integer_years(client, symbiosis):
    header, *rows = csv_rows(download(client, "figures", "csv"))
    records = [dict(zip(header, r, strict=True)) for r in rows]
    assert [
        (r["Year"], r["Quantity"], r["Unit"], r["CO₂ avoided (t)"], r["Water saved (m³)"])
        for r in records
    ] == [
        ("1995", "215000", "t", "1234.5", ""),
        ("2019", "0.1", "t", "0.001", "123456789.123"),
    ]
    data = json_of(download(client, "figures", "json"))
    assert [
        (f["year"], f["quantity"], f["unit"], f["co2_avoided_t"], f["water_saved_m3"])
        for f in data["figures"]
    ] == [
        (1995, 215000, "t", Decimal("1234.5"), None),
        (2019, Decimal("0.1"), "t", Decimal("0.001"), Decimal("123456789.123")),
    ]
    raw = download(client, "figures", "json").content.decode()
    assert '"quantity": 0.1,' in raw and '"water_saved_m3": 123456789.123' in raw


def test_csv_text_that_a_spreadsheet_would_run_as_a_formula_starts_with_a_quote(client):
    partner = PartnerFactory(
        name='=HYPERLINK("http://evil.example","Klik")',
        slug="formula",
        sector_en="+SUM(A1:A9)",
        summary_en="-2+3",
        description_en="@cmd|' /C calc'!A0",
        street="\tTab Street 1",
        town="\rCR Town",
        postcode="4400",
        latitude=Decimal("-33.868800"),
        longitude=Decimal("-151.209300"),
    )
    FlowFigureFactory(
        flow=FlowFactory(supplier=partner),
        quantity=Decimal("-12.5"),
        co2_avoided_t=Decimal("-0.001"),
        source="=1+1",
    )

    header, *rows = csv_rows(download(client, "partners", "csv"))
    row = next(dict(zip(header, r, strict=True)) for r in rows if r[1] == "formula")
    assert row["Name"] == '\'=HYPERLINK("http://evil.example","Klik")'
    assert (row["Sector"], row["Summary"], row["Description"]) == (
        "'+SUM(A1:A9)",
        "'-2+3",
        "'@cmd|' /C calc'!A0",
    )
    assert (row["Street address"], row["Town"], row["Postcode"]) == (
        "'\tTab Street 1",
        "'\rCR Town",
        "4400",
    )
    # Numbers are numbers: a negative one is written as it is, never quoted.
    assert (row["Latitude"], row["Longitude"]) == ("-33.8688", "-151.2093")
    header, figure = csv_rows(download(client, "figures", "csv"))
    figure = dict(zip(header, figure, strict=True))
    assert (figure["Quantity"], figure["CO₂ avoided (t)"], figure["Source"]) == (
        "-12.5",
        "-0.001",
        "'=1+1",
    )

    # The JSON is data, not a spreadsheet: it keeps every value as it is.
    records = json_of(download(client, "partners", "json"))["partners"]
    record = next(r for r in records if r["slug"] == "formula")
    assert record["name"] == partner.name
    assert (record["sector_en"], record["summary_en"], record["street"]) == (
        "+SUM(A1:A9)",
        "-2+3",
        "\tTab Street 1",
    )
    assert record["latitude"] == Decimal("-33.8688")
    (json_figure,) = json_of(download(client, "figures", "json"))["figures"]
    assert (json_figure["quantity"], json_figure["source"]) == (Decimal("-12.5"), "=1+1")


def test_cubic_metres_are_written_as_their_code(client):
    water = ResourceFactory(water=True)
    FlowFigureFactory(flow=FlowFactory(resource=water), quantity=5, unit=Unit.M3)
    header, row = csv_rows(download(client, "figures", "csv"))
    assert dict(zip(header, row, strict=True))["Unit"] == "m3"
    assert json_of(download(client, "figures", "json"))["figures"][0]["unit"] == "m3"


@pytest.mark.parametrize(("dataset", "fmt"), FORMATS)
def test_hidden_partners_and_their_flows_never_appear(client, symbiosis, dataset, fmt):
    for language in ("da", "en"):
        body = download(client, dataset, fmt, language).content.decode()
        for secret in ("Hemmelig", "hemmelig", "999999", "Secret steam", "Unpublished flow"):
            assert secret not in body, (dataset, fmt, secret)


@pytest.mark.parametrize(("dataset", "fmt"), FORMATS)
def test_download_headers(client, symbiosis, dataset, fmt):
    response = download(client, dataset, fmt, "da")

    assert response.status_code == 200
    assert (
        response["Content-Type"]
        == {
            "csv": "text/csv; charset=utf-8",
            "json": "application/json",
            "geojson": "application/geo+json",
        }[fmt]
    )
    suffix = "" if fmt == "json" else "-da"
    assert response["Content-Disposition"] == (
        f'attachment; filename="kalundborg-symbiosis-{dataset}{suffix}.{fmt}"'
    )
    assert int(response["Content-Length"]) == len(response.content)
    assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in response["Link"]
    assert response["ETag"].startswith('"') and len(response["ETag"]) > 20
    assert "max-age=3600" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response


@pytest.mark.parametrize(("dataset", "fmt"), FORMATS)
def test_download_is_byte_identical_and_answers_conditional_requests(
    client, symbiosis, dataset, fmt
):
    first = download(client, dataset, fmt)
    second = download(client, dataset, fmt)
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]

    unchanged = download(client, dataset, fmt, **{"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304
    assert unchanged.content == b""

    symbiosis["orsted"].name = "Ørsted A/S"
    symbiosis["orsted"].save()
    changed = download(client, dataset, fmt, **{"If-None-Match": first["ETag"]})
    if dataset == "figures":  # figures name partners by slug only
        assert changed.status_code == 304
    else:
        assert changed.status_code == 200
        assert changed["ETag"] != first["ETag"]
        assert "Ørsted A/S" in changed.content.decode()


def test_geojson_is_a_feature_collection_of_points_in_longitude_latitude(client, symbiosis):
    PartnerFactory(slug="nowhere")  # no position: not on the map
    response = download(client, "sites", "geojson", "da")
    data = json_of(response)

    assert data["type"] == "FeatureCollection"
    assert data["licence"]["name"] == "CC BY 4.0"
    (feature,) = data["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {
        "type": "Point",
        "coordinates": [Decimal("11.0845"), Decimal("55.6621")],
    }
    assert feature["properties"] == {
        "name": "Ørsted",
        "slug": "orsted",
        "kind": "company",
        "membership": "full",
        "url": "http://testserver/da/" + reverse_path("partners:detail", "da", slug="orsted"),
    }


@pytest.mark.parametrize(
    "path",
    [
        "flows.xml",
        "flows.geojson",
        "sites.csv",
        "sites.json",
        "partners.geojson",
        "secrets.json",
        "FLOWS.csv",
        "flows.csv.json",
        "flows.",
        "flows.csv%00",
        "..%2f..%2fsettings.py",
        "flows.%3Cscript%3E",
        "figures.json;rm",
    ],
)
def test_any_other_dataset_or_format_is_not_found(client, symbiosis, path):
    with translation.override("en"):
        base = reverse("exchanges:open-data")
    response = client.get(base + path)
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()


def test_downloads_refuse_to_be_posted_to(client, symbiosis):
    assert client.post(url("flows", "csv")).status_code == 405
    assert client.head(url("flows", "csv")).status_code == 200


@pytest.mark.parametrize(("dataset", "fmt"), FORMATS)
def test_one_query_per_download_whatever_the_size(client, django_assert_num_queries, dataset, fmt):
    def add_flow():
        supplier = PartnerFactory(latitude=Decimal("55.1"), longitude=Decimal("11.1"))
        FlowFigureFactory(flow=FlowFactory(supplier=supplier), co2_avoided_t=1)
        return supplier

    add_flow()
    with django_assert_num_queries(1):
        download(client, dataset, fmt)
    for _ in range(25):
        last = add_flow()
    with django_assert_num_queries(1):
        response = download(client, dataset, fmt)
    assert f'"{last.slug}"' in response.content.decode() or f",{last.slug}," in (
        response.content.decode()
    )


# -- Kept until content changes (symbiosis/kept.py; issue 14) -------------------


def cache_entries():
    from django.core.cache import cache

    return len(cache._cache)  # local memory, as in the tests


@pytest.mark.parametrize(("dataset", "fmt"), [("figures", "csv"), ("flows", "json")])
def test_a_hundred_requests_with_made_up_query_strings_get_one_kept_file(
    client, settings, symbiosis, django_assert_num_queries, dataset, fmt
):
    # The page cache keeps no file over 4 MB, as the figures are at large data.
    settings.CACHE_PAGES_SECONDS = 0
    first = download(client, dataset, fmt, "da")
    entries = cache_entries()

    with django_assert_num_queries(0):
        answers = [
            client.get(f"{url(dataset, fmt, 'da')}?utm_source=n{n}&x={n}") for n in range(100)
        ]

    assert {answer.status_code for answer in answers} == {200}
    assert {answer["ETag"] for answer in answers} == {first["ETag"]}
    assert all(answer.content == first.content for answer in answers)
    assert cache_entries() == entries


def test_saving_a_partner_changes_the_kept_file(client, settings, symbiosis):
    settings.CACHE_PAGES_SECONDS = 0
    before = download(client, "partners", "csv")
    assert "Ørsted A/S" not in before.content.decode()

    symbiosis["orsted"].name = "Ørsted A/S"
    symbiosis["orsted"].save()
    after = download(client, "partners", "csv", **{"If-None-Match": before["ETag"]})

    assert after.status_code == 200
    assert "Ørsted A/S" in after.content.decode()
    assert after["ETag"] != before["ETag"]


def test_a_browser_gets_the_kept_file_gzipped_with_a_weak_etag(client, settings, symbiosis):
    import gzip

    settings.CACHE_PAGES_SECONDS = 0
    plain = download(client, "flows", "csv")
    packed = download(client, "flows", "csv", **{"Accept-Encoding": "gzip, deflate, br"})

    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert int(packed["Content-Length"]) == len(packed.content)
    assert packed["ETag"] == f"W/{plain['ETag']}"
    assert "Accept-Encoding" in packed["Vary"]
    again = download(
        client, "flows", "csv", **{"Accept-Encoding": "gzip", "If-None-Match": packed["ETag"]}
    )
    assert again.status_code == 304


# -- The files agree with the pages --------------------------------------------


def test_figures_sum_of_co2_per_year_equals_the_impact_page(client, symbiosis):
    for year, co2 in [(2019, "17000"), (2019, "250.25"), (2020, "3")]:
        FlowFigureFactory(flow=FlowFactory(), year=year, co2_avoided_t=Decimal(co2))
    FlowFigureFactory(flow=FlowFactory(), expected=True, co2_avoided_t=Decimal(50))

    data = json_of(download(client, "figures", "json"))
    per_year = defaultdict(Decimal)
    for figure in data["figures"]:
        if figure["kind"] == "realised" and figure["co2_avoided_t"] is not None:
            per_year[figure["year"]] += Decimal(figure["co2_avoided_t"])

    totals, _left_out = computed_totals()
    assert {year: total.quantity.value for year, total in totals[CO2].items()} == dict(per_year)
    assert dict(per_year) == {
        1995: Decimal("1234.5"),
        2019: Decimal("17250.251"),
        2020: Decimal("3"),
    }
    # And the numbers the impact page prints for those years.
    with translation.override("en"):
        page = soup(client.get(reverse("exchanges:impact")))
    computed = {
        row.th.get_text(): " ".join(row.select("td")[0].get_text().split())
        for row in page.select("#co2 tbody tr.row-computed")
    }
    assert computed == {"1995": "1,235 t", "2019": "17,250 t", "2020": "3 t"}  # rounded to t


def test_flows_json_has_as_many_flows_as_the_flow_list_shows(client, symbiosis):
    for _ in range(5):
        FlowFactory()
    data = json_of(download(client, "flows", "json"))
    with translation.override("en"):
        flow_list = soup(client.get(reverse("exchanges:flows")))
    assert len(data["flows"]) == len(flow_list.select("table tbody tr")) == 6
    assert len(data["flows"]) == Flow.objects.published().count()


def test_csv_and_json_hold_the_same_records(client, symbiosis):
    for dataset in ("partners", "flows", "figures"):
        header, *rows = csv_rows(download(client, dataset, "csv"))
        records = json_of(download(client, dataset, "json"))[dataset]
        assert [int(r[0]) for r in rows] == [r["id"] for r in records]
        assert len(header) == len(DATASETS[dataset].fields)
    assert FlowFigure.objects.count() == 3  # one of them belongs to the hidden flow


# -- The page that documents them ------------------------------------------------


def open_data_page(client, language="en"):
    with translation.override(language):
        return client.get(reverse("exchanges:open-data"))


def test_page_documents_every_field_of_every_dataset(client, symbiosis):
    response = open_data_page(client)
    page = soup(response)

    assert len(page.find_all("h1")) == 1
    assert page.h1.get_text() == "Open data"
    for dataset in DATASETS.values():
        table = page.select_one(f"#{dataset.slug} table")
        documented = [" ".join(th.get_text(" ").split()) for th in table.select("tbody th")]
        expected = []
        for field in dataset.fields:
            keys = [f"properties.{field.key}"] if dataset.slug == "sites" else field.json_keys()
            expected.append(" ".join(keys))
        assert documented == expected, dataset.slug
        for row in table.select("tbody tr"):
            cells = row.select("td")
            assert all(cell.get_text(strip=True) for cell in cells), row  # type, unit, meaning…
    flows = page.select_one("#flows table")
    assert flows.select_one("thead").get_text(" ", strip=True).split(" ")[:1] == ["JSON"]
    first = [c.get_text(strip=True) for c in flows.select("tbody tr")[1].select("td")]
    assert first[1] == "Supplier"  # the English CSV header; the Danish one is beside it
    assert "Codes: energy (Energy), water (Water), material (Materials)" in text_of(response)


def test_page_states_the_licence_and_how_to_cite(client, symbiosis):
    response = open_data_page(client)
    page = soup(response)
    licence = page.select_one('a[rel="license"]')
    assert licence["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "CC BY 4.0" in licence.get_text()
    citation = " ".join(page.select_one(".citation").get_text().split())
    assert citation.startswith("Kalundborg Symbiose: Open data")
    assert "http://testserver/en/open-data/" in citation
    assert "byte order mark" in text_of(response)


def test_page_links_every_download_with_format_and_size(client, symbiosis):
    response = open_data_page(client, "da")
    links = soup(response).select(".downloads a")

    assert [link["href"] for link in links] == [url(d, f, "da") for d, f in ON_THE_PAGE]
    for link, (dataset, fmt) in zip(links, ON_THE_PAGE, strict=True):
        size = len(download(client, dataset, fmt, "da").content)
        item = " ".join(link.parent.get_text().split())
        assert (
            link["download"]
            == f"kalundborg-symbiosis-{dataset}{'' if fmt == 'json' else '-da'}.{fmt}"
        )
        assert link["download"] in item
        assert {"csv": "CSV", "json": "JSON", "geojson": "GeoJSON"}[fmt] in link.get_text()
        # The size the page gives is the file's, rounded as file sizes are (1,2 KB).
        with translation.override("da"):
            assert " ".join(filesizeformat(size).split()) in item


def test_page_query_count_does_not_grow(client, django_assert_num_queries):
    # One query per dataset: partners, flows, figures, sites and the listings.
    FlowFigureFactory()
    ImpactStatementFactory()
    with django_assert_num_queries(5 + NAVIGATION):
        open_data_page(client)
    for _ in range(20):
        FlowFigureFactory(flow=FlowFactory(supplier=PartnerFactory(latitude=1, longitude=2)))
    with django_assert_num_queries(5 + NAVIGATION):
        response = open_data_page(client)
    assert "21 records today" in text_of(response)


def test_page_estimates_big_files_from_a_sample(client, monkeypatch):
    from exchanges.opendata import OpenDataView

    monkeypatch.setattr(OpenDataView, "SAMPLE", 5)
    for _ in range(40):
        FlowFactory()

    page = soup(open_data_page(client))

    assert "40 records today" in " ".join(page.select_one("#flows").get_text().split())
    link = page.select_one('#flows .downloads a[href$=".csv"]')
    actual = len(client.get(link["href"]).content)
    shown = " ".join(link.parent.get_text().split())
    kilobytes = float(re.search(r"about ([\d.]+) KB", shown).group(1))
    assert abs(kilobytes * 1024 - actual) < actual * 0.1, (shown, actual)
