"""Reads of the satisfaction surveys: rounds with their figures, one round's results.

Definitions (also in docs/surveys.md):
- invited: companies that got the e-mail (served by the garden, with a contact's e-mail address);
- response rate: companies that answered / companies invited;
- average: the mean of the 0-10 scores;
- NPS (Net Promoter Score): % promoters (9-10) minus % detractors (0-6) of those who answered,
  a whole number from -100 to 100; no answers, no score.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, QuerySet

from kollegium.network import permissions
from kollegium.surveys.models import (
    DETRACTOR_UP_TO,
    PROMOTER_FROM,
    SCORE_MAX,
    SCORE_MIN,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
)


@dataclass
class Score:
    """The figures of one round (or of any set of answers)."""

    invited: int
    answered: int
    average: float | None
    promoters: int
    detractors: int

    @property
    def passives(self) -> int:
        return self.answered - self.promoters - self.detractors

    @property
    def response_rate(self) -> float | None:
        """Share of invited companies that answered, 0-100 (one decimal)."""
        return round(100 * self.answered / self.invited, 1) if self.invited else None

    @property
    def nps(self) -> int | None:
        if not self.answered:
            return None
        return round(100 * (self.promoters - self.detractors) / self.answered)


@dataclass
class Results:
    round: SurveyRound
    score: Score
    # How many answers gave each score, from 0 to 10.
    distribution: list[tuple[int, int]]
    answers: list[SurveyResponse] = field(default_factory=list)
    invitations: list[SurveyInvitation] = field(default_factory=list)


def scores(round_ids) -> dict[int, Score]:
    """The figures of many rounds in two grouped queries: {round id: Score}."""
    round_ids = list(round_ids)
    invited = dict(
        SurveyInvitation.objects.filter(round_id__in=round_ids)
        .values_list("round_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answers = {
        row["round_id"]: row
        for row in SurveyResponse.objects.filter(round_id__in=round_ids)
        .values("round_id")
        .annotate(
            n=Count("pk"),
            average=Avg("score"),
            promoters=Count("pk", filter=Q(score__gte=PROMOTER_FROM)),
            detractors=Count("pk", filter=Q(score__lte=DETRACTOR_UP_TO)),
        )
        .order_by()
    }
    found = {}
    for pk in round_ids:
        row = answers.get(pk, {})
        average = row.get("average")
        found[pk] = Score(
            invited=invited.get(pk, 0),
            answered=row.get("n", 0),
            average=round(average, 1) if average is not None else None,
            promoters=row.get("promoters", 0),
            detractors=row.get("detractors", 0),
        )
    return found


def visible_rounds(user) -> QuerySet[SurveyRound]:
    """Rounds the user may see, newest first."""
    return (
        SurveyRound.objects.filter(permissions.visible_survey_rounds_q(user))
        .select_related("garden")
        .order_by("-year", "garden__name", "pk")
    )


def rounds_with_scores(rounds) -> list[tuple[SurveyRound, Score]]:
    """Each round with its figures (three queries in all, however many rounds)."""
    rounds = list(rounds)
    found = scores(r.pk for r in rounds)
    return [(r, found[r.pk]) for r in rounds]


def round_results(round_: SurveyRound, *, with_invitations: bool = True) -> Results:
    """A round's figures, its answers (highest score first, without the companies' names:
    the staff read what was said, not who said it) and its invitations with their answers."""
    answers = list(round_.responses.order_by("-score", "pk"))
    counts = {n: 0 for n in range(SCORE_MIN, SCORE_MAX + 1)}
    for answer in answers:
        counts[answer.score] += 1
    invitations = []
    if with_invitations:
        invitations = list(
            round_.invitations.select_related("company", "response").order_by("company__name")
        )
    return Results(
        round=round_,
        score=scores([round_.pk])[round_.pk],
        distribution=sorted(counts.items()),
        answers=answers,
        invitations=invitations,
    )


def satisfaction_table(*, gardens=None, since_year=None, until_year=None):
    """Score and response rate per garden and round (the indicators' satisfaction group):
    [(round, Score)], by garden then year."""
    rounds = SurveyRound.objects.filter(sent_at__isnull=False).select_related("garden")
    if gardens is not None:
        rounds = rounds.filter(garden__in=gardens)
    if since_year is not None:
        rounds = rounds.filter(year__gte=since_year)
    if until_year is not None:
        rounds = rounds.filter(year__lte=until_year)
    return rounds_with_scores(rounds.order_by("garden__name", "year", "pk"))
