"""The survey API: rounds and results for staff, the answer by a company's link."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kollegium.api.tests.conftest import Api
from kollegium.api.tests.helpers import error_of
from kollegium.surveys.links import answer_token
from kollegium.surveys.models import SurveyResponse, SurveyRound
from kollegium.surveys.tests.factories import (
    SurveyInvitationFactory,
    SurveyRoundFactory,
    sent_round,
)


@pytest.fixture
def api(client):
    return Api(client)


def test_the_leader_creates_sends_and_reminds(
    api, diana, garden_b, company_b, django_capture_on_commit_callbacks
):
    created = api.post("/survey-rounds", {"year": 2026, "intro": "Hei"}, who=diana)
    pk = created.json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        sent = api.post(f"/survey-rounds/{pk}/send", None, who=diana)
        reminded = api.post(f"/survey-rounds/{pk}/remind", None, who=diana)
    again = api.post(f"/survey-rounds/{pk}/remind", None, who=diana)

    assert created.status_code == 201
    assert created.json()["garden"] == {"slug": "roros", "name": "Rørosregionen Næringshage"}
    assert sent.status_code == 200
    assert sent.json()["invited"] == 1
    assert reminded.status_code == 200
    assert reminded.json()["reminded_at"] is not None
    assert len(mail.outbox) == 2
    assert again.status_code == 409
    assert error_of(again)["code"] == "already_reminded"


def test_a_second_round_for_the_year_is_a_conflict(api, diana, garden_b):
    SurveyRoundFactory(garden=garden_b, year=2026)

    response = api.post("/survey-rounds", {"garden": "roros", "year": 2026}, who=diana)

    assert response.status_code == 409
    assert SurveyRound.objects.count() == 1


def test_the_results_give_figures_answers_and_who_answered(api, charlie, garden_b):
    survey_round = sent_round(garden_b, 2025, [10, 6, None])

    body = api.get(f"/survey-rounds/{survey_round.pk}/results", who=charlie).json()

    assert body["round"]["response_rate"] == 66.7
    assert (body["round"]["average"], body["round"]["nps"]) == (8.0, 0)
    assert body["distribution"]["10"] == 1 and body["distribution"]["6"] == 1
    assert [a["score"] for a in body["answers"]] == [10, 6]
    assert "company" not in body["answers"][0]
    assert sorted(c["answered"] for c in body["companies"]) == [False, True, True]


def test_anyone_answers_once_by_the_link(api, garden_b, company_b):
    invitation = SurveyInvitationFactory(round=sent_round(garden_b, 2025, []), company=company_b)
    token = answer_token(invitation)

    first = api.post(f"/survey-answers/{token}", {"score": 7, "to_improve": "Mer"})
    second = api.post(f"/survey-answers/{token}", {"score": 1})
    bad = api.post(f"/survey-answers/{token}x", {"score": 1})
    invalid = api.post(f"/survey-answers/{token}", {"score": 11})

    assert first.status_code == 201
    assert first.json() == {
        "garden": {"slug": "roros", "name": "Rørosregionen Næringshage"},
        "year": 2025,
        "score": 7,
    }
    assert second.status_code == 409
    assert error_of(second)["code"] == "already_answered"
    assert bad.status_code == 404
    assert invalid.status_code == 422
    assert list(SurveyResponse.objects.values_list("score", "to_improve")) == [(7, "Mer")]


def test_the_list_costs_the_same_queries_for_10_and_200_rounds(api, cora, garden_b):
    SurveyRound.objects.bulk_create(SurveyRound(garden=garden_b, year=1800 + n) for n in range(10))
    api.get("/survey-rounds", who=cora)
    with CaptureQueriesContext(connection) as small:
        assert api.get("/survey-rounds?limit=200", who=cora).json()["count"] == 10
    SurveyRound.objects.bulk_create(SurveyRound(garden=garden_b, year=1900 + n) for n in range(190))
    with CaptureQueriesContext(connection) as large:
        assert len(api.get("/survey-rounds?limit=200", who=cora).json()["items"]) == 200

    assert len(large) == len(small)
