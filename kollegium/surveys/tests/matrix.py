"""Garden B's survey rounds for the permission matrices (kollegium/core/tests/plugged.py).

sent_b: garden B's 2025 round, sent, with company_b invited (its link is the answer URL);
draft_b: garden B's 2026 round, not sent yet. Garden B's staff read both; its leader (and
the coordinator, and the operator) sends and reminds; other gardens' staff get 404.
"""

from django.utils import timezone

from kollegium.api.tests.rules import B_PRIVATE, CALLERS, EVERYONE, STAFF, created
from kollegium.surveys.links import answer_token
from kollegium.surveys.models import SurveyInvitation, SurveyRound


def sent_b_object(garden_b, company_b) -> SurveyRound:
    survey_round, _created = SurveyRound.objects.get_or_create(
        garden=garden_b, year=2025, defaults={"sent_at": timezone.now()}
    )
    SurveyInvitation.objects.get_or_create(
        round=survey_round, company=company_b, defaults={"sent_at": survey_round.sent_at}
    )
    return survey_round


def draft_b_object(garden_b) -> SurveyRound:
    return SurveyRound.objects.get_or_create(garden=garden_b, year=2026)[0]


def _token(garden_b, company_b) -> str:
    survey_round = sent_b_object(garden_b, company_b)
    return answer_token(survey_round.invitations.get(company=company_b))


# The rules of kollegium/core/tests/test_permission_matrix.py.
PUBLIC, STAFF_READ, DENIED_EXCEPT_COORDINATOR = "public", "staff_read", "denied_except_coordinator"

URLS = {
    "surveys:list": (STAFF_READ, lambda c: {}),
    "surveys:create": (DENIED_EXCEPT_COORDINATOR, lambda c: {"slug": c["garden_b"].slug}),
    "surveys:round": (
        DENIED_EXCEPT_COORDINATOR,
        lambda c: {"pk": sent_b_object(c["garden_b"], c["company_b"]).pk},
    ),
    "surveys:send": (DENIED_EXCEPT_COORDINATOR, lambda c: {"pk": draft_b_object(c["garden_b"]).pk}),
    "surveys:remind": (
        DENIED_EXCEPT_COORDINATOR,
        lambda c: {"pk": sent_b_object(c["garden_b"], c["company_b"]).pk},
    ),
    "surveys:answer": (PUBLIC, lambda c: {"token": _token(c["garden_b"], c["company_b"])}),
}

B_READERS = {**B_PRIVATE, "cora": 200}
B_MANAGERS = {**B_READERS, "charlie": 403}
NEW_ROUND = {"garden": "roros", "year": 2030}
NEW_ROUND_RULE = {
    **dict.fromkeys(CALLERS, 403),
    "anon": 401,
    "cora": 201,
    "diana": 201,
    "olga": 201,
}

API_TABLE = [
    ("GET", "/survey-rounds", None, STAFF),
    ("POST", "/survey-rounds", NEW_ROUND, NEW_ROUND_RULE),
    ("GET", "/survey-rounds/{survey_round_b}", None, B_READERS),
    ("GET", "/survey-rounds/{survey_round_b}/results", None, B_READERS),
    ("POST", "/survey-rounds/{draft_round_b}/send", None, B_MANAGERS),
    ("POST", "/survey-rounds/{survey_round_b}/remind", None, B_MANAGERS),
    # The answer needs no token: the link's own token is the key (first answer counts).
    ("POST", "/survey-answers/{survey_token_b}", {"score": 8}, created(EVERYONE)),
]

API_PLACEHOLDERS = {
    "{survey_round_b}": "{round_id}",
    "{draft_round_b}": "{round_id}",
    "{survey_token_b}": "{token}",
}


def api_world(request) -> dict:
    garden_b = request.getfixturevalue("garden_b")
    company_b = request.getfixturevalue("company_b")
    return {
        "survey_round_b": sent_b_object(garden_b, company_b).pk,
        "draft_round_b": draft_b_object(garden_b).pk,
        "survey_token_b": _token(garden_b, company_b),
    }
