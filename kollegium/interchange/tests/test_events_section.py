"""The events section of the network document: import, defaults, export and the checks."""

import copy
import datetime
import json

import pytest
from django.utils import timezone

from kollegium.interchange.tests.documents import document, empty_database, snapshot
from kollegium.programme.models import Event, EventStatus, WaitlistMode

EVENT = {
    "ref": "frokost-ki-2026",
    "title": "Frokostmøte: kunstig intelligens i små bedrifter",
    "format": "breakfast",
    "description": "Hva kan **KI** gjøre for deg?",
    "starts_at": "2026-09-17T08:00:00+02:00",
    "ends_at": "2026-09-17T10:00:00+02:00",
    "venue": "Orkla Industrimuseum",
    "address": "Løkken Verk",
    "online_url": "https://meet.example/ki",
    "hosts": [
        {
            "garden": "orkdal",
            "reserved_places": 5,
            "reserved_until": "2026-09-10T12:00:00+02:00",
        }
    ],
    "areas": ["finansiering"],
    "speakers": ["alice@orkdal.example"],
    "external_speakers": ["Ola Nordmann"],
    "capacity": 30,
    "status": "draft",
    "registration_opens": "2026-08-15T09:00:00+02:00",
    "registration_closes": "2026-09-16T12:00:00+02:00",
    "waitlist_mode": "offer",
    "offer_hours": 12,
    "network_priority": True,
    "questions": [
        {"label": "Allergier?"},
        {"label": "Lunsj?", "kind": "choice", "choices": ["Ja", "Nei"], "required": True},
    ],
}


def with_event(**changes) -> dict:
    doc = document()
    event = copy.deepcopy(EVENT)
    event.update(changes)
    doc["events"] = [{k: v for k, v in event.items() if v is not ...}]
    return doc


def test_it_imports_an_event_with_everything_it_holds(import_document):
    import_document(with_event())

    event = Event.objects.get(ref="frokost-ki-2026")
    assert event.starts_at == datetime.datetime(2026, 9, 17, 6, 0, tzinfo=datetime.UTC)
    assert event.status == EventStatus.DRAFT
    assert event.capacity == 30
    assert event.waitlist_mode == WaitlistMode.OFFER and event.offer_hours == 12
    assert event.network_priority
    assert event.external_speakers == "Ola Nordmann"
    host = event.host_links.get()
    assert (host.garden.slug, host.reserved_places) == ("orkdal", 5)
    assert [a.slug for a in event.areas.all()] == ["finansiering"]
    assert [p.user.email for p in event.speakers.all()] == ["alice@orkdal.example"]
    questions = list(event.questions.values_list("label", "kind", "choices", "required"))
    assert questions == [
        ("Allergier?", "text", [], False),
        ("Lunsj?", "choice", ["Ja", "Nei"], True),
    ]


def test_it_publishes_an_event_without_status_and_opens_it_until_it_starts(import_document):
    doc = with_event(status=..., registration_opens=..., registration_closes=...)
    doc["events"][0]["starts_at"] = "2099-01-05T08:00:00+01:00"
    doc["events"][0]["ends_at"] = "2099-01-05T10:00:00+01:00"

    import_document(doc)

    event = Event.objects.get(ref="frokost-ki-2026")
    assert event.status == EventStatus.PUBLISHED
    assert (event.registration_opens, event.registration_closes) == (None, None)
    assert event.registration_is_open()
    assert event.registration_closes_at == event.starts_at


def test_it_reads_the_short_form_of_the_original_format(import_document):
    """The keys of kollegium.network/1 as first written, without any of the later ones."""
    doc = document()
    doc["events"] = [
        {
            "ref": "fagdag",
            "title": "Fagdag",
            "format": "forum",
            "description": "",
            "starts_at": "2026-10-01T09:00:00+02:00",
            "ends_at": "2026-10-01T15:00:00+02:00",
            "venue": "Orkanger",
            "hosts": ["orkdal"],
            "areas": [],
            "speakers": [],
            "capacity": None,
        }
    ]

    import_document(doc)

    event = Event.objects.get(ref="fagdag")
    assert event.status == EventStatus.PUBLISHED
    assert event.capacity is None and event.has_waitlist


def test_it_round_trips_export_import_export(import_document, export_document):
    import_document(with_event())
    first = export_document()
    assert json.loads(first)["events"][0]["hosts"][0]["reserved_places"] == 5
    empty_database()
    assert not any(snapshot().values())

    import_document(first)

    assert export_document() == first


def test_a_second_import_changes_nothing_and_keeps_the_question_ids(import_document):
    import_document(with_event())
    ids = list(Event.objects.get().questions.values_list("pk", flat=True))
    before = snapshot()

    output = import_document(with_event())

    assert snapshot() == before
    assert "events: 0 created, 0 updated, 1 unchanged" in output
    assert list(Event.objects.get().questions.values_list("pk", flat=True)) == ids


def test_it_updates_an_event_and_replaces_its_hosts(import_document, garden_b):
    import_document(with_event())
    doc = with_event(title="Nytt navn", hosts=["orkdal", "roros"], capacity=...)

    import_document(doc)

    event = Event.objects.get()
    assert event.title == "Nytt navn"
    # A key left out takes its default: no capacity means no limit.
    assert event.capacity is None
    assert sorted(h.garden.slug for h in event.host_links.all()) == ["orkdal", "roros"]
    assert all(h.reserved_places == 0 for h in event.host_links.all())


def test_it_writes_times_in_norwegian_time_with_offset(import_document, export_document):
    doc = with_event(starts_at="2026-09-17T06:00:00Z", ends_at="2026-09-17T08:00:00+00:00")
    import_document(doc)

    exported = json.loads(export_document())["events"][0]

    assert exported["starts_at"] == "2026-09-17T08:00:00+02:00"
    assert exported["ends_at"] == "2026-09-17T10:00:00+02:00"


def test_it_leaves_default_settings_out_of_the_export(import_document, export_document):
    doc = with_event(waitlist_mode=..., offer_hours=..., network_priority=..., questions=...)
    import_document(doc)

    exported = json.loads(export_document())["events"][0]

    assert "waitlist_mode" not in exported and "offer_hours" not in exported
    assert "network_priority" not in exported and "questions" not in exported
    assert exported["status"] == "draft"


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        ({"format": "party"}, "events[0].format: must be one of"),
        ({"starts_at": "2026-09-17 08:00"}, "events[0].starts_at: must be a date and time"),
        ({"starts_at": "2026-09-17T08:00:00"}, "events[0].starts_at: must be a date and time"),
        ({"ends_at": "2026-09-17T07:00:00+02:00"}, "events[0].ends_at: must not be before"),
        ({"hosts": []}, "events[0].hosts: must name at least one garden"),
        ({"hosts": ["nowhere"]}, 'events[0].hosts[0]: unknown garden "nowhere"'),
        ({"hosts": ["orkdal", "orkdal"]}, 'events[0].hosts[1].garden: "orkdal" is listed twice'),
        ({"capacity": 3}, "events[0].hosts: reserved places must fit within the capacity"),
        ({"capacity": -1}, "events[0].capacity: must be a whole number"),
        ({"speakers": ["nobody@example.no"]}, "events[0].speakers[0]: unknown person"),
        ({"areas": ["xyz"]}, 'events[0].areas[0]: unknown competence area "xyz"'),
        ({"status": "open"}, "events[0].status: must be one of"),
        (
            {"questions": [{"label": "Valg?", "kind": "choice", "choices": ["A"]}]},
            "events[0].questions[0].choices: must list at least two choices",
        ),
        (
            {"registration_closes": "2026-08-01T09:00:00+02:00"},
            "events[0].registration_closes: must not be before registration_opens",
        ),
        ({"colour": "red"}, "events[0].colour: unknown key"),
    ],
)
def test_it_names_each_problem_by_its_json_path(import_fails, changes, line):
    problems = import_fails(with_event(**changes))

    assert any(p.startswith(line) for p in problems), problems
    assert not Event.objects.exists()


def test_it_refuses_a_ref_listed_twice(import_fails):
    doc = with_event()
    doc["events"].append(copy.deepcopy(doc["events"][0]))

    assert 'events[1].ref: "frokost-ki-2026" is listed twice (first at events[0])' in import_fails(
        doc
    )


def test_it_lets_an_event_name_a_speaker_already_in_the_installation(import_document, charlie):
    import_document(with_event(speakers=[charlie.user.email]))

    assert list(Event.objects.get().speakers.all()) == [charlie]


def test_the_imported_event_can_be_shown(import_document, client):
    import_document(with_event(status="published", starts_at=_soon(), ends_at=_soon(2)))

    response = client.get("/programme/events/frokost-ki-2026/")

    assert response.status_code == 200


def _soon(hours: int = 0) -> str:
    moment = timezone.now() + datetime.timedelta(days=30, hours=hours)
    return moment.replace(microsecond=0).isoformat()
