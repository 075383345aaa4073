"""Bar charts drawn on the server: years across, a bar for each figure of a year.

`bar_chart` places the bars, the value labels, the year labels and the scale
of a chart in SVG user units; the template draws them. It takes plain values
(years, numbers, labels already written for the reader's language) and touches
no database. A `Frame` says a chart's size and manner: the flow page's small
chart and the impact page's charts are two frames of the same drawing.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal


@dataclass(frozen=True)
class Frame:
    """A chart's size and margins in SVG units, and how its bars and labels are set."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    widest_bar: float  # no bar is wider than this
    fill: float  # how much of its year's slot a year's bars take together
    gap: float = 0  # between two bars of one year
    year_below: int = 24  # the year labels' baseline, below the axis
    # A scale of round steps with grid lines and tick labels; without it the
    # largest bar reaches the top, and the values are written over the bars only.
    scale: bool = True
    # Value labels only where they fit, year labels thinned out when years crowd;
    # without it every bar has both.
    fit_labels: bool = True


@dataclass
class Bar:
    """A figure of a year, and where it is drawn."""

    year: int
    value: Decimal  # in the chart's unit
    label: str  # the value as text, in the chart's unit
    title: str = ""  # tooltip: year, value, where it comes from
    kind: str = ""  # what sort of figure it is (a CSS class: "computed", "published")
    origin: str = ""  # where it comes from: "published by …" or "computed from …"
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    centre: float = 0
    show_label: bool = True

    @property
    def label_y(self):
        return round(self.y - 6, 1)


@dataclass
class Chart:
    """A laid-out bar chart; `id`, `title` and `unit` are for the template to show."""

    bars: list
    frame: Frame
    grid: list = field(default_factory=list)  # (y, tick label)
    years: list = field(default_factory=list)  # (x, year label)
    id: str = ""
    title: str = ""
    unit: object = None

    @property
    def width(self):
        return self.frame.width

    @property
    def height(self):
        return self.frame.height

    @property
    def left(self):
        return self.frame.left

    @property
    def plot_bottom(self):
        return self.frame.height - self.frame.bottom

    @property
    def right_edge(self):
        return self.frame.width - self.frame.right

    @property
    def label_x(self):
        return self.frame.left - 8

    @property
    def year_y(self):
        return self.plot_bottom + self.frame.year_below

    @property
    def view_box(self):
        return f"0 0 {self.frame.width} {self.frame.height}"

    @property
    def kinds(self):
        return {bar.kind for bar in self.bars}

    @property
    def sources(self):
        """(where it comes from, its years) for the caption: 'computed …', '2006–2025'."""
        years = defaultdict(set)
        for bar in self.bars:
            years[bar.origin].add(bar.year)
        return [
            (origin, year_ranges(sorted(ys)))
            for origin, ys in sorted(years.items(), key=lambda item: min(item[1]))
        ]


def bar_chart(bars, frame, *, tick_label=str, **about):
    """The `bars` laid out in `frame`, grouped by year in the order given; `about`
    is the chart's `id`, `title` and `unit`. `tick_label` writes a scale's number."""
    plot_width = frame.width - frame.left - frame.right
    plot_bottom = frame.height - frame.bottom
    plot_height = plot_bottom - frame.top
    largest = max((bar.value for bar in bars), default=0)
    grid = []
    if frame.scale:
        top, step = nice_scale(largest)
        tick = Decimal(0)
        while tick <= top:
            grid.append((round(plot_bottom - float(tick / top) * plot_height, 1), tick_label(tick)))
            tick += step
    else:
        top = largest or 1
    by_year = defaultdict(list)
    for bar in bars:
        by_year[bar.year].append(bar)
    slot = plot_width / max(len(by_year), 1)
    most = max((len(year_bars) for year_bars in by_year.values()), default=1)
    bar_width = min(frame.widest_bar, slot * frame.fill / most)
    # Year labels thin out when the years crowd (about 40 units for "2020").
    every = max(1, round(44 / slot + 0.49)) if frame.fit_labels else 1
    years = []
    for index, (year, year_bars) in enumerate(sorted(by_year.items())):
        centre = frame.left + slot * (index + 0.5)
        start = centre - bar_width * len(year_bars) / 2
        for position, bar in enumerate(year_bars):
            x = start + position * bar_width + frame.gap / 2
            height = float(bar.value / top) * plot_height
            bar.x, bar.width = round(x, 1), round(bar_width - frame.gap, 1)
            bar.y, bar.height = round(plot_bottom - height, 1), round(height, 1)
            bar.centre = round(x + (bar_width - frame.gap) / 2, 1)
            # A value label where it fits (≈7.5 units a character): over a year's
            # single bar it may spread over the year's slot.
            room = slot if len(year_bars) == 1 else bar_width
            bar.show_label = not frame.fit_labels or len(bar.label) * 7.5 <= room - 4
        if index % every == 0:
            years.append((round(centre, 1), str(year)))
    return Chart(bars=bars, frame=frame, grid=grid, years=years, **about)


def nice_scale(largest, ticks=4):
    """(top, step) of a y axis: round steps of 1, 2, 2.5 or 5 × 10ⁿ reaching `largest`."""
    largest = Decimal(largest)
    if largest <= 0:
        return Decimal(1), Decimal("0.25")
    raw = largest / ticks
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = next(
        m * magnitude
        for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
        if m * magnitude >= raw
    )
    steps = (largest / step).to_integral_value(rounding=ROUND_CEILING)
    return step * steps, step


def year_ranges(years):
    """'1995, 2006–2008, 2010' from sorted years."""
    runs = []
    for year in years:
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
