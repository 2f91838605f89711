"""Geometry, in whole pixels, of the server-rendered SVG bar chart of growth per garden.

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
