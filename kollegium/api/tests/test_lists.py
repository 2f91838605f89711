"""Pagination, and a fixed number of queries per list whatever its length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kollegium.companies.tests.factories import (
    CompanyFactory,
    CompanyGardenFactory,
    ContactFactory,
    NeedFactory,
)
from kollegium.network.tests.factories import (
    CompetenceAreaFactory,
    CompetenceFactory,
    GardenFactory,
    PersonFactory,
)

# Names are given where the factories would ask Faker for locale nb_NO, which it lacks.


def add_areas(n, ctx):
    CompetenceAreaFactory.create_batch(n)


def add_gardens(n, ctx):
    GardenFactory.create_batch(n)


def add_people(n, ctx):
    for person in PersonFactory.create_batch(n, garden=ctx["garden_b"], user__name="Per Persen"):
        CompetenceFactory(person=person, area=ctx["area"])
        CompetenceFactory(person=person)


def add_companies(n, ctx):
    for company in CompanyFactory.create_batch(n):
        CompanyGardenFactory(company=company, garden=ctx["garden_a"])
        CompanyGardenFactory(company=company, garden=ctx["garden_b"], relation="client")
        ContactFactory(company=company, name="Kari Kontakt")


def add_needs(n, ctx):
    for need in NeedFactory.create_batch(n, company=ctx["company_a"], recorded_by=ctx["alice"]):
        need.areas.add(ctx["area"], CompetenceAreaFactory())


LISTS = [
    ("/competence-areas", add_areas),
    ("/gardens", add_gardens),
    ("/people", add_people),
    ("/companies", add_companies),
    ("/needs", add_needs),
]


@pytest.fixture
def ctx(alice, garden_a, garden_b, area, company_a):
    return {
        "alice": alice,
        "garden_a": garden_a,
        "garden_b": garden_b,
        "area": area,
        "company_a": company_a,
    }


def count_queries(api, path: str, who) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{path}?limit=200", who=who)
    assert response.status_code == 200
    return len(queries), response.json()


@pytest.mark.parametrize(("path", "add_rows"), LISTS, ids=[p for p, _ in LISTS])
def test_it_lists_with_the_same_number_of_queries_for_10_and_200_rows(api, ctx, path, add_rows):
    alice = ctx["alice"]
    # The first call records the token's last use; later calls do not write.
    api.get(path, who=alice)
    add_rows(10, ctx)
    few, body = count_queries(api, path, alice)
    assert len(body["items"]) >= 10

    add_rows(190, ctx)
    many, body = count_queries(api, path, alice)

    assert len(body["items"]) == 200
    assert many == few
    # Token, staff member, count, page, and at most two prefetches.
    assert many <= 6


def test_it_pages_with_limit_and_offset(api, alice, garden_b):
    PersonFactory.create_batch(59, garden=garden_b, user__name="Per Persen")

    first = api.get("/people", who=alice).json()
    rest = api.get("/people?limit=50&offset=50", who=alice).json()

    assert (first["count"], len(first["items"])) == (60, 50)
    assert (rest["count"], len(rest["items"])) == (60, 10)
    ids = [p["id"] for p in first["items"] + rest["items"]]
    assert len(set(ids)) == 60


def test_it_answers_an_empty_page_past_the_end(client, garden_a):
    body = client.get("/api/v1/gardens?offset=10").json()

    assert body == {"count": 1, "items": []}
