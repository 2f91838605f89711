"""Showing the indicator report's cells as the locale writes numbers."""

from dataclasses import dataclass

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from kollegium.indicators.numbers import LocaleNumbers

register = template.Library()


@dataclass
class Cell:
    value: object
    previous: object
    kind: str
    compare: bool
    first: bool


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
def figure(value, kind: str = "int", numbers: LocaleNumbers | None = None) -> str:
    """A cell as text: counts grouped, decimals with one or two places, growth signed."""
    if value is None:
        return "—"
    if kind == "text":
        return str(value)
    numbers = numbers or LocaleNumbers()
    if kind == "percent":
        return numbers.percent(value)
    if kind == "nok":
        return numbers.nok(value)
    if isinstance(value, float):
        return numbers.number(value, 1 if value == round(value, 1) else 2)
    return numbers.count(value)


@register.filter
def chart_value(value, chart, numbers: LocaleNumbers | None = None) -> str:
    numbers = numbers or LocaleNumbers()
    return numbers.percent(value) if chart.percent else figure(value, "decimal", numbers)


@register.simple_tag
def table_rows(table) -> SafeString:
    """The body rows of a report table, written in Python: a network report has thousands of
    cells, and the same markup through the template language took most of the page's time."""
    thin = (
        ' <span class="ds-tag" data-color="warning" data-size="sm">'
        f"{conditional_escape(gettext('Thin'))}</span>"
    )
    previous_label = conditional_escape(gettext("previous period:"))
    numbers = LocaleNumbers()
    html = []
    for row in table.rows:
        html.append('<tr class="k-thin">' if row.flag else "<tr>")
        for cell in cells(row, table):
            text = conditional_escape(figure(cell.value, cell.kind, numbers))
            if cell.first:
                html.append(f'<th scope="row">{text}{thin if row.flag else ""}</th>')
                continue
            html.append(f'<td class="k-num">{text}')
            if cell.compare:
                before = conditional_escape(figure(cell.previous, cell.kind, numbers))
                html.append(
                    f' <span class="k-prev"><span class="ds-sr-only">{previous_label} </span>'
                    f"({before})</span>"
                )
            html.append("</td>")
        html.append("</tr>")
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


@register.simple_tag
def chart_shapes(chart) -> SafeString:
    """The SVG shapes of a chart (bars with their labels), written in Python like the table
    rows: a bar chart of every municipality or garden has hundreds of them."""
    esc = conditional_escape
    numbers = LocaleNumbers()
    html = []
    if chart.kind == "bars":
        html.append(
            f'<line x1="{chart.zero_x}" x2="{chart.zero_x}" y1="0" y2="{chart.height}" '
            'stroke="currentColor" stroke-width="1"/>'
        )
        for group in chart.groups:
            label = esc(Truncator(group.label).chars(32))
            html.append(
                f'<text x="0" y="{group.y + 14}" font-size="12" fill="currentColor">{label}</text>'
            )
            for bar in group.bars:
                value = esc(chart_value(bar.value, chart, numbers))
                html.append(
                    f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}" '
                    f'fill="{esc(bar.colour)}"/><text x="{chart.value_x}" y="{bar.y + 11}" '
                    f'font-size="11" fill="currentColor">{value}</text>'
                )
        return mark_safe("".join(html))  # noqa: S308 - every text above is escaped
    html.append(
        f'<line x1="0" x2="{chart.width}" y1="{chart.zero_y}" y2="{chart.zero_y}" '
        'stroke="currentColor" stroke-width="1"/>'
    )
    for group in chart.groups:
        for bar in group.bars:
            html.append(
                f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}" '
                f'fill="{esc(bar.colour)}"/>'
            )
        html.append(
            f'<text x="{group.x}" y="{group.y}" font-size="11" text-anchor="middle" '
            f'fill="currentColor">{esc(group.label)}</text>'
        )
    return mark_safe("".join(html))  # noqa: S308 - every text above is escaped


@register.simple_tag
def chart_rows(chart) -> SafeString:
    """The rows of the table beside a chart (its numbers, for screen readers and print)."""
    numbers = LocaleNumbers()
    html = []
    for group in chart.groups:
        html.append(f'<tr><th scope="row">{conditional_escape(group.label)}</th>')
        for bar in group.bars:
            value = conditional_escape(chart_value(bar.value, chart, numbers))
            html.append(f'<td class="k-num">{value}</td>')
        html.append("</tr>")
    return mark_safe("".join(html))  # noqa: S308 - every text above is escaped
