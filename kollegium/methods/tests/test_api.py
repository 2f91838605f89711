"""The method bank's API: open reads of public methods, staff writes, stage moves, pilots."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kollegium.api.tests.conftest import Api
from kollegium.api.tests.helpers import error_of
from kollegium.core.models import AuditEntry
from kollegium.methods.models import Method, Pilot, Stage, StageMove
from kollegium.methods.tests.factories import EvaluatedPilotFactory, MethodFactory, PilotFactory
from kollegium.network.tests.factories import CompetenceAreaFactory


@pytest.fixture
def api(client):
    return Api(client)


def test_anonymous_callers_read_only_publicly_shared_methods(api, method_a, method_b, at_stage):
    method_a.visibility = "public"
    at_stage(method_a, Stage.SHARED)

    listing = api.get("/methods")
    hidden = api.get(f"/methods/{method_b.ref}")

    assert listing.status_code == 200
    assert [m["ref"] for m in listing.json()["items"]] == ["frokostmote"]
    assert listing.json()["items"][0]["contributors"] == []
    assert hidden.status_code == 404


def test_a_bad_token_on_an_open_endpoint_answers_401(api, client, db):
    response = client.get("/api/v1/methods", HTTP_AUTHORIZATION="Bearer nope")

    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


def test_staff_read_what_they_may_see(api, alice, method_a, method_b, private_b):
    items = api.get("/methods", who=alice).json()["items"]

    assert [m["ref"] for m in items] == ["frokostmote", "samtaleguide"]
    assert items[0]["contributors"] == [{"email": "alice@orkdal.example", "name": "Alice Aune"}]
    assert api.get(f"/methods/{private_b.ref}", who=alice).status_code == 404


def test_it_filters_the_list(api, alice, method_a, method_b, area, at_stage):
    at_stage(method_b, Stage.PILOT)

    by_stage = api.get("/methods?stage=pilot", who=alice).json()["items"]
    by_area = api.get(f"/methods?area={area.slug}", who=alice).json()["items"]
    unknown = api.get("/methods?area=nowhere", who=alice)

    assert [m["ref"] for m in by_stage] == ["samtaleguide"]
    assert [m["ref"] for m in by_area] == ["frokostmote"]
    assert unknown.status_code == 422


def test_staff_create_a_method(api, alice, area, bob):
    response = api.post(
        "/methods",
        {
            "title": "Sjekkliste for søknader",
            "kind": "tool",
            "summary": "Før du søker",
            "areas": [area.slug],
            "contributors": ["BOB@orkdal.example"],
            "links": [{"url": "https://www.skattefunn.no", "title": "SkatteFUNN"}],
        },
        who=alice,
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["ref"], body["stage"], body["owner"]["slug"]) == (
        "sjekkliste-for-soknader",
        "collection",
        "orkdal",
    )
    assert {c["email"] for c in body["contributors"]} == {
        "alice@orkdal.example",
        "bob@orkdal.example",
    }
    assert Method.objects.get().links.get().title == "SkatteFUNN"


def test_an_unknown_contributor_answers_422_naming_the_field(api, alice):
    response = api.post("/methods", {"title": "X", "contributors": ["ingen@x.no"]}, who=alice)

    assert response.status_code == 422
    assert "contributors" in error_of(response)["fields"]


def test_the_owner_garden_patches_a_method(api, bob, method_a):
    response = api.patch(f"/methods/{method_a.ref}", {"summary": "Nytt"}, who=bob)

    assert response.status_code == 200
    assert Method.objects.get(pk=method_a.pk).summary == "Nytt"


def test_a_stage_move_answers_200_with_the_new_stage(api, alice, method_a):
    response = api.post(
        f"/methods/{method_a.ref}/stage", {"to": "systematisation", "note": "Samlet"}, who=alice
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["stage"], body["from_stage"], body["note"], body["by"]) == (
        "systematisation",
        "collection",
        "Samlet",
        "Alice Aune",
    )
    assert Method.objects.get(pk=method_a.pk).stage == "systematisation"


def test_a_gate_that_is_not_met_answers_409_listing_what_it_misses(api, alice, method_a, at_stage):
    at_stage(method_a, Stage.DEVELOPMENT)
    method_a.summary = method_a.body = ""
    method_a.save()

    response = api.post(f"/methods/{method_a.ref}/stage", {"to": "pilot"}, who=alice)

    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "gate_not_met"
    assert [m["code"] for m in error["missing"]] == ["summary", "body_or_attachment"]
    assert error["missing"][0]["message"] == "A summary of the method."
    assert not StageMove.objects.exists()


def test_skipping_a_stage_answers_409_invalid_transition(api, alice, method_a):
    response = api.post(f"/methods/{method_a.ref}/stage", {"to": "shared"}, who=alice)

    error = error_of(response)
    assert (response.status_code, error["code"], error["missing"]) == (
        409,
        "invalid_transition",
        [],
    )


def test_a_back_move_without_a_note_answers_422(api, alice, method_a, at_stage):
    at_stage(method_a, Stage.DEVELOPMENT)

    response = api.post(f"/methods/{method_a.ref}/stage", {"to": "collection"}, who=alice)

    assert response.status_code == 422
    assert "note" in error_of(response)["fields"]


def test_an_unknown_stage_answers_422(api, alice, method_a):
    response = api.post(f"/methods/{method_a.ref}/stage", {"to": "done"}, who=alice)

    assert response.status_code == 422
    assert "to" in error_of(response)["fields"]


def test_the_stage_history_lists_every_move(api, alice, charlie, method_a):
    api.post(f"/methods/{method_a.ref}/stage", {"to": "systematisation"}, who=alice)

    items = api.get(f"/methods/{method_a.ref}/stages", who=charlie).json()["items"]

    assert [(m["from_stage"], m["to_stage"], m["by"]) for m in items] == [
        ("collection", "systematisation", "Alice Aune")
    ]


def test_another_garden_logs_and_evaluates_a_pilot(api, charlie, method_a):
    created = api.post(
        f"/methods/{method_a.ref}/pilots",
        {"starts_on": "2025-02-01", "participants": 9},
        who=charlie,
    )
    pilot_id = created.json()["id"]
    evaluated = api.patch(
        f"/pilots/{pilot_id}", {"rating": 4, "recommendation": "adopt"}, who=charlie
    )

    assert created.status_code == 201
    assert (created.json()["garden"]["slug"], created.json()["completed"]) == ("roros", False)
    assert evaluated.status_code == 200 and evaluated.json()["completed"] is True
    assert Pilot.objects.get().is_completed
    assert AuditEntry.objects.filter(action="pilot.evaluated").exists()


def test_the_pilot_list_shows_every_garden_s_pilots(api, alice, method_a, garden_a, garden_b):
    PilotFactory(method=method_a, garden=garden_a)
    EvaluatedPilotFactory(method=method_a, garden=garden_b)

    items = api.get(f"/methods/{method_a.ref}/pilots", who=alice).json()["items"]

    assert [(p["garden"]["slug"], p["completed"]) for p in items] == [
        ("orkdal", False),
        ("roros", True),
    ]


def _count(api, path, who) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(path, who=who).status_code == 200
    return len(captured)


def test_the_method_list_reads_the_same_number_of_queries_for_10_and_200(api, alice, garden_a):
    area = CompetenceAreaFactory()

    def add(n):
        for method in MethodFactory.create_batch(n, owner=garden_a):
            method.areas.set([area])
            method.contributors.set([alice])
            method.links.create(url="https://example.no")

    api.get("/methods?limit=200", who=alice)
    add(10)
    few = _count(api, "/methods?limit=200", alice)
    add(190)

    assert _count(api, "/methods?limit=200", alice) == few
