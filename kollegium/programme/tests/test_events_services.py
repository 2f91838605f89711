"""The event services: create, update, publish, copy, cancel and the sign-up questions."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kollegium.core.models import AuditEntry
from kollegium.programme.models import Event, EventStatus, Question, RegistrationStatus
from kollegium.programme.services import event_questions
from kollegium.programme.services.events import (
    HostInput,
    event_cancel,
    event_copy,
    event_create,
    event_publish,
    event_update,
)
from kollegium.programme.tests.factories import (
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


def _data(**changes) -> dict:
    data = {
        "title": "Frokostmøte om eksport",
        "format": "breakfast",
        "starts_at": in_days(10),
        "ends_at": in_days(10, hour=10),
        "venue": "Orkanger",
    }
    return {**data, **changes}


def _audits(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


# --- create ---------------------------------------------------------------------------------


def test_it_creates_a_draft_hosted_by_the_staff_members_own_garden(alice, garden_a, area):
    event = event_create(actor=alice.user, areas=[area], **_data())

    assert event.status == EventStatus.DRAFT
    assert [h.garden for h in event.host_links.all()] == [garden_a]
    assert list(event.areas.all()) == [area]
    assert event.created_by == alice
    assert event.ref == f"{in_days(10).date().isoformat()}-frokostmote-om-eksport"
    (entry,) = _audits("event.created")
    assert entry.actor == alice.user
    assert entry.data["hosts"] == [garden_a.slug]


def test_it_gives_a_second_event_with_the_same_title_and_day_its_own_ref(alice):
    first = event_create(actor=alice.user, **_data())
    second = event_create(actor=alice.user, **_data())

    assert second.ref == f"{first.ref}-2"


def test_it_refuses_staff_hosting_only_for_another_garden(alice, garden_b):
    with pytest.raises(ValidationError) as raised:
        event_create(actor=alice.user, hosts=[garden_b], **_data())

    assert "hosts" in raised.value.error_dict
    assert not Event.objects.exists()


def test_it_lets_staff_co_host_with_another_garden(alice, garden_a, garden_b):
    event = event_create(actor=alice.user, hosts=[garden_a, garden_b], **_data())

    assert {h.garden for h in event.host_links.all()} == {garden_a, garden_b}


def test_the_coordinator_plans_for_any_garden(cora, garden_b):
    event = event_create(actor=cora.user, hosts=[garden_b], **_data())

    assert [h.garden for h in event.host_links.all()] == [garden_b]


def test_the_operator_must_name_the_hosts(olga):
    with pytest.raises(ValidationError) as raised:
        event_create(actor=olga, **_data())

    assert "hosts" in raised.value.error_dict


def test_it_refuses_an_event_without_place_or_link(alice):
    with pytest.raises(ValidationError) as raised:
        event_create(actor=alice.user, **_data(venue=""))

    assert "venue" in raised.value.error_dict


def test_it_refuses_an_event_that_ends_before_it_starts(alice):
    with pytest.raises(ValidationError):
        event_create(actor=alice.user, **_data(ends_at=in_days(9)))

    assert not Event.objects.exists()


def test_it_refuses_reserved_places_beyond_the_capacity(alice, garden_a):
    host = HostInput(garden_a, reserved_places=12, reserved_until=in_days(5))

    with pytest.raises(ValidationError) as raised:
        event_create(actor=alice.user, hosts=[host], capacity=10, **_data())

    assert "capacity" in raised.value.error_dict


def test_someone_without_a_garden_cannot_create_events(db):
    from kollegium.network.tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        event_create(actor=UserFactory(), **_data())


# --- update -----------------------------------------------------------------------------------


@pytest.fixture
def published(garden_b):
    return EventFactory(hosts=[garden_b], title="Frokost på Røros", capacity=2)


def test_moving_a_published_event_e_mails_everyone_signed_up_in_their_language(
    charlie, published, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=published, email="kari@example.no")
    RegistrationFactory(
        event=published, email="ola@example.no", status=RegistrationStatus.WAITLISTED
    )
    RegistrationFactory(event=published, email="en@example.no", language="en")
    RegistrationFactory(
        event=published, email="gone@example.no", status=RegistrationStatus.CANCELLED
    )
    later = published.starts_at + datetime.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        event_update(
            actor=charlie.user, event=published, starts_at=later, ends_at=later.replace(hour=10)
        )

    assert sorted(m.to[0] for m in mail.outbox) == [
        "en@example.no",
        "kari@example.no",
        "ola@example.no",
    ]
    english = next(m for m in mail.outbox if m.to == ["en@example.no"])
    assert english.subject == "Changed time or place: Frokost på Røros"
    published.refresh_from_db()
    assert published.starts_at == later
    (entry,) = _audits("event.updated")
    assert entry.data["moved"] == ["starts_at", "ends_at"]


def test_changing_only_the_title_e_mails_no_one(
    charlie, published, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=published)

    with django_capture_on_commit_callbacks(execute=True):
        event_update(actor=charlie.user, event=published, title="Nytt navn")

    assert mail.outbox == []
    assert Event.objects.get().title == "Nytt navn"


def test_moving_a_draft_e_mails_no_one(charlie, garden_b, django_capture_on_commit_callbacks):
    draft = EventFactory(hosts=[garden_b], status=EventStatus.DRAFT)
    RegistrationFactory(event=draft)

    with django_capture_on_commit_callbacks(execute=True):
        event_update(actor=charlie.user, event=draft, venue="Et annet sted")

    assert mail.outbox == []


def test_raising_the_capacity_gives_the_place_to_the_first_on_the_waitlist(charlie, published):
    RegistrationFactory.create_batch(2, event=published)
    waiting = RegistrationFactory(event=published, status=RegistrationStatus.WAITLISTED)

    event_update(actor=charlie.user, event=published, capacity=3)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_the_capacity_cannot_go_below_the_places_taken(charlie, published):
    RegistrationFactory.create_batch(2, event=published)

    with pytest.raises(ValidationError) as raised:
        event_update(actor=charlie.user, event=published, capacity=1)

    assert "capacity" in raised.value.error_dict
    assert Event.objects.get().capacity == 2


def test_garden_a_cannot_change_garden_bs_event(alice, published):
    with pytest.raises(PermissionDenied):
        event_update(actor=alice.user, event=published, title="Kapret")

    assert Event.objects.get().title == "Frokost på Røros"


def test_the_coordinator_changes_any_event(cora, published):
    event_update(actor=cora.user, event=published, title="Nytt navn")

    assert Event.objects.get().title == "Nytt navn"


def test_a_cancelled_event_cannot_be_changed(charlie, garden_b):
    cancelled = EventFactory(hosts=[garden_b], status=EventStatus.CANCELLED)

    with pytest.raises(ValidationError):
        event_update(actor=charlie.user, event=cancelled, title="Igjen")


def test_it_replaces_the_hosts_and_keeps_reservations_of_those_who_stay(
    charlie, garden_a, garden_b
):
    event = EventFactory(hosts=[garden_b], capacity=20)
    until = in_days(3)

    event_update(
        actor=charlie.user,
        event=event,
        hosts=[HostInput(garden_b, 5, until), HostInput(garden_a, 5, until)],
    )

    links = {h.garden: h.reserved_places for h in event.host_links.all()}
    assert links == {garden_a: 5, garden_b: 5}


# --- publish, cancel, copy ----------------------------------------------------------------------


def test_it_publishes_a_draft(charlie, garden_b):
    draft = EventFactory(hosts=[garden_b], status=EventStatus.DRAFT)

    event_publish(actor=charlie.user, event=draft)

    assert Event.objects.get().status == EventStatus.PUBLISHED
    assert len(_audits("event.published")) == 1


def test_it_publishes_only_a_draft(charlie, published):
    with pytest.raises(ValidationError):
        event_publish(actor=charlie.user, event=published)


def test_cancelling_e_mails_everyone_signed_up_and_keeps_their_registrations(
    diana, published, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(event=published, email="kari@example.no")

    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(actor=diana.user, event=published, reason="Innleder er syk.")

    (message,) = mail.outbox
    assert message.to == ["kari@example.no"]
    assert "Innleder er syk." in message.body
    assert Event.objects.get().status == EventStatus.CANCELLED
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert _audits("event.cancelled")[0].data == {"reason": "Innleder er syk."}


def test_garden_a_cannot_cancel_garden_bs_event(bob, published):
    with pytest.raises(PermissionDenied):
        event_cancel(actor=bob.user, event=published)

    assert Event.objects.get().status == EventStatus.PUBLISHED


def test_a_copy_is_a_draft_with_the_same_hosts_areas_questions_and_moved_window(
    charlie, garden_b, area
):
    source = EventFactory(
        hosts=[garden_b],
        areas=[area],
        registration_closes=in_days(6),
        capacity=30,
        description="Om eksport",
    )
    QuestionFactory(event=source, label="Allergier?", required=True)
    new_start = source.starts_at + datetime.timedelta(days=28)

    copy = event_copy(actor=charlie.user, event=source, starts_at=new_start)

    assert copy.status == EventStatus.DRAFT
    assert copy.ref != source.ref
    assert copy.ends_at - copy.starts_at == source.ends_at - source.starts_at
    assert copy.registration_closes == source.registration_closes + datetime.timedelta(days=28)
    assert (copy.capacity, copy.description) == (30, "Om eksport")
    assert [h.garden for h in copy.host_links.all()] == [garden_b]
    assert list(copy.areas.all()) == [area]
    assert list(copy.questions.values_list("label", "required")) == [("Allergier?", True)]
    assert _audits("event.copied")[0].data == {"source": source.ref}


# --- questions ----------------------------------------------------------------------------------


def test_it_adds_questions_last_and_checks_their_choices(charlie, published):
    first = event_questions.question_save(actor=charlie.user, event=published, label="Allergier?")
    second = event_questions.question_save(
        actor=charlie.user,
        event=published,
        label="Lunsj?",
        kind="choice",
        choices=[" Ja ", "Nei", "Ja", ""],
    )

    assert (first.position, second.position) == (0, 1)
    assert second.choices == ["Ja", "Nei"]
    with pytest.raises(ValidationError):
        event_questions.question_save(
            actor=charlie.user, event=published, label="Valg?", kind="choice", choices=["A"]
        )
    assert len(_audits("question.created")) == 2


def test_garden_a_cannot_edit_garden_bs_questions(alice, published):
    question = QuestionFactory(event=published)

    with pytest.raises(PermissionDenied):
        event_questions.question_delete(actor=alice.user, question=question)

    assert Question.objects.filter(pk=question.pk).exists()


def test_replacing_the_questions_keeps_the_ids_of_those_in_the_same_place(charlie, published):
    kept = QuestionFactory(event=published, position=0, label="Gammel")
    QuestionFactory(event=published, position=1, label="Går ut")

    result = event_questions.questions_replace(
        actor=charlie.user, event=published, questions=[{"label": "Ny tekst"}]
    )

    assert [(q.pk, q.label) for q in result] == [(kept.pk, "Ny tekst")]
    assert published.questions.count() == 1
