import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kollegium.api.tests.conftest import Api
from kollegium.collaboration.models import ActionItem, Invitation, WorkSession
from kollegium.collaboration.tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ProjectFactory,
    WorkSessionFactory,
)


@pytest.fixture
def api(client):
    return Api(client)


def test_it_plans_a_session_with_agenda_and_minutes(api, charlie, diana, project_b):
    response = api.post(
        "/work-sessions",
        {
            "title": "Arbeidsøkt i Oppdal",
            "project": project_b.slug,
            "starts_at": "2016-04-14T10:00:00+02:00",
            "ends_at": "2016-04-14T15:00:00+02:00",
            "invitees": [diana.email],
        },
        who=charlie,
    )
    assert response.status_code == 201, response.content
    session_id = response.json()["id"]

    item = api.post(
        f"/work-sessions/{session_id}/agenda",
        {"title": "Felles program", "owner": diana.email, "minutes_allotted": 60},
        who=charlie,
    ).json()
    api.patch(f"/agenda-items/{item['id']}", {"minutes": "Vi ble enige."}, who=charlie)
    api.post(
        f"/work-sessions/{session_id}/decisions",
        {"text": "Ett program", "agenda_item": item["id"]},
        who=charlie,
    )
    answer = api.request("PUT", f"/work-sessions/{session_id}/answer", diana, {"answer": "coming"})

    assert answer.status_code == 200
    body = api.get(f"/work-sessions/{session_id}", who=diana).json()
    assert body["project"] == project_b.slug
    assert body["agenda"][0]["minutes"] == "Vi ble enige."
    assert body["agenda"][0]["owner"]["email"] == diana.email
    assert body["decisions"][0]["agenda_item"] == item["id"]
    assert body["invitations"][0]["answer"] == "coming"
    assert Invitation.objects.get(session_id=session_id, person=diana).answer == "coming"


def test_it_creates_and_updates_an_action(api, charlie, diana, session_b):
    response = api.post(
        "/actions",
        {
            "what": "Ringe bedriften",
            "owner": diana.email,
            "session": session_b.pk,
            "due_on": "2027-01-31",
        },
        who=charlie,
    )
    assert response.status_code == 201, response.content
    action_id = response.json()["id"]

    done = api.patch(f"/actions/{action_id}", {"status": "done"}, who=diana)

    assert done.json()["status"] == "done"
    assert ActionItem.objects.get(pk=action_id).done_at is not None
    mine = api.get("/actions?owner=me&status=done", who=diana).json()
    assert [a["id"] for a in mine["items"]] == [action_id]


def test_it_refuses_an_unknown_owner(api, charlie, session_b):
    response = api.post(
        "/actions",
        {"what": "X", "owner": "nobody@example.no", "session": session_b.pk},
        who=charlie,
    )

    assert response.status_code == 422
    assert "owner" in response.json()["error"]["fields"]


def test_it_sends_the_summary_once(api, charlie, session_b):
    first = api.post(f"/work-sessions/{session_b.pk}/summary", None, who=charlie)
    second = api.post(f"/work-sessions/{session_b.pk}/summary", None, who=charlie)

    assert first.status_code == 200
    assert second.status_code == 422


def _count(api, who, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path, who=who)
    assert response.status_code == 200
    return len(captured)


def _sessions(n, project, people):
    for i in range(n):
        session = WorkSessionFactory(project=project, organiser=people[0])
        AgendaItemFactory(session=session, owner=people[i % 2])
        session.decisions.create(text="Vedtak")
        for person in people:
            Invitation.objects.create(session=session, person=person)
        ActionItemFactory(session=session, project=project, owner=people[1])


def test_it_lists_with_a_bounded_number_of_queries(api, alice, charlie, diana, project_b):
    api.token(alice)
    _sessions(10, project_b, [charlie, diana])
    for _i in range(10):
        ProjectFactory(gardens=[project_b.gardens.first()])
    paths = ["/projects?limit=200", "/work-sessions?limit=200", "/actions?limit=200"]
    # The first call marks the token used (one more write): not part of the count.
    api.get("/projects", who=alice)
    small = [_count(api, alice, p) for p in paths]

    _sessions(190, project_b, [charlie, diana])
    for _i in range(190):
        ProjectFactory(gardens=[project_b.gardens.first()])

    assert WorkSession.objects.count() == 200
    assert [_count(api, alice, p) for p in paths] == small


def test_it_lets_only_the_leader_change_the_gardens_and_keeps_the_text_on_refusal(
    api, alice, bob, project_ab, garden_a
):
    refused = api.patch(
        f"/projects/{project_ab.slug}", {"goals": "Nye mål", "gardens": ["orkdal"]}, who=alice
    )

    assert refused.status_code == 403
    project_ab.refresh_from_db()
    assert project_ab.goals == ""
    assert project_ab.gardens.count() == 2

    done = api.patch(
        f"/projects/{project_ab.slug}", {"goals": "Nye mål", "gardens": ["orkdal"]}, who=bob
    )

    assert done.status_code == 200
    assert [g["slug"] for g in done.json()["gardens"]] == ["orkdal"]
    assert done.json()["goals"] == "Nye mål"


def test_it_hides_linked_methods_the_caller_may_not_see(api, alice, charlie, project_b):
    from kollegium.methods.tests.factories import MethodFactory

    project_b.methods.add(
        MethodFactory(ref="apen", owner=project_b.gardens.first(), visibility="network"),
        MethodFactory(ref="intern", owner=project_b.gardens.first(), visibility="garden"),
    )

    assert api.get(f"/projects/{project_b.slug}", who=alice).json()["methods"] == ["apen"]
    assert sorted(api.get(f"/projects/{project_b.slug}", who=charlie).json()["methods"]) == [
        "apen",
        "intern",
    ]
