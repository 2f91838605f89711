"""GET /api/v1/match, and the capacity on PATCH /api/v1/people/me."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kollegium.api.tests.conftest import Api
from kollegium.api.tests.helpers import error_of
from kollegium.matching.tests.helpers import area, person
from kollegium.network.models import Person


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def siri(garden_b):
    finance = area("finans", "Finansiering og virkemidler")
    return person(
        garden_b, "siri@roros.example", "Siri Sand", bio="SkatteFUNN", areas=[(finance, 3, "")]
    )


def test_staff_get_the_ranking(api, alice, siri):
    response = api.get("/match?q=SkatteFUNN og finansiering&kind=people&limit=5", alice)

    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "people"
    assert [r["key"] for r in body["results"]] == ["siri@roros.example"]
    first = body["results"][0]
    assert first["kind"] == "person"
    assert first["url"] == f"/people/{siri.pk}/"
    assert 0 < first["score"] <= 1
    assert first["why"]


def test_it_needs_a_staff_token(api, db):
    assert api.get("/match?q=x").status_code == 401


@pytest.mark.parametrize(
    ("query", "field"),
    [("q=%20", "q"), ("q=x&kind=firms", "kind"), ("q=x&limit=0", "limit"), ("", "q")],
)
def test_bad_input_answers_a_structured_422(api, alice, query, field):
    response = api.get(f"/match?{query}", alice)

    assert response.status_code == 422
    assert field in str(error_of(response))


def test_the_number_of_queries_is_bounded(api, alice, garden_a):
    finance = area("f2", "Finansiering")

    def count():
        api.get("/match?q=finansiering", alice)
        with CaptureQueriesContext(connection) as queries:
            api.get("/match?q=finansiering", alice)
        return len(queries)

    for i in range(10):
        person(garden_a, f"p{i}@x.example", f"P {i}", areas=[(finance, 2, "")])
    few = count()
    for i in range(10, 200):
        person(garden_a, f"p{i}@x.example", f"P {i}", areas=[(finance, 2, "")])
    assert count() == few


def test_staff_set_their_capacity_and_it_ranks(api, alice, garden_b):
    finance = area("f3", "Finansiering")
    alice.competences.create(area=finance, level=3)
    person(garden_b, "free@x.example", "Fri", areas=[(finance, 3, "")])

    response = api.patch("/people/me", {"capacity": "not_now"}, alice)
    bad = api.patch("/people/me", {"capacity": "maybe"}, alice)
    ranked = api.get("/match?q=finansiering&kind=people", alice).json()["results"]

    assert response.status_code == 200
    assert response.json()["capacity"] == "not_now"
    assert Person.objects.get(pk=alice.pk).capacity == "not_now"
    assert bad.status_code == 422
    assert [r["key"] for r in ranked] == ["free@x.example", "alice@orkdal.example"]
