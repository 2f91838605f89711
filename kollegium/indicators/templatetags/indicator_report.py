"""Showing the indicator report's cells as the locale writes numbers."""

from dataclasses import dataclass

from django import template
from django.utils.formats import number_format

from kollegium.indicators.templatetags.key_figures import count, nok, percent

register = template.Library()


@dataclass
class Cell:
    value: object
    previous: object
    kind: str
    compare: bool
    first: bool


@register.filter
def cells(row, table) -> list[Cell]:
    """A row's cells with their column's kind and the previous period's value."""
    previous = row.previous or [None] * len(row.cells)
    return [
        Cell(
            value,
            previous[index],
            column.kind,
            column.compare and row.previous is not None,
            index == 0,
        )
        for index, (value, column) in enumerate(zip(row.cells, table.columns, strict=False))
    ]


@register.filter
def figure(value, kind: str = "int") -> str:
    """A cell as text: counts grouped, decimals with one or two places, growth signed."""
    if value is None:
        return "—"
    if kind == "text":
        return str(value)
    if kind == "percent":
        return percent(value)
    if kind == "nok":
        return nok(value)
    if isinstance(value, float):
        places = 1 if value == round(value, 1) else 2
        return number_format(value, decimal_pos=places, force_grouping=True)
    return count(value)


@register.filter
def chart_value(value, chart) -> str:
    return percent(value) if chart.percent else figure(value, "decimal")
