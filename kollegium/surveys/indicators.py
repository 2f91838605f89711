"""The customer satisfaction group of the indicator report (kollegium/indicators/report.py).

A round belongs to a period when its year is one of the period's years (rounds are yearly; a
semester shows its year's rounds). Only sent rounds count. Each garden's round has the
garden's round of the year before beside it; the network row pools every answer of the
period's rounds, beside the rounds of the previous period. Counts only: no company names, no
free text (those stay on the round's own page, for the garden's staff and the coordinator).
"""

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

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
from kollegium.surveys.models import DETRACTOR_UP_TO, PROMOTER_FROM, SurveyResponse, SurveyRound
from kollegium.surveys.selectors import Score, scores


def _years(period: Period) -> range:
    return range(period.start.year, period.end.year + 1)


def _rounds(scope: Scope, years):
    rounds = SurveyRound.objects.filter(sent_at__isnull=False, year__in=list(years))
    return rounds.filter(**scope.gardens_filter("garden_id")).select_related("garden")


def _pooled(scope: Scope, years) -> Score:
    """Every answer of the rounds of these years as one score (two queries)."""
    rounds = _rounds(scope, years)
    invited = sum(s.invited for s in scores(rounds.values_list("pk", flat=True)).values())
    figures = SurveyResponse.objects.filter(round__in=rounds).aggregate(
        n=Count("pk"),
        average=Avg("score"),
        promoters=Count("pk", filter=Q(score__gte=PROMOTER_FROM)),
        detractors=Count("pk", filter=Q(score__lte=DETRACTOR_UP_TO)),
    )
    average = figures["average"]
    return Score(
        invited=invited,
        answered=figures["n"],
        average=round(average, 1) if average is not None else None,
        promoters=figures["promoters"],
        detractors=figures["detractors"],
    )


def _cells(score: Score | None) -> list | None:
    if score is None:
        return None
    return [score.invited, score.answered, score.response_rate, score.average, score.nps]


def _columns(first: Column) -> list[Column]:
    return [
        first,
        Column("invited", _("Invited companies")),
        Column("answered", _("Answers")),
        Column("response_rate", _("Response rate"), "percent"),
        Column("average", _("Average (0–10)"), "decimal"),
        Column("nps", _("NPS")),
    ]


def _note() -> str:
    return _(
        "Companies answer 0–10 how likely they would recommend the garden. NPS (Net Promoter "
        "Score) is the share of promoters (9–10) minus the share of detractors (0–6), from -100 "
        "to 100. Response rate: companies that answered of those invited. Each garden's round has "
        "its round of the year before beside it."
    )


@register(order=70)
def satisfaction_group(scope: Scope, period: Period, previous: Period) -> Group | None:
    years = _years(period)
    rounds = list(_rounds(scope, [years.start - 1, *years]).order_by("garden__name", "year", "pk"))
    if not any(r.year in years for r in rounds):
        return None
    found = scores(r.pk for r in rounds)
    by_key = {(r.garden_id, r.year): r for r in rounds}
    rows = []
    for r in rounds:
        if r.year not in years:
            continue
        before = by_key.get((r.garden_id, r.year - 1))
        label = f"{r.garden.name} {r.year}"
        rows.append(
            Row(
                [label, *_cells(found[r.pk])],
                [None, *_cells(found[before.pk])] if before else None,
            )
        )
    now, then = _pooled(scope, years), _pooled(scope, _years(previous))
    network = Table(
        "satisfaction_total",
        _("Customer satisfaction, all answers"),
        _columns(Column("label", _("Rounds"), "text", False)),
        [Row([scope.label, *_cells(now)], [None, *_cells(then)])],
        note=_note(),
        public=True,
    )
    per_round = Table(
        "satisfaction_rounds",
        _("Customer satisfaction per garden and round"),
        _columns(Column("round", _("Garden and year"), "text", False)),
        rows,
        note=_note(),
    )
    chart = None
    if not scope.public:
        chart = Chart(
            "bars",
            _("Average score (0–10) per garden and round"),
            [row.cells[0] for row in rows],
            [Series(_("Average (0–10)"), [row.cells[4] for row in rows])],
        )
    return Group("satisfaction", _("Customer satisfaction"), [network, per_round], chart)
