"""Competence coverage: per competence area, the demand in the scope against the network's staff.

Demand: needs recorded in the period (of the scope's companies, see groups/companies.py) and
sign-ups (confirmed, offered or waitlisted registrations) to the scope's events held in the
period, per area of the need or event. Supply: active staff across the whole network with the
area at each level, whatever the scope (any garden can help any other). An area is thin when
it has demand and fewer than ``THIN_BELOW`` staff at level Solid or Expert.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from kollegium.indicators.groups.companies import _needs
from kollegium.indicators.groups.programme import EMPTY_COUNTS, Window, event_window
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
from kollegium.network.models import Competence, CompetenceArea, Level
from kollegium.programme.models import EventStatus

THIN_BELOW = 2


def demand(scope: Scope, period: Period, window: Window) -> dict[int, list[int]]:
    """Area id -> [needs recorded, event sign-ups]: one query, and the programme's window."""
    found: dict[int, list[int]] = {}
    needs = _needs(scope, period).filter(areas__isnull=False)
    for row in needs.order_by().values("areas").annotate(n=Count("pk")):
        found.setdefault(row["areas"], [0, 0])[0] = row["n"]
    for row in window.rows_in(period):
        if row["status"] != EventStatus.PUBLISHED:
            continue
        signed_up = window.counts.get(row["pk"], EMPTY_COUNTS)["signed_up"]
        for area_id, _name in window.areas.get(row["pk"], []):
            found.setdefault(area_id, [0, 0])[1] += signed_up
    return found


def supply() -> dict[int, dict[int, int]]:
    """Area id -> {level: active staff}, one query."""
    rows = (
        Competence.objects.filter(person__user__is_active=True)
        .order_by()
        .values("area_id")
        .annotate(
            **{
                f"l{level}": Count("person_id", distinct=True, filter=Q(level=level))
                for level in Level.values
            }
        )
    )
    return {row["area_id"]: {level: row[f"l{level}"] for level in Level.values} for row in rows}


@register(order=50)
def competence_group(scope: Scope, period: Period, previous: Period) -> Group:
    window = event_window(scope, period, previous)
    now, before = demand(scope, period, window), demand(scope, previous, window)
    staff = supply()
    rows = []
    for area in CompetenceArea.objects.order_by("name"):
        levels = staff.get(area.pk, {})
        need, signups = now.get(area.pk, [0, 0])
        strong = levels.get(Level.SOLID, 0) + levels.get(Level.EXPERT, 0)
        rows.append(
            Row(
                [
                    area.name,
                    need,
                    signups,
                    *[levels.get(level, 0) for level in Level.values],
                ],
                [None, *before.get(area.pk, [0, 0]), None, None, None],
                flag=bool(need + signups) and strong < THIN_BELOW,
            )
        )
    labels = dict(Level.choices)
    table = Table(
        "competence_coverage",
        _("Competence coverage: demand against the network's staff"),
        [
            Column("area", _("Competence area"), "text", False),
            Column("needs", _("Needs recorded")),
            Column("signups", _("Event sign-ups")),
            *[
                Column(
                    f"level_{level}",
                    _("Staff: %(level)s") % {"level": labels[level]},
                    compare=False,
                )
                for level in Level.values
            ],
        ],
        rows,
        note=_(
            "Marked areas are thin: they have demand and fewer than %(count)s staff at level "
            "Solid or Expert across the network."
        )
        % {"count": THIN_BELOW},
        public=True,
    )
    return Group(
        "competence",
        _("Competence coverage"),
        [table],
        chart=Chart(
            "bars",
            _("Demand and expert staff per competence area"),
            [row.cells[0] for row in rows],
            [
                Series(_("Needs and sign-ups"), [row.cells[1] + row.cells[2] for row in rows]),
                Series(
                    _("Staff at level Solid or Expert"),
                    [row.cells[4] + row.cells[5] for row in rows],
                ),
            ],
        ),
    )
