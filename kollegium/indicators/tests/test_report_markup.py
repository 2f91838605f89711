"""The report's tables and charts, written in Python for speed: the markup, escaping and
numbers a reader (and a screen reader) relies on."""

import pytest
from django.utils import translation
from django.utils.formats import number_format

from kollegium.indicators.charts import render_geometry
from kollegium.indicators.numbers import LocaleNumbers
from kollegium.indicators.report import Chart, Column, Row, Series, Table
from kollegium.indicators.templatetags.indicator_report import chart_rows, chart_shapes, table_rows


def _table(rows):
    return Table(
        "t",
        "Title",
        [
            Column("label", "Garden", "text", False),
            Column("count", "Count"),
            Column("share", "Share (%)", "percent"),
        ],
        rows,
    )


def test_a_row_shows_each_figure_with_its_previous_value_in_the_locale():
    table = _table([Row(["Orkdal", 1234, 12.5], ["", 1000, None])])
    with translation.override("nb"):
        html = table_rows(table)
    assert html.startswith('<tr><th scope="row">Orkdal</th><td class="k-num">1\u00a0234')
    assert '<span class="ds-sr-only">forrige periode: </span>(1\u00a0000)' in html
    assert "+12,5\u00a0%" in html and "(—)" in html
    with translation.override("en"):
        assert "1,234" in table_rows(table) and "+12.5%" in table_rows(table)


def test_names_are_escaped_and_thin_rows_are_marked():
    table = _table([Row(["<script>x</script>", 1, None], None, flag=True)])
    with translation.override("en"):
        html = table_rows(table)
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert html.startswith('<tr class="k-thin">') and ">Thin</span>" in html
    # No previous period: no "(previous)" beside the figures.
    assert "k-prev" not in html


def test_a_chart_writes_a_bar_and_a_table_cell_per_value():
    chart = render_geometry(
        Chart("bars", "Per garden", ["A & B", "C"], [Series("Events", [3, 1500])])
    )
    with translation.override("nb"):
        shapes, rows = chart_shapes(chart), chart_rows(chart)
    assert shapes.count("<rect ") == 2 and "A &amp; B" in shapes and "1\u00a0500" in shapes
    assert rows == (
        '<tr><th scope="row">A &amp; B</th><td class="k-num">3</td></tr>'
        '<tr><th scope="row">C</th><td class="k-num">1\u00a0500</td></tr>'
    )


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_locale_numbers_write_exactly_what_django_writes(language):
    values = [0, 7, -7, 999, 1000, -1234567, 12345678901, 0.5, 2.25, -1234.5, 1e-07, 98765.43]
    with translation.override(language):
        numbers = LocaleNumbers()
        for value in values:
            for places in (0, 1, 2):
                expected = number_format(value, decimal_pos=places, force_grouping=True)
                assert numbers.number(value, places) == expected, (value, places)
