"""The events API: public reads, writes for the staff who manage an event."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kollegium.api.tests.conftest import Api
from kollegium.api.tests.helpers import error_of
from kollegium.core.models import AuditEntry
from kollegium.network.tests.factories import GardenFactory
from kollegium.programme.models import Event, EventStatus, Question
from kollegium.programme.tests.factories import (
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

NEW = {
    "title": "Workshop om eksport",
    "format": "workshop",
    "starts_at": "2099-02-04T09:00:00+01:00",
    "ends_at": "2099-02-04T15:00:00+01:00",
    "venue": "Orkanger",
}


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def event_b(garden_b, area):
    event = EventFactory(hosts=[garden_b], title="Frokost på Røros", capacity=10, areas=[area])
    QuestionFactory(event=event, label="Allergier?")
    return event


def test_anyone_reads_the_programme(api, event_b, garden_b):
    EventFactory(hosts=[garden_b], status=EventStatus.DRAFT)
    RegistrationFactory(event=event_b)

    body = api.get("/events").json()

    assert body["count"] == 1
    (item,) = body["items"]
    assert item["ref"] == event_b.ref
    assert item["hosts"] == [
        {
            "garden": garden_b.slug,
            "garden_name": garden_b.name,
            "reserved_places": 0,
            "reserved_until": None,
        }
    ]
    assert item["places_taken"] == 1
    assert (item["format"], item["format_label"]) == ("breakfast", "Frokostmøte")
    assert item["questions"][0]["label"] == "Allergier?"
    assert item["registration_open"] is True
    assert item["url"].endswith(event_b.get_absolute_url())


def test_it_filters_like_the_programme_page(api, event_b, garden_a, area):
    EventFactory(hosts=[garden_a], title="Orkdal")

    assert [e["title"] for e in api.get(f"/events?garden={garden_a.slug}").json()["items"]] == [
        "Orkdal"
    ]
    assert [e["ref"] for e in api.get(f"/events?area={area.slug}").json()["items"]] == [event_b.ref]
    assert api.get("/events?period=past").json()["count"] == 0
    assert list(error_of(api.get("/events?period=winter"))["fields"]) == ["period"]
    assert api.get("/events?garden=nowhere").status_code == 422


def test_a_draft_shows_only_to_those_who_manage_it(api, garden_b, charlie, alice):
    draft = EventFactory(hosts=[garden_b], status=EventStatus.DRAFT)

    assert api.get(f"/events/{draft.ref}").status_code == 404
    assert api.get(f"/events/{draft.ref}", who=alice).status_code == 404
    assert api.get(f"/events/{draft.ref}", who=charlie).json()["status"] == "draft"


def test_staff_create_an_event_their_garden_hosts(api, alice, garden_a, area):
    payload = {**NEW, "areas": [area.slug], "speakers": ["ALICE@orkdal.example"]}

    response = api.post("/events", payload, who=alice)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert [h["garden"] for h in body["hosts"]] == [garden_a.slug]
    event = Event.objects.get(ref=body["ref"])
    assert list(event.speakers.all()) == [alice]
    assert AuditEntry.objects.filter(action="event.created", object_id=str(event.pk)).exists()


def test_it_names_the_field_that_is_wrong(api, alice, garden_b):
    cases = [
        ({**NEW, "starts_at": "2099-02-04T09:00:00"}, "starts_at"),
        ({**NEW, "ends_at": "2099-02-04T08:00:00+01:00"}, "ends_at"),
        ({**NEW, "hosts": [{"garden": garden_b.slug}]}, "hosts"),
        ({**NEW, "hosts": [{"garden": "nowhere"}]}, "hosts"),
        ({**NEW, "speakers": ["nobody@example.no"]}, "speakers"),
        ({**NEW, "format": "party"}, "format"),
        ({**NEW, "colour": "red"}, "colour"),
    ]
    for payload, field in cases:
        response = api.post("/events", payload, who=alice)
        assert response.status_code == 422, (field, response.content)
        assert field in error_of(response)["fields"], (field, response.json())
    assert not Event.objects.exists()


def test_hosts_change_their_event_and_those_signed_up_hear_of_a_new_place(
    api, charlie, event_b, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event_b, email="kari@example.no")

    with django_capture_on_commit_callbacks(execute=True):
        response = api.patch(f"/events/{event_b.ref}", {"venue": "Storstuggu"}, who=charlie)

    assert response.json()["venue"] == "Storstuggu"
    assert [m.to for m in mail.outbox] == [["kari@example.no"]]


def test_a_patch_may_clear_the_capacity_but_not_the_title(api, charlie, event_b):
    assert (
        api.patch(f"/events/{event_b.ref}", {"capacity": None}, who=charlie).json()["capacity"]
        is None
    )
    response = api.patch(f"/events/{event_b.ref}", {"title": None}, who=charlie)
    assert list(error_of(response)["fields"]) == ["title"]
    assert Event.objects.get().title == "Frokost på Røros"


def test_staff_of_another_garden_get_403(api, alice, event_b):
    response = api.patch(f"/events/{event_b.ref}", {"title": "Kapret"}, who=alice)

    assert error_of(response)["code"] == "permission_denied"
    assert Event.objects.get().title == "Frokost på Røros"


def test_it_publishes_cancels_and_copies(
    api, charlie, garden_b, django_capture_on_commit_callbacks
):
    draft = EventFactory(hosts=[garden_b], status=EventStatus.DRAFT)
    assert api.post(f"/events/{draft.ref}/publish", None, who=charlie).json()["status"] == (
        "published"
    )
    again = api.post(f"/events/{draft.ref}/publish", None, who=charlie)
    assert again.status_code == 422

    copy = api.post(
        f"/events/{draft.ref}/copy", {"starts_at": "2099-05-01T09:00:00+02:00"}, who=charlie
    )
    assert copy.status_code == 201 and copy.json()["status"] == "draft"

    RegistrationFactory(event=draft)
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = api.post(f"/events/{draft.ref}/cancel", {"reason": "Syk"}, who=charlie)
    assert cancelled.json()["status"] == "cancelled"
    assert len(mail.outbox) == 1


def test_it_replaces_the_questions_keeping_ids(api, charlie, event_b):
    kept = event_b.questions.get()

    response = api.request(
        "PUT",
        f"/events/{event_b.ref}/questions",
        charlie,
        [
            {"label": "Allergier eller hensyn?"},
            {"label": "Lunsj?", "kind": "choice", "choices": ["Ja", "Nei"], "required": True},
        ],
    )

    assert response.status_code == 200, response.content
    assert [q["id"] for q in response.json()][0] == kept.pk
    assert list(Question.objects.values_list("label", "required")) == [
        ("Allergier eller hensyn?", False),
        ("Lunsj?", True),
    ]


def test_the_list_takes_the_same_number_of_queries_for_10_and_200_events(api, db):
    def count(n):
        for i in range(n):
            event = EventFactory(
                hosts=[GardenFactory()],
                starts_at=in_days(1 + i % 30),
                ends_at=in_days(1 + i % 30, 10),
            )
            QuestionFactory(event=event)
            RegistrationFactory(event=event)
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/events?limit=200").status_code == 200
        return len(queries)

    api.get("/events")
    assert count(10) == count(190)
