"""Who may call what: one table of endpoint × caller × expected status.

Garden A: alice (advisor), bob (leader), cora (coordinator). Garden B: charlie (advisor),
diana (leader). olga is the operator, outsider a user without a garden, anon no one.
company_a is served by garden A; company_b by garden B with a private and a shared need.
"""

import pytest

from kollegium.api.tests.helpers import error_of
from kollegium.api.tests.rules import (
    A_ONLY,
    B_ONLY,
    B_PRIVATE,
    CALLERS,
    COORDINATOR,
    EVERYONE,
    STAFF,
    created,
    deleted,
)
from kollegium.companies.tests.factories import valid_org_number
from kollegium.core.tests import plugged
from kollegium.indicators.tests.factories import KeyFigureFactory
from kollegium.methods.tests import matrix as methods_matrix
from kollegium.programme.tests import matrix_day as day_matrix
from kollegium.programme.tests import matrix_events as events_matrix

NEW_COMPANY = {"org_number": valid_org_number(777), "name": "Ny Bedrift AS"}
METHOD_BACK = {"to": "development", "note": "Tilbake til utvikling"}
NEW_PILOT = {"starts_on": "2025-03-03", "garden": "roros"}
NEW_FIGURES = {"year": 2022, "revenue": 1_500_000, "employees": 3}
SIGNUP = {"name": "Kari Nordmann", "email": "kari@bedrift.example", "consent": True}
NEW_EVENT = {
    "title": "Frokostmøte",
    "format": "breakfast",
    "starts_at": "2027-02-04T08:00:00+01:00",
    "ends_at": "2027-02-04T10:00:00+01:00",
    "venue": "Kystens hus",
}
EVENT_COPY = {"starts_at": "2027-03-04T08:00:00+01:00"}
EVENT_B_MANAGERS = {**B_ONLY, "cora": 200}
EVENT_B_MANAGERS_422 = {c: 422 if s == 200 else s for c, s in EVENT_B_MANAGERS.items()}
DAY_MARK_NOT_YET = {**EVENT_B_MANAGERS_422, "alice": 404, "bob": 404}

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
    # kollegium.methods: reading is open (anonymous callers see publicly shared methods only);
    # garden B's method is visible to the network: every staff member reads it and pilots it,
    # garden B edits it, and the coordinator (and operator) also moves it and its pilots.
    ("GET", "/methods", None, EVERYONE),
    ("GET", "/methods/{public_b}", None, EVERYONE),
    ("GET", "/methods/{method_b}", None, {**EVERYONE, "anon": 404, "outsider": 404}),
    ("POST", "/methods", {"title": "Ny metode", "garden": "roros"}, created(STAFF)),
    ("PATCH", "/methods/{method_b}", {"summary": "Ny"}, B_ONLY),
    ("GET", "/methods/{method_b}/stages", None, STAFF),
    ("POST", "/methods/{method_b}/stage", METHOD_BACK, {**B_ONLY, "cora": 200}),
    ("GET", "/methods/{method_b}/pilots", None, STAFF),
    ("POST", "/methods/{method_b}/pilots", NEW_PILOT, created(STAFF)),
    ("PATCH", "/pilots/{pilot_b}", {"participants": 5}, {**B_ONLY, "cora": 200}),
    # kollegium.indicators: key figures are public accounts data, read by all staff; written by
    # the gardens serving the company. company_b has figures for {year}.
    ("GET", "/companies/{company_b}/key-figures", None, STAFF),
    ("POST", "/companies/{company_b}/key-figures", NEW_FIGURES, created(B_ONLY)),
    ("POST", "/companies/{company_a}/key-figures", NEW_FIGURES, created(A_ONLY)),
    ("PUT", "/companies/{company_b}/key-figures/{year}", {"revenue": 5}, B_ONLY),
    ("PUT", "/companies/{company_a}/key-figures/{year}", {"revenue": 5}, A_ONLY),
    ("DELETE", "/companies/{company_b}/key-figures/{year}", None, deleted(B_ONLY)),
    ("GET", "/indicators/programme", None, STAFF),
    ("GET", "/indicators/programme?garden={garden_b}", None, STAFF),
    # kollegium.programme events: anyone reads published events; staff create events their
    # own garden hosts (the operator, with no garden, must name hosts); garden B's event is
    # managed by garden B's staff and the coordinator. It is published: publishing again is 422.
    ("GET", "/events", None, EVERYONE),
    ("GET", "/events/{event_b}", None, EVERYONE),
    ("POST", "/events", NEW_EVENT, {**created(STAFF), "olga": 422}),
    ("PATCH", "/events/{event_b}", {"title": "Nytt navn"}, EVENT_B_MANAGERS),
    ("POST", "/events/{event_b}/publish", None, EVENT_B_MANAGERS_422),
    ("POST", "/events/{event_b}/cancel", {"reason": "Sykdom"}, EVENT_B_MANAGERS),
    ("POST", "/events/{event_b}/copy", EVENT_COPY, created(EVENT_B_MANAGERS)),
    ("PUT", "/events/{event_b}/questions", [{"label": "Allergier?"}], EVENT_B_MANAGERS),
    # kollegium.programme event day: registrations are personal data, for the hosts and the
    # coordinator ({registration_b} is on garden B's event; other gardens get 404). Check-in
    # opens on the event's day, so marking one of garden B's registrations now is 422.
    ("GET", "/registrations", None, STAFF),
    ("GET", "/registrations?event={event_b}", None, EVENT_B_MANAGERS),
    ("GET", "/registrations/{registration_b}", None, {**STAFF, "alice": 404, "bob": 404}),
    ("PUT", "/registrations/{registration_b}/attendance", {"attended": True}, DAY_MARK_NOT_YET),
    ("GET", "/events/{event_b}/feedback", None, EVENT_B_MANAGERS),
    ("GET", "/feedback/summary", None, STAFF),
    ("GET", "/events/{event_b}/reach", None, EVERYONE),
    # kollegium.programme sign-up: public, no token needed (each caller signs up once).
    ("POST", "/events/{event_b}/registrations", SIGNUP, created(EVERYONE)),
    *plugged.api_table(),
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
def world(
    request, area, garden_a, garden_b, charlie, company_a, company_b, private_need, shared_need
):
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
        **methods_matrix.api_world(garden_b),
        **events_matrix.api_world(garden_b),
        **day_matrix.api_world(garden_b),
        "year": KeyFigureFactory(company=company_b, year=2023).year,
        **plugged.api_world(request),
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
        "{method_b}": "{ref}",
        "{public_b}": "{ref}",
        "{pilot_b}": "{pilot_id}",
        "{event_b}": "{ref}",
        "{registration_b}": "{registration_id}",
        "{year}": "{year}",
        **plugged.api_placeholders(),
    }

    def as_schema_path(path):
        for placeholder, name in placeholders.items():
            path = path.replace(placeholder, name)
        return path

    in_table = {(method, as_schema_path(path)) for method, path, _body, _expected in TABLE}
    assert in_schema - in_table == set()
