"""Methods indicators: stages at the period's end, stage moves, pilots, adoptions, sharing.

A method belongs to the scope by its owner garden (for a project: the methods linked to it);
a pilot and an adoption by the garden that ran or adopted it (so a garden's adoptions of other
gardens' methods count for it; for a project: the pilots and adoptions of its methods).
"""

from django.db.models import Avg, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from kollegium.indicators.groups.common import average, figure_rows, keyed_rows
from kollegium.indicators.report import Chart, Column, Group, Period, Scope, Series, Table, register
from kollegium.methods.models import Adoption, Method, Pilot, Recommendation, Stage, StageMove
from kollegium.network.models import Garden


def _methods(scope: Scope, lookup: str = "") -> dict:
    """A filter for methods (``lookup`` the path to the method, e.g. "method__")."""
    if scope.kind == "project":
        return {f"{lookup}projects": scope.project}
    return scope.gardens_filter(f"{lookup}owner_id")


def _by_garden(scope: Scope) -> dict:
    """Pilots and adoptions: by the garden that ran them (for a project: of its methods)."""
    if scope.kind == "project":
        return {"method__projects": scope.project}
    return scope.gardens_filter("garden_id")


def _stages_at_end(scope: Scope, period: Period) -> dict:
    """Methods per stage as they stood at the end of ``period`` (one query)."""
    end = period.end_before
    moves = StageMove.objects.filter(method_id=OuterRef("pk"))
    last_before = moves.filter(at__lt=end).order_by("-at", "-pk").values("to_stage")[:1]
    # No move yet by then: the stage it was in before its first later move, else its stage now.
    first_after = moves.filter(at__gte=end).exclude(from_stage="").order_by("at", "pk")
    rows = (
        Method.objects.filter(created_at__lt=end, **_methods(scope))
        .annotate(
            stage_then=Coalesce(
                Subquery(last_before), Subquery(first_after.values("from_stage")[:1]), F("stage")
            )
        )
        .order_by()
        .values("stage_then")
        .annotate(n=Count("pk"))
    )
    return {row["stage_then"]: [row["n"]] for row in rows}


def methods_figures(scope: Scope, period: Period) -> dict:
    """Every methods figure of one period, in five queries."""
    in_period = {"at__gte": period.start_at, "at__lt": period.end_before}
    moves = StageMove.objects.filter(**in_period, **_methods(scope, "method__")).exclude(
        from_stage=""
    )
    moved = {
        row["to_stage"]: [row["n"]]
        for row in moves.order_by().values("to_stage").annotate(n=Count("pk"))
    }
    pilots = Pilot.objects.filter(**_by_garden(scope))
    dates = {"__gte": period.start, "__lte": period.end}
    started = {f"starts_on{k}": v for k, v in dates.items()}
    evaluated = {f"evaluated_on{k}": v for k, v in dates.items()}
    pilot_figures = pilots.aggregate(
        started=Count("pk", filter=Q(**started)),
        evaluated=Count("pk", filter=Q(**evaluated)),
        rating=Avg("rating", filter=Q(**evaluated)),
        **{
            value: Count("pk", filter=Q(**evaluated, recommendation=value))
            for value in Recommendation.values
        },
    )
    adoptions = {
        row["garden_id"]: [row["n"]]
        for row in Adoption.objects.filter(
            adopted_on__gte=period.start,
            adopted_on__lte=period.end,
            **_by_garden(scope),
        )
        .order_by()
        .values("garden_id")
        .annotate(n=Count("pk"))
    }
    shared = Method.objects.filter(
        shared_at__gte=period.start_at,
        shared_at__lt=period.end_before,
        **_methods(scope),
    ).count()
    return {
        "stages": _stages_at_end(scope, period),
        "moved": moved,
        "pilots": pilot_figures,
        "adoptions": adoptions,
        "shared": shared,
    }


@register(order=20)
def methods_group(scope: Scope, period: Period, previous: Period) -> Group:
    now, before = methods_figures(scope, period), methods_figures(scope, previous)
    stages = dict(Stage.choices)
    stage_table = Table(
        "methods_by_stage",
        _("Methods per stage at the end of the period"),
        [Column("stage", _("Stage"), "text", False), Column("methods", _("Methods"))],
        keyed_rows(now["stages"], before["stages"], stages, 1, order=Stage.values),
        public=True,
    )
    moves_table = Table(
        "methods_stage_moves",
        _("Stage moves in the period, by the stage reached"),
        [Column("stage", _("Stage reached"), "text", False), Column("moves", _("Moves"))],
        keyed_rows(now["moved"], before["moved"], stages, 1, order=Stage.values),
    )
    p, q = now["pilots"], before["pilots"]
    recommendations = dict(Recommendation.choices)
    figures = [
        (
            _("Stage moves"),
            sum(v[0] for v in now["moved"].values()),
            sum(v[0] for v in before["moved"].values()),
        ),
        (_("Pilots started"), p["started"], q["started"]),
        (_("Pilots evaluated"), p["evaluated"], q["evaluated"]),
        (_("Average pilot rating (1-5)"), average(p["rating"]), average(q["rating"])),
        *[
            (
                _("Pilots recommending: %(recommendation)s") % {"recommendation": label},
                p[value],
                q[value],
            )
            for value, label in recommendations.items()
        ],
        (
            _("Adoptions"),
            sum(v[0] for v in now["adoptions"].values()),
            sum(v[0] for v in before["adoptions"].values()),
        ),
        (_("Methods shared with the network"), now["shared"], before["shared"]),
    ]
    key_table = Table(
        "methods_key_figures",
        _("Methods in figures"),
        [Column("label", _("Figure"), "text", False), Column("value", _("Value"), "decimal")],
        figure_rows(figures),
        note=_(
            "Pilots are counted by the garden that ran them; adoptions by the garden that took "
            "the method into use; methods and stage moves by the owner garden."
        ),
        public=True,
    )
    garden_ids = set(now["adoptions"]) | set(before["adoptions"])
    names = dict(Garden.objects.filter(pk__in=garden_ids).values_list("pk", "name"))
    adoptions_table = Table(
        "methods_adoptions_by_garden",
        _("Adoptions per garden"),
        [Column("garden", _("Garden"), "text", False), Column("adoptions", _("Adoptions"))],
        keyed_rows(now["adoptions"], before["adoptions"], names, 1),
    )
    return Group(
        "methods",
        _("Methods"),
        [key_table, stage_table, moves_table, adoptions_table],
        chart=Chart(
            "bars",
            _("Methods per stage"),
            [row.cells[0] for row in stage_table.rows],
            [
                Series(period.label, [row.cells[1] for row in stage_table.rows]),
                Series(previous.label, [row.previous[1] for row in stage_table.rows]),
            ],
        ),
    )
