"""API of the satisfaction surveys: rounds and their results for staff; the answer by a
company's link for anyone holding it (no token: the link is the key).

A round of another garden answers 404; one of the caller's own garden they may read but not
send answers 403. Sending or reminding twice answers 409, like answering twice.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from kollegium.api.auth import require_staff
from kollegium.api.errors import ApiError
from kollegium.api.pagination import DEFAULT_LIMIT, MAX_LIMIT
from kollegium.network import permissions
from kollegium.network.api import garden_from_slug
from kollegium.surveys import access, selectors, services
from kollegium.surveys.links import invitation_for_token
from kollegium.surveys.models import SCORE_MAX, SCORE_MIN, SurveyRound
from kollegium.surveys.services import TEXT_LIMIT

router = Router(tags=["surveys"])


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


class GardenRef(Schema):
    slug: str
    name: str


class RoundOut(Schema):
    id: int
    garden: GardenRef
    year: int
    intro: str
    closes_on: datetime.date | None
    sent_at: datetime.datetime | None
    reminded_at: datetime.datetime | None
    invited: int = Field(description="Companies that got the e-mail")
    answered: int
    response_rate: float | None = Field(description="Per cent of invited companies, 0-100")
    average: float | None = Field(description="Mean score, 0-10")
    nps: int | None = Field(description="% promoters (9-10) minus % detractors (0-6)")
    promoters: int
    passives: int
    detractors: int


class RoundPage(Schema):
    count: int
    items: list[RoundOut]


class RoundIn(InputSchema):
    garden: str | None = Field(None, description="Garden slug; default the caller's garden")
    year: int = Field(ge=2000, le=2100)
    intro: str = Field("", max_length=2000)
    closes_on: datetime.date | None = None


class AnswerOut(Schema):
    score: int
    did_well: str
    to_improve: str
    answered_at: datetime.datetime


class CompanyOut(Schema):
    org_number: str
    name: str
    answered: bool


class ResultsOut(Schema):
    round: RoundOut
    distribution: dict[str, int] = Field(description="Answers per score, 0 to 10")
    answers: list[AnswerOut] = Field(description="Highest score first; no company names")
    companies: list[CompanyOut] = Field(description="Invited companies and whether they answered")


class AnswerIn(InputSchema):
    score: int = Field(ge=SCORE_MIN, le=SCORE_MAX)
    did_well: str = Field("", max_length=TEXT_LIMIT)
    to_improve: str = Field("", max_length=TEXT_LIMIT)


class AnswerReceipt(Schema):
    garden: GardenRef
    year: int
    score: int


def _round_out(survey_round: SurveyRound, score: selectors.Score) -> dict:
    return {
        "id": survey_round.pk,
        "garden": survey_round.garden,
        "year": survey_round.year,
        "intro": survey_round.intro,
        "closes_on": survey_round.closes_on,
        "sent_at": survey_round.sent_at,
        "reminded_at": survey_round.reminded_at,
        "invited": score.invited,
        "answered": score.answered,
        "response_rate": score.response_rate,
        "average": score.average,
        "nps": score.nps,
        "promoters": score.promoters,
        "passives": score.passives,
        "detractors": score.detractors,
    }


def _one(survey_round: SurveyRound) -> dict:
    return _round_out(survey_round, selectors.scores([survey_round.pk])[survey_round.pk])


def _conflict(exc: ValidationError):
    """A round sent or reminded twice is a conflict with what exists (409); other refusals
    (nothing to send to) are unprocessable (422)."""
    code = getattr(exc, "code", None) or ""
    status = 409 if code.startswith("already") else 422
    return ApiError(status, " ".join(exc.messages), code=code or "")


@router.get("/survey-rounds", response=RoundPage)
def round_list(
    request,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
):
    """Rounds of the caller's garden (every garden's, for the coordinator), newest first."""
    rounds = selectors.visible_rounds(require_staff(request))
    page = selectors.rounds_with_scores(rounds[offset : offset + limit])
    return {"count": rounds.count(), "items": [_round_out(r, s) for r, s in page]}


@router.post("/survey-rounds", response={201: RoundOut})
def round_create(request, payload: RoundIn):
    """A new round, unsent: the garden's leader or the coordinator."""
    user = require_staff(request)
    data = payload.model_dump()
    slug = data.pop("garden")
    garden = garden_from_slug("garden", slug) if slug else access.my_garden(user)
    if garden is None:
        raise ApiError(422, _("Name the garden."), fields={"garden": [_("Name the garden.")]})
    if not permissions.can_manage_survey(user, garden.pk):
        raise ApiError(403)
    survey_round = services.survey_round_create(actor=user, garden=garden, **data)
    return Status(201, _one(survey_round))


@router.get("/survey-rounds/{int:round_id}", response=RoundOut)
def round_detail(request, round_id: int):
    return _one(access.get_round_for_view(require_staff(request), round_id))


@router.get("/survey-rounds/{int:round_id}/results", response=ResultsOut)
def round_results(request, round_id: int):
    """The figures, the answers per score, the free-text answers (without company names) and
    who has answered: the garden's staff and the coordinator."""
    survey_round = access.get_round_for_view(require_staff(request), round_id)
    results = selectors.round_results(survey_round)
    return {
        "round": _round_out(survey_round, results.score),
        "distribution": {str(value): count for value, count in results.distribution},
        "answers": results.answers,
        "companies": [
            {
                "org_number": i.company.org_number,
                "name": i.company.name,
                "answered": hasattr(i, "response"),
            }
            for i in results.invitations
        ],
    }


@router.post("/survey-rounds/{int:round_id}/send", response=RoundOut)
def round_send(request, round_id: int):
    """E-mail the link to every company's contacts; once (409 when sent already)."""
    user = require_staff(request)
    survey_round = access.get_round_for_manage(user, round_id)
    try:
        services.survey_round_send(actor=user, survey_round=survey_round)
    except ValidationError as exc:
        raise _conflict(exc) from exc
    return _one(survey_round)


@router.post("/survey-rounds/{int:round_id}/remind", response=RoundOut)
def round_remind(request, round_id: int):
    """Remind the companies that have not answered; once (409 when reminded already)."""
    user = require_staff(request)
    survey_round = access.get_round_for_manage(user, round_id)
    try:
        services.survey_round_remind(actor=user, survey_round=survey_round)
    except ValidationError as exc:
        raise _conflict(exc) from exc
    except services.SurveyClosed as exc:
        raise ApiError(409, str(exc), code="survey_closed") from exc
    return _one(survey_round)


@router.post("/survey-answers/{token}", response={201: AnswerReceipt}, auth=None)
def answer_submit(request, token: str, payload: AnswerIn):
    """A company's answer by the token of its link (no API token needed). The first answer
    counts: another answers 409 ``already_answered``; after the closing date 409
    ``survey_closed``; an unknown link 404."""
    invitation = invitation_for_token(token)
    if invitation is None:
        raise ApiError(404, _("The survey link is not valid."))
    try:
        response = services.survey_answer_submit(invitation=invitation, **payload.model_dump())
    except services.AlreadyAnswered as exc:
        raise ApiError(409, str(exc), code="already_answered") from exc
    except services.SurveyClosed as exc:
        raise ApiError(409, str(exc), code="survey_closed") from exc
    survey_round = invitation.round
    return Status(
        201, {"garden": survey_round.garden, "year": survey_round.year, "score": response.score}
    )
