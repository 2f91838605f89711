"""Siva's measures for the programme companies: growth since admission, per garden and network.

The figures come from ``selectors.programme_growth``, limited to the accounts years up to the
period's end year (so the previous period shows the growth as it stood a year earlier).
"""

from django.utils.translation import gettext as _

from kollegium.indicators import selectors
from kollegium.indicators.report import (
    Chart,
    Column,
    Group,
    Period,
    Row,
    Scope,
    Series,
    Table,
    register,
)


def _cells(total: selectors.GrowthTotal, label: str) -> list:
    changes = total.changes
    return [
        label,
        total.companies,
        total.measured,
        _rounded(changes["revenue"].percent),
        _rounded(changes["value_creation"].percent),
        _rounded(changes["employees"].percent),
        changes["employees"].absolute,
    ]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@register(order=40)
def growth_group(scope: Scope, period: Period, previous: Period) -> Group:
    reports = selectors.growth_totals([period.end.year, previous.end.year])
    now, before = reports[period.end.year], reports[previous.end.year]
    wanted = scope.garden_ids
    rows = []
    before_totals = {total.garden.pk: total for total in before.gardens}
    for total in now.gardens:
        if wanted is not None and total.garden.pk not in wanted:
            continue
        if wanted is None and not total.companies and not before_totals[total.garden.pk].companies:
            continue
        rows.append(
            Row(
                _cells(total, total.garden.name),
                [None, *_cells(before_totals[total.garden.pk], "")[1:]],
            )
        )
    network = Row(_cells(now.network, _("The network")), [None, *_cells(before.network, "")[1:]])
    rows.append(network)
    table = Table(
        "growth_programme_companies",
        _("Programme companies: growth since admission"),
        [
            Column("garden", _("Garden"), "text", False),
            Column("companies", _("Programme companies")),
            Column("measured", _("With figures for two years")),
            Column("revenue", _("Revenue growth (%)"), "percent"),
            Column("value_creation", _("Value creation growth (%)"), "percent"),
            Column("employees", _("Employee growth (%)"), "percent"),
            Column("employees_change", _("Change in employees")),
        ],
        rows,
        note=_(
            "From the admission year (or the first year with figures after it) to the latest "
            "year up to the period's end, summed over the companies with figures for both. "
            "Value creation is operating result plus wage costs."
        ),
        public=True,
    )
    return Group(
        "growth",
        _("Siva's measures"),
        [table],
        chart=Chart(
            "bars",
            _("Growth since admission (%)"),
            [row.cells[0] for row in rows],
            [
                Series(_("Revenue"), [row.cells[3] for row in rows]),
                Series(_("Value creation"), [row.cells[4] for row in rows]),
            ],
            percent=True,
        ),
    )
