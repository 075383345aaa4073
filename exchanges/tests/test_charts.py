"""Bar charts laid out without a database: bars, labels and scales where a reader expects them."""

from decimal import Decimal
from itertools import pairwise

import pytest

from exchanges.charts import Bar, Frame, bar_chart, nice_scale, year_ranges
from exchanges.views import CHART as PLAIN  # the flow page's: no scale, every bar labelled

FRAME = Frame(
    width=720, height=320, left=96, right=16, top=32, bottom=40, widest_bar=48.0, fill=0.8, gap=2
)


def bars(*figures):
    return [Bar(year=year, value=Decimal(value), label=str(value)) for year, value in figures]


def test_bars_stand_on_the_axis_inside_the_plot_and_grow_with_their_value():
    chart = bar_chart(bars((2018, 100), (2019, 250), (2020, 50)), FRAME)

    for bar in chart.bars:
        assert bar.y + bar.height == pytest.approx(chart.plot_bottom, abs=0.1)
        assert FRAME.left <= bar.x and bar.x + bar.width <= chart.right_edge
        assert bar.y >= FRAME.top
    heights = [bar.height for bar in chart.bars]
    assert heights.index(max(heights)) == 1
    assert heights[0] == pytest.approx(2 * heights[2], abs=0.2)
    # Across, in the order of their years, none overlapping the next.
    for left, right in pairwise(chart.bars):
        assert left.x + left.width < right.x


def test_a_rounded_scale_reaches_past_the_largest_bar_in_round_steps():
    chart = bar_chart(bars((2018, 635000), (2019, 17000)), FRAME, tick_label=lambda n: f"{n:,}")

    assert [label for _y, label in chart.grid] == [
        "0",
        "200,000",
        "400,000",
        "600,000",
        "800,000",
    ]
    assert chart.grid[0][0] == chart.plot_bottom
    assert chart.grid[-1][0] == FRAME.top
    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert tallest.y > FRAME.top  # 635,000 of 800,000


def test_without_a_scale_the_largest_bar_reaches_the_top_and_every_bar_is_labelled():
    chart = bar_chart(bars((2010, 150000), (2020, 200000)), PLAIN)

    assert chart.grid == []
    assert [bar.y for bar in chart.bars] == [75.0, 40.0]
    assert [bar.show_label for bar in chart.bars] == [True, True]
    assert [bar.centre for bar in chart.bars] == [180.0, 460.0]
    assert [label for _x, label in chart.years] == ["2010", "2020"]
    assert chart.year_y == 198


def test_figures_of_one_year_stand_side_by_side_around_its_label():
    chart = bar_chart(bars((2020, 24), (2020, 14), (2021, 30)), FRAME)

    first, second, _other = chart.bars
    (year_x, label), _next_year = chart.years
    assert label == "2020"
    assert first.x + first.width < second.x
    assert (first.x + second.x + second.width) / 2 == pytest.approx(year_x, abs=0.1)


def test_value_labels_too_wide_for_their_bar_are_left_out_and_crowded_years_thin_out():
    many = bars(*((year, 1_000_000) for year in range(1980, 2020)))

    chart = bar_chart(many, FRAME)

    assert not any(bar.show_label for bar in chart.bars)
    shown = [x for x, _label in chart.years]
    assert 1 < len(shown) < 40
    assert min(b - a for a, b in pairwise(shown)) >= 40


def test_a_chart_of_zeros_still_has_a_scale():
    chart = bar_chart(bars((2020, 0)), FRAME)

    assert chart.bars[0].height == 0
    assert nice_scale(0) == (Decimal(1), Decimal("0.25"))
    assert [label for _y, label in chart.grid] == ["0", "0.25", "0.50", "0.75", "1.00"]


def test_the_caption_names_each_source_with_its_years():
    chart = bar_chart(
        [
            Bar(2019, Decimal(1), "1", origin="computed"),
            Bar(2008, Decimal(2), "2", origin="published"),
            Bar(2018, Decimal(3), "3", origin="published"),
        ],
        FRAME,
    )

    assert chart.sources == [("published", "2008, 2018"), ("computed", "2019")]
    assert chart.view_box == "0 0 720 320"


@pytest.mark.parametrize(
    ("years", "text"),
    [([2019], "2019"), ([1995, 2006, 2007, 2008, 2010], "1995, 2006–2008, 2010"), ([], "")],
)
def test_years_in_captions_are_ranges(years, text):
    assert year_ranges(years) == text
