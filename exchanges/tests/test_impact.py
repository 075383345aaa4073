"""The impact page: unit-safe totals computed from the flows, beside published figures."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from exchanges.impact import (
    CO2,
    ENERGY,
    MATERIALS,
    WATER,
    computed_totals,
    format_number,
)
from exchanges.models import Flow, ImpactStatement
from exchanges.tests.factories import (
    FlowFactory,
    FlowFigureFactory,
    ImpactStatementFactory,
    ResourceFactory,
)
from exchanges.units import Quantity, Unit
from partners.tests.factories import PartnerFactory
from tests.html import soup, text_of
from tests.pages import NAVIGATION

pytestmark = pytest.mark.django_db


def visible(element):
    return " ".join(element.get_text().split())


def impact_page(client, language="en"):
    with translation.override(language):
        url = reverse("exchanges:impact")
    return client.get(url)


def table_rows(response, section):
    """The rows of a metric's table, as the cell texts a reader sees."""
    return [
        [" ".join(cell.get_text(" ").split()) for cell in row.select("th, td")]
        for row in soup(response).select(f"#{section} table tbody tr")
    ]


def energy_flow(**kwargs):
    return FlowFactory(resource=ResourceFactory(heat=True), **kwargs)


# -- Computation -------------------------------------------------------------


def test_kwh_and_mwh_of_one_year_add_up_in_mwh(client):
    flow = energy_flow()
    FlowFigureFactory(flow=flow, year=2019, quantity=Decimal(500), unit=Unit.KWH)
    FlowFigureFactory(flow=energy_flow(), year=2019, quantity=Decimal(2), unit=Unit.MWH)

    totals, _left_out = computed_totals()

    assert totals[ENERGY][2019].quantity == Quantity(Decimal("2.5"), Unit.MWH)
    assert totals[ENERGY][2019].figures == 2
    english = table_rows(impact_page(client, "en"), "energy")
    danish = table_rows(impact_page(client, "da"), "energy")
    assert english[0][:2] == ["2019", "2.5 MWh"]
    assert danish[0][:2] == ["2019", "2,5 MWh"]
    assert "the sum of 2 yearly figures" in english[0][3]


def test_gigajoules_are_converted_before_they_are_added(client):
    FlowFigureFactory(flow=energy_flow(), year=2020, quantity=Decimal(7200), unit=Unit.GJ)
    FlowFigureFactory(flow=energy_flow(), year=2020, quantity=Decimal(1), unit=Unit.GWH)

    totals, _left_out = computed_totals()

    # 7,200 GJ = 2,000 MWh; plus 1 GWh = 3,000 MWh, shown as 3 GWh.
    assert totals[ENERGY][2020].quantity.value.quantize(Decimal("0.001")) == Decimal("3000.000")
    assert table_rows(impact_page(client), "energy")[0][:2] == ["2020", "3 GWh"]


def test_energy_in_tonnes_of_steam_is_left_out_not_converted(client):
    steam = FlowFactory(resource=ResourceFactory(default_unit=Unit.T))
    FlowFigureFactory(flow=steam, year=1995, quantity=Decimal(215000), unit=Unit.T)
    FlowFigureFactory(flow=energy_flow(), year=1995, quantity=Decimal(140), unit=Unit.GWH)

    totals, left_out = computed_totals()

    assert totals[ENERGY][1995].quantity == Quantity(140000, Unit.MWH)
    assert left_out[ENERGY][1995] == 1
    assert MATERIALS not in totals  # steam is energy, not a material, whatever its unit
    row = table_rows(impact_page(client), "energy")[0]
    assert row[:2] == ["1995", "140 GWh"]
    assert "1 figure in tonnes or m³ left out" in row[3]


def test_materials_add_kilograms_and_tonnes_but_never_cubic_metres(client):
    gypsum = ResourceFactory(material=True)
    FlowFigureFactory(flow=FlowFactory(resource=gypsum), year=2010, quantity=2, unit=Unit.T)
    FlowFigureFactory(flow=FlowFactory(resource=gypsum), year=2010, quantity=500, unit=Unit.KG)
    FlowFigureFactory(flow=FlowFactory(resource=gypsum), year=2010, quantity=80, unit=Unit.M3)

    totals, left_out = computed_totals()

    assert totals[MATERIALS][2010].quantity == Quantity(Decimal("2.5"), Unit.T)
    assert left_out[MATERIALS][2010] == 1
    assert table_rows(impact_page(client), "materials")[0][:2] == ["2010", "2.5 t"]


def test_co2_and_water_add_up_per_year_across_categories():
    water = ResourceFactory(water=True)
    FlowFigureFactory(flow=energy_flow(), year=2019, co2_avoided_t=17000)
    FlowFigureFactory(
        flow=FlowFactory(resource=water),
        year=2019,
        co2_avoided_t=500,
        water_saved_m3=Decimal("1000000.5"),
    )
    FlowFigureFactory(flow=FlowFactory(resource=water), year=2020, water_saved_m3=3)

    totals, _left_out = computed_totals()

    assert {y: t.quantity for y, t in totals[CO2].items()} == {2019: Quantity(17500, Unit.T)}
    assert {y: t.quantity for y, t in totals[WATER].items()} == {
        2019: Quantity(Decimal("1000000.5"), Unit.M3),
        2020: Quantity(3, Unit.M3),
    }


def test_only_realised_figures_of_published_flows_count():
    counted = FlowFigureFactory(flow=energy_flow(), year=2019, co2_avoided_t=100)
    FlowFigureFactory(flow=counted.flow, expected=True, co2_avoided_t=900)
    FlowFigureFactory(flow=energy_flow(is_public=False), year=2019, co2_avoided_t=1000)
    hidden_partner = PartnerFactory(is_public=False)
    FlowFigureFactory(flow=energy_flow(receiver=hidden_partner), year=2019, co2_avoided_t=10000)

    totals, _left_out = computed_totals()

    assert totals[CO2][2019].quantity == Quantity(100, Unit.T)
    assert totals[CO2][2019].figures == 1


def test_a_year_without_figures_is_absent_not_zero():
    FlowFigureFactory(flow=energy_flow(), year=2019, quantity=1, unit=Unit.MWH)

    totals, _left_out = computed_totals()

    assert list(totals[ENERGY]) == [2019]
    assert CO2 not in totals and WATER not in totals


@pytest.mark.parametrize(
    ("value", "language", "text"),
    [
        (Decimal("635000.000"), "da", "635.000"),
        (Decimal("635000.000"), "en", "635,000"),
        (Decimal("2.500"), "da", "2,5"),
        (Decimal("2.500"), "en", "2.5"),
        (Decimal("0.2777777"), "en", "0.278"),
        (Decimal("4000000"), "da", "4.000.000"),
        (Decimal(0), "en", "0"),
    ],
)
def test_numbers_are_formatted_for_the_language(value, language, text):
    with translation.override(language):
        assert format_number(value) == text


# -- The page ------------------------------------------------------------------


def test_published_figures_show_year_note_source_and_method(client):
    ImpactStatementFactory(
        year=2018,
        value=635000,
        note_da="om året",
        note_en="per year",
        source="Ellen MacArthur Foundation",
        source_url="https://example.org/emf",
        method_en="Life-cycle assessment of the exchanges",
    )
    ImpactStatementFactory(
        year=2008, value=275000, source="voresomstilling.dk", source_url="", note_en=""
    )

    response = impact_page(client, "en")

    rows = table_rows(response, "co2")
    assert rows == [
        [
            "2008",
            "275,000 t",
            "published by voresomstilling.dk",
            "om året Not yet translated: shown in Danish",
            "Life-cycle assessment",
        ],
        [
            "2018",
            "635,000 t",
            "published by Ellen MacArthur Foundation",
            "per year",
            "Life-cycle assessment of the exchanges",
        ],
    ]
    page = soup(response)
    link = page.select_one("#co2 table a[rel=external]")
    assert link["href"] == "https://example.org/emf"
    assert link.get_text(strip=True) == "Ellen MacArthur Foundation"
    assert page.select_one("#co2 table span[lang=da]").get_text() == "om året"
    danish = table_rows(impact_page(client, "da"), "co2")
    assert [row[1] for row in danish] == ["275.000 t", "635.000 t"]


def test_computed_total_stands_next_to_the_published_one_and_says_what_it_is(client):
    ImpactStatementFactory(
        year=2018, metric=ImpactStatement.Metric.ENERGY, value=100, unit=Unit.GWH, source="EMF"
    )
    FlowFigureFactory(flow=energy_flow(), year=2018, quantity=80000, unit=Unit.MWH)

    response = impact_page(client)

    assert [row[:3] for row in table_rows(response, "energy")] == [
        ["2018", "80 GWh", "Energy exchanged, computed from the flows on this site"],
        ["2018", "100 GWh", "Energy saved, published by EMF"],
    ]
    card = visible(soup(response).select_one(".impact-card.impact-energy"))
    assert card == (
        "Energy 100 GWh published by EMF for 2018, per year "
        "80 GWh computed from the flows on this site for 2018"
    )
    flows_link = soup(response).select_one("#energy table tbody a")
    assert flows_link["href"] == "/en/flows/?year=2018&category=energy"


def test_money_in_two_currencies_gets_two_charts_and_is_never_added(client):
    ImpactStatementFactory(metric="money", value=24_000_000, unit=Unit.EUR, note_en="companies")
    ImpactStatementFactory(metric="money", value=14_000_000, unit=Unit.EUR, note_en="society")
    ImpactStatementFactory(metric="money", value=100_000_000, unit=Unit.DKK, year=2020)

    response = impact_page(client)

    page = soup(response)
    titles = [t.get_text() for t in page.select("#money svg > title")]
    assert titles == ["Money saved per year, in EUR", "Money saved per year, in DKK"]
    assert [row[1] for row in table_rows(response, "money")] == [
        "24,000,000 EUR",
        "14,000,000 EUR",
        "100,000,000 DKK",
    ]
    assert "38,000,000" not in text_of(response)
    card = visible(page.select_one(".impact-card.impact-money"))
    assert "100,000,000 DKK" in card and "2020" in card


def test_charts_are_svg_with_a_bar_per_figure_and_a_text_twin(client):
    ImpactStatementFactory(year=2008, value=275000)
    ImpactStatementFactory(year=2018, value=635000)
    FlowFigureFactory(flow=energy_flow(), year=2019, co2_avoided_t=17000)

    response = impact_page(client, "da")

    figure = soup(response).select_one("#co2 figure")
    svg = figure.select_one("svg")
    assert svg["role"] == "img"
    title = svg.title.get_text()
    assert "CO₂" in title and title.endswith(" t")
    bars = svg.select("rect.bar")
    assert [b["class"][-1] for b in bars] == ["bar-published", "bar-published", "bar-computed"]
    assert bars[2]["fill"] == "url(#chart-co2-hatch)"
    # Coordinates are numbers for the SVG, never Danish decimals (264,5).
    assert all("," not in b[a] for b in bars for a in ("x", "y", "width", "height"))
    # The tallest bar is the largest figure.
    heights = [float(b["height"]) for b in bars]
    assert heights.index(max(heights)) == 1
    assert [t.get_text() for t in svg.select("text.chart-value")] == [
        "275.000",
        "635.000",
        "17.000",
    ]
    caption = visible(soup(impact_page(client, "en")).select_one("#co2 figcaption"))
    assert caption.endswith(
        "Figures: published by Ellen MacArthur Foundation (2008, 2018); computed from the flows "
        "on this site (2019)."
    )
    assert len(table_rows(response, "co2")) == 3


def test_page_has_one_h1_and_no_inline_styles_or_scripts(client):
    ImpactStatementFactory()
    FlowFigureFactory(flow=energy_flow(), co2_avoided_t=5)
    for language in ("da", "en"):
        response = impact_page(client, language)
        page = soup(response)
        assert response.status_code == 200
        assert len(page.find_all("h1")) == 1
        assert page.select("main [style]") == []
        assert page.select("main script") == []
        assert page.select("main style") == []
    assert soup(impact_page(client, "en")).h1.get_text() == "What the symbiosis saves"


def test_sections_without_figures_say_so(client):
    response = impact_page(client)
    assert soup(response).select("main svg") == []
    assert text_of(response).count("No figures yet.") == 10  # five cards, five sections


def test_query_count_does_not_grow_with_flows_and_figures(client, django_assert_num_queries):
    FlowFigureFactory(flow=energy_flow(), co2_avoided_t=1)
    ImpactStatementFactory()
    url = reverse("exchanges:impact")
    with django_assert_num_queries(2 + NAVIGATION):
        client.get(url)

    for year in range(1990, 2020):
        flow = energy_flow()
        FlowFigureFactory(flow=flow, year=year, quantity=year, unit=Unit.MWH, co2_avoided_t=1)
        FlowFigureFactory(flow=flow, year=year, expected=True)
        ImpactStatementFactory(year=year, metric=ImpactStatement.Metric.WATER, unit=Unit.M3)
    assert Flow.objects.count() == 31
    with django_assert_num_queries(2 + NAVIGATION):
        response = client.get(url)
    assert len(table_rows(response, "energy")) == 30
