"""Geometry, in whole pixels, of the server-rendered SVG charts: growth per garden, and the
indicator report's bars and per-semester trends.

The table beside it has the same numbers; the chart is an aid to the eye, so it is hidden from
screen readers' reading order behind a short summary.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 70
BAR_HEIGHT = 14
BAR_GAP = 4
GROUP_GAP = 14
BAR_MEASURES = ("revenue", "value_creation")


@dataclass
class Bar:
    measure: str
    percent: float | None
    x: int
    y: int
    width: int


@dataclass
class Group:
    label: str
    y: int
    bars: list[Bar]


@dataclass
class Chart:
    groups: list[Group]
    height: int
    zero_x: int
    value_x: int
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT


def growth_bars(totals) -> Chart:
    """Bars of relative growth in revenue and value creation, one group per total."""
    percents = [
        total.changes[measure].percent
        for total in totals
        for measure in BAR_MEASURES
        if total.changes[measure].percent is not None
    ]
    largest = max([abs(p) for p in percents] + [1.0])
    negative = any(p < 0 for p in percents)
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    # With losses the zero line sits in the middle, otherwise at the left edge.
    zero_x = LABEL_WIDTH + (area // 2 if negative else 0)
    scale = (area / 2 if negative else area) / largest
    groups, y = [], GROUP_GAP
    for total in totals:
        bars = []
        for index, measure in enumerate(BAR_MEASURES):
            percent = total.changes[measure].percent
            # Whole pixels: templates would write floats with the locale's decimal comma.
            length = round(abs(percent or 0) * scale)
            x = zero_x - length if percent is not None and percent < 0 else zero_x
            bars.append(Bar(measure, percent, x, y + index * (BAR_HEIGHT + BAR_GAP), length))
        label = total.garden.name if total.garden else _("The network")
        groups.append(Group(label, y, bars))
        y += len(BAR_MEASURES) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    return Chart(groups, y, zero_x, WIDTH - VALUE_WIDTH + 6)


# --- report charts (report.Chart): grouped horizontal bars and a per-semester trend ----------

SERIES_COLOURS = (
    "var(--ds-color-accent-base-default)",
    "var(--ds-color-neutral-base-default)",
    "var(--ds-color-success-base-default)",
)
TREND_HEIGHT = 180
TREND_TOP = 16
TREND_BOTTOM = 36


@dataclass
class ReportBar:
    series: int
    value: float | int | None
    x: int
    y: int
    width: int
    height: int
    colour: str


@dataclass
class ReportGroup:
    label: str
    x: int
    y: int
    bars: list[ReportBar]


@dataclass
class ReportChart:
    kind: str
    title: str
    percent: bool
    legend: list[tuple[str, str]]
    groups: list[ReportGroup]
    width: int
    height: int
    zero_x: int = 0
    zero_y: int = 0
    value_x: int = 0
    bar_height: int = BAR_HEIGHT


def _scale(values: list, length: int) -> tuple[float, bool]:
    numbers = [v for v in values if v is not None]
    negative = any(v < 0 for v in numbers)
    largest = max([abs(v) for v in numbers] + [1])
    return ((length / 2 if negative else length) / largest), negative


def _legend(chart) -> list[tuple[str, str]]:
    return [(s.label, SERIES_COLOURS[i % len(SERIES_COLOURS)]) for i, s in enumerate(chart.series)]


def report_bars(chart) -> ReportChart:
    """Horizontal bars: one group per label, one bar per series (whole pixels)."""
    values = [v for s in chart.series for v in s.values]
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    scale, negative = _scale(values, area)
    zero_x = LABEL_WIDTH + (area // 2 if negative else 0)
    groups, y = [], GROUP_GAP
    for index, label in enumerate(chart.labels):
        bars = []
        for number, series in enumerate(chart.series):
            value = series.values[index]
            length = round(abs(value or 0) * scale)
            x = zero_x - length if value is not None and value < 0 else zero_x
            bar_y = y + number * (BAR_HEIGHT + BAR_GAP)
            colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
            bars.append(ReportBar(number, value, x, bar_y, length, BAR_HEIGHT, colour))
        groups.append(ReportGroup(str(label), 0, y, bars))
        y += len(chart.series) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    return ReportChart(
        "bars",
        chart.title,
        chart.percent,
        _legend(chart),
        groups,
        WIDTH,
        y,
        zero_x=zero_x,
        value_x=WIDTH - VALUE_WIDTH + 6,
    )


def report_trend(chart) -> ReportChart:
    """Columns per semester, one per series, from a common baseline (whole pixels)."""
    values = [v for s in chart.series for v in s.values]
    plot = TREND_HEIGHT - TREND_TOP - TREND_BOTTOM
    scale, _negative = _scale([abs(v) for v in values if v is not None], plot)
    count = max(len(chart.labels), 1)
    slot = (WIDTH - 20) // count
    column = max(4, (slot - 12) // max(len(chart.series), 1))
    zero_y = TREND_TOP + plot
    groups = []
    for index, label in enumerate(chart.labels):
        x = 10 + index * slot
        bars = []
        for number, series in enumerate(chart.series):
            value = series.values[index]
            height = round(abs(value or 0) * scale)
            colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
            bars.append(
                ReportBar(
                    number,
                    value,
                    x + 6 + number * column,
                    zero_y - height,
                    column - 2,
                    height,
                    colour,
                )
            )
        groups.append(ReportGroup(str(label), x + slot // 2, zero_y + 16, bars))
    return ReportChart(
        "trend",
        chart.title,
        chart.percent,
        _legend(chart),
        groups,
        WIDTH,
        TREND_HEIGHT,
        zero_y=zero_y,
    )


def render_geometry(chart) -> ReportChart:
    return report_trend(chart) if chart.kind == "trend" else report_bars(chart)
