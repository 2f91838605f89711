"""Who may call what: one table of endpoint × caller × expected status.

Garden A: alice (advisor), bob (leader), cora (coordinator). Garden B: charlie (advisor),
diana (leader). olga is the operator, outsider a user without a garden, anon no one.
company_a is served by garden A; company_b by garden B with a private and a shared need.
"""

import pytest

from kollegium.api.tests.helpers import error_of
from kollegium.companies.tests.factories import valid_org_number

CALLERS = ("anon", "outsider", "alice", "bob", "cora", "charlie", "diana", "olga")
EVERYONE = dict.fromkeys(CALLERS, 200)
STAFF = {**EVERYONE, "anon": 401, "outsider": 403}
COORDINATOR = {**dict.fromkeys(CALLERS, 403), "anon": 401, "cora": 200, "olga": 200}
A_ONLY = {**STAFF, "charlie": 403, "diana": 403}
B_ONLY = {**STAFF, "alice": 403, "bob": 403, "cora": 403}
B_PRIVATE = {**STAFF, "alice": 404, "bob": 404, "cora": 404}


def created(expected: dict) -> dict:
    """The same rule for a POST: success is 201."""
    return {caller: 201 if status == 200 else status for caller, status in expected.items()}


NEW_COMPANY = {"org_number": valid_org_number(777), "name": "Ny Bedrift AS"}

# (method, path, body, expected status per caller); {placeholders} name objects of the cast.
TABLE = [
    ("GET", "/competence-areas", None, EVERYONE),
    ("GET", "/competence-areas/{area}", None, EVERYONE),
    ("POST", "/competence-areas", {"slug": "ny", "name": "Ny"}, created(COORDINATOR)),
    ("PATCH", "/competence-areas/{area}", {"name": "Nytt navn"}, COORDINATOR),
    ("GET", "/gardens", None, EVERYONE),
    ("GET", "/gardens/{garden_b}", None, EVERYONE),
    ("PATCH", "/gardens/{garden_a}", {"description": "Ny"}, {**COORDINATOR, "bob": 200}),
    ("PATCH", "/gardens/{garden_b}", {"description": "Ny"}, {**COORDINATOR, "diana": 200}),
    ("GET", "/people", None, STAFF),
    ("GET", "/people/{charlie}", None, STAFF),
    ("GET", "/people/me", None, {**STAFF, "outsider": 404, "olga": 404}),
    ("PATCH", "/people/me", {"title": "Sjef"}, {**STAFF, "outsider": 404, "olga": 404}),
    ("GET", "/companies", None, STAFF),
    ("GET", "/companies/{company_b}", None, STAFF),
    ("POST", "/companies", NEW_COMPANY, created(STAFF)),
    ("PATCH", "/companies/{company_a}", {"employees": 12}, A_ONLY),
    ("PATCH", "/companies/{company_b}", {"employees": 12}, B_ONLY),
    ("GET", "/needs", None, STAFF),
    ("GET", "/needs/{private_need}", None, B_PRIVATE),
    ("GET", "/needs/{shared_need}", None, STAFF),
    ("PATCH", "/needs/{private_need}", {"status": "met"}, B_PRIVATE),
    ("PATCH", "/needs/{shared_need}", {"status": "met"}, B_ONLY),
    ("POST", "/companies/{company_b}/needs", {"text": "Eksport"}, created(B_ONLY)),
    ("POST", "/companies/{company_a}/needs", {"text": "Eksport"}, created(A_ONLY)),
]
CASES = [
    pytest.param(method, path, body, caller, expected[caller], id=f"{method} {path} {caller}")
    for method, path, body, expected in TABLE
    for caller in CALLERS
]


@pytest.fixture
def callers(outsider, alice, bob, cora, charlie, diana, olga):
    return {
        "anon": None,
        "outsider": outsider,
        **{"alice": alice, "bob": bob, "cora": cora},
        **{"charlie": charlie, "diana": diana, "olga": olga},
    }


@pytest.fixture
def world(area, garden_a, garden_b, charlie, company_a, company_b, private_need, shared_need):
    """Values for the placeholders of the table's paths."""
    return {
        "area": area.slug,
        "garden_a": garden_a.slug,
        "garden_b": garden_b.slug,
        "charlie": charlie.pk,
        "company_a": company_a.org_number,
        "company_b": company_b.org_number,
        "private_need": private_need.pk,
        "shared_need": shared_need.pk,
    }


@pytest.mark.parametrize(("method", "path", "body", "caller", "status"), CASES)
def test_it_answers_each_caller_as_the_rules_say(
    api, world, callers, method, path, body, caller, status
):
    response = api.request(method, path.format(**world), callers[caller], body)

    assert response.status_code == status, response.content
    if status >= 400:
        error_of(response)


def test_it_answers_404_for_a_company_that_is_not_registered(api, alice):
    response = api.get(f"/companies/{valid_org_number(999)}", who=alice)

    assert error_of(response)["code"] == "not_found"


def test_it_answers_404_for_a_need_of_an_unknown_company(api, alice):
    response = api.post(f"/companies/{valid_org_number(999)}/needs", {"text": "x"}, who=alice)

    assert response.status_code == 404


def test_it_answers_404_for_a_deactivated_person(api, alice, charlie):
    charlie.user.is_active = False
    charlie.user.save()

    assert api.get(f"/people/{charlie.pk}", who=alice).status_code == 404


def test_it_has_a_rule_for_every_endpoint_of_the_schema(client, db):
    """A new endpoint must join the table above before it can ship."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    in_schema = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, operations in paths.items()
        for method in operations
    }
    placeholders = {
        "{area}": "{slug}",
        "{garden_a}": "{slug}",
        "{garden_b}": "{slug}",
        "{charlie}": "{person_id}",
        "{company_a}": "{org_number}",
        "{company_b}": "{org_number}",
        "{private_need}": "{need_id}",
        "{shared_need}": "{need_id}",
    }

    def as_schema_path(path):
        for placeholder, name in placeholders.items():
            path = path.replace(placeholder, name)
        return path

    in_table = {(method, as_schema_path(path)) for method, path, _body, _expected in TABLE}
    assert in_schema - in_table == set()
