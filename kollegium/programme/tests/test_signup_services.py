"""Signing up through the service: places, the waitlist, duplicates, closed events, bad input,
cancelling, changing, erasing, and advisors signing up several people at once."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kollegium.core.models import AuditEntry
from kollegium.programme.models import EventStatus, Question, QuestionKind, Registration
from kollegium.programme.services.registrations import (
    RegistrationClosed,
    registration_cancel,
    registration_create,
    registration_create_many,
    registration_erase,
    registration_update,
)
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory, in_days


@pytest.fixture
def event(garden_b):
    return EventFactory(hosts=[garden_b], capacity=2, title="Frokostmøte om eksport")


def sign_up(event, email="kari@bedrift.example", **kwargs):
    values = {"name": "Kari Nordmann", "email": email, "consent": True, **kwargs}
    return registration_create(event=event, **values)


def test_it_confirms_a_place_and_audits_and_mails_it(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration, created = sign_up(event, phone="912 34 567")

    assert created
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert registration.phone == "+4791234567"
    assert registration.consent_at is not None
    assert registration.queued_at is None
    entry = AuditEntry.objects.get(action="registration.created")
    assert entry.object_id == str(registration.pk)
    assert entry.data["status"] == "confirmed"
    assert [m.to for m in mail.outbox] == [["kari@bedrift.example"]]
    assert "Frokostmøte om eksport" in mail.outbox[0].subject


def test_it_puts_people_beyond_the_capacity_on_the_waitlist_in_order(event):
    first, second = sign_up(event, "a@x.example")[0], sign_up(event, "b@x.example")[0]
    third = sign_up(event, "c@x.example")[0]
    fourth = sign_up(event, "d@x.example")[0]

    assert [r.status for r in (first, second)] == ["confirmed", "confirmed"]
    assert [r.status for r in (third, fourth)] == ["waitlisted", "waitlisted"]
    assert third.queued_at <= fourth.queued_at
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2


def test_it_lets_anyone_in_without_a_capacity(garden_b):
    event = EventFactory(hosts=[garden_b], capacity=None)

    statuses = {sign_up(event, f"p{n}@x.example")[0].status for n in range(5)}

    assert statuses == {"confirmed"}


def test_it_does_not_give_a_second_place_to_the_same_address(
    event, django_capture_on_commit_callbacks
):
    first, _created = sign_up(event, "kari@bedrift.example")
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        again, created = sign_up(event, "  Kari@Bedrift.EXAMPLE ", name="Kari N.")

    assert not created
    assert again.pk == first.pk
    assert Registration.objects.filter(event=event).count() == 1
    assert again.name == "Kari Nordmann"
    # The confirmation goes out again.
    assert [m.to for m in mail.outbox] == [["kari@bedrift.example"]]
    assert AuditEntry.objects.filter(action="registration.created").count() == 1


def test_it_takes_a_new_sign_up_after_a_cancellation(event):
    first, _ = sign_up(event)
    registration_cancel(registration=first)

    again, created = sign_up(event)

    assert created
    assert again.pk != first.pk
    assert again.status == "confirmed"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"status": EventStatus.DRAFT}, "not_published"),
        ({"status": EventStatus.CANCELLED}, "cancelled"),
        ({"registration_opens": in_days(2)}, "not_open_yet"),
        ({"registration_closes": timezone.now() - datetime.timedelta(hours=1)}, "closed"),
        ({"starts_at": in_days(-1), "ends_at": in_days(-1, hour=10)}, "past"),
    ],
)
def test_it_refuses_an_event_that_does_not_take_sign_ups(garden_b, changes, reason):
    event = EventFactory(hosts=[garden_b], **changes)

    with pytest.raises(RegistrationClosed) as caught:
        sign_up(event)

    assert caught.value.reason == reason
    assert caught.value.message
    assert not Registration.objects.exists()


def test_it_closes_when_the_event_starts_without_a_closing_time(garden_b):
    starts = timezone.now() - datetime.timedelta(minutes=10)
    event = EventFactory(
        hosts=[garden_b], starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )

    with pytest.raises(RegistrationClosed) as caught:
        sign_up(event)

    assert caught.value.reason == "closed"


def test_it_refuses_a_full_event_without_a_waitlist(garden_b):
    event = EventFactory(hosts=[garden_b], capacity=1, has_waitlist=False)
    sign_up(event, "a@x.example")

    with pytest.raises(RegistrationClosed) as caught:
        sign_up(event, "b@x.example")

    assert caught.value.reason == "full"
    assert Registration.objects.filter(event=event).count() == 1


def test_it_names_each_bad_field(event):
    Question.objects.create(event=event, label="Allergier?", required=True)
    choice = Question.objects.create(
        event=event, label="Hvilken økt?", kind=QuestionKind.CHOICE, choices=["A", "B"]
    )

    with pytest.raises(ValidationError) as caught:
        registration_create(
            event=event,
            name=" ",
            email="ikke-en-adresse",
            phone="12",
            answers={str(choice.pk): "C"},
            consent=False,
        )

    errors = caught.value.message_dict
    required = event.questions.get(label="Allergier?")
    assert set(errors) == {
        "name",
        "email",
        "phone",
        "consent",
        f"answers.{required.pk}",
        f"answers.{choice.pk}",
    }
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("912 34 567", "+4791234567"),
        ("+47 22 33 44 55", "+4722334455"),
        ("0047 912-34-567", "+4791234567"),
        ("+46 70 123 45 67", "+46701234567"),
        ("", ""),
    ],
)
def test_it_stores_phone_numbers_in_one_form(event, typed, stored):
    registration, _ = sign_up(event, phone=typed)

    assert registration.phone == stored


@pytest.mark.parametrize("typed", ["1234567", "012345678", "+47 123", "+0 123456789", "tlf 9123"])
def test_it_refuses_what_is_not_a_phone_number(event, typed):
    with pytest.raises(ValidationError) as caught:
        sign_up(event, phone=typed)

    assert "phone" in caught.value.message_dict


def test_it_stores_answers_by_question_and_takes_labels_too(event):
    question = Question.objects.create(event=event, label="Allergier?")

    registration, _ = sign_up(event, answers={"Allergier?": " nøtter "})

    assert registration.answers == {str(question.pk): "nøtter"}


def test_it_lets_staff_add_someone_after_registration_closed(alice, garden_a):
    closed = timezone.now() - datetime.timedelta(hours=1)
    event = EventFactory(hosts=[garden_a], registration_closes=closed)

    registration, created = sign_up(event, consent=False, registered_by=alice, actor=alice.user)

    assert created
    assert registration.registered_by == alice
    assert registration.consent_at is None
    assert AuditEntry.objects.get(action="registration.created").actor == alice.user


def test_it_refuses_staff_of_other_gardens_signing_up_strangers(event, alice):
    with pytest.raises(PermissionDenied):
        sign_up(event, registered_by=alice, actor=alice.user)


def test_it_frees_a_place_for_the_first_in_line_when_someone_cancels(
    event, django_capture_on_commit_callbacks
):
    holder = sign_up(event, "a@x.example")[0]
    sign_up(event, "b@x.example")
    first_in_line = sign_up(event, "c@x.example")[0]
    second_in_line = sign_up(event, "d@x.example")[0]
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=holder)

    holder.refresh_from_db()
    first_in_line.refresh_from_db()
    second_in_line.refresh_from_db()
    assert holder.status == "cancelled"
    assert first_in_line.status == "confirmed"
    assert second_in_line.status == "waitlisted"
    assert {m.to[0] for m in mail.outbox} == {"a@x.example", "c@x.example"}
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"registration.cancelled", "registration.promoted"} <= actions


def test_it_changes_nothing_when_cancelling_twice(event):
    registration = sign_up(event)[0]
    registration_cancel(registration=registration)

    registration_cancel(registration=registration)

    assert AuditEntry.objects.filter(action="registration.cancelled").count() == 1


def test_it_lets_the_participant_change_their_details(event, company_a):
    registration = sign_up(event)[0]

    registration_update(
        registration=registration, name="Kari Hansen", phone="+4791234567", company=company_a
    )

    registration.refresh_from_db()
    assert registration.name == "Kari Hansen"
    assert registration.company == company_a
    assert registration.company_name == company_a.name
    entry = AuditEntry.objects.get(action="registration.updated")
    assert entry.data["fields"] == ["company", "company_name", "name", "phone"]


def test_it_refuses_changing_to_an_address_already_signed_up(event):
    sign_up(event, "a@x.example")
    registration = sign_up(event, "b@x.example")[0]

    with pytest.raises(ValidationError) as caught:
        registration_update(registration=registration, email="A@x.example")

    assert "email" in caught.value.message_dict


def test_it_erases_personal_data_and_keeps_the_row(event, company_a):
    registration = sign_up(event, phone="91234567", company=company_a, answers={})[0]
    waiting = sign_up(event, "b@x.example")[0]
    third = sign_up(event, "c@x.example")[0]
    old_token = registration.token

    registration_erase(registration=registration)

    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.phone) == ("", "", "")
    assert registration.anonymised_at is not None
    assert registration.status == "cancelled"
    assert registration.company == company_a
    assert registration.token != old_token
    third.refresh_from_db()
    waiting.refresh_from_db()
    assert third.status == "confirmed"
    assert AuditEntry.objects.filter(action="registration.erased").exists()
    # Nothing personal in the audit trail.
    assert "kari" not in str(list(AuditEntry.objects.values_list("data", flat=True))).lower()


def test_an_advisor_signs_up_several_employees_of_a_client(
    alice, company_a, garden_b, django_capture_on_commit_callbacks
):
    event = EventFactory(hosts=[garden_b], capacity=2)
    people = [
        {"name": "Per Sveis", "email": "per@orkla.example"},
        {"name": "Pål Sveis", "email": "pal@orkla.example", "phone": "41234567"},
        {"name": "Espen Sveis", "email": "espen@orkla.example"},
    ]

    with django_capture_on_commit_callbacks(execute=True):
        done = registration_create_many(
            actor=alice.user, event=event, company=company_a, people=people
        )

    assert [r.status for r in done] == ["confirmed", "confirmed", "waitlisted"]
    assert {r.registered_by for r in done} == {alice}
    assert {r.company for r in done} == {company_a}
    assert len(mail.outbox) == 3


def test_it_signs_up_nobody_when_one_row_is_bad(alice, company_a, garden_b):
    event = EventFactory(hosts=[garden_b])
    people = [
        {"name": "Per Sveis", "email": "per@orkla.example"},
        {"name": "", "email": "pal@"},
        {"name": "Per igjen", "email": "PER@orkla.example"},
    ]

    with pytest.raises(ValidationError) as caught:
        registration_create_many(actor=alice.user, event=event, company=company_a, people=people)

    assert set(caught.value.message_dict) == {"people.1.name", "people.1.email", "people.2.email"}
    assert not Registration.objects.exists()


def test_an_advisor_cannot_sign_up_people_of_a_company_their_garden_does_not_serve(
    alice, company_b, garden_b
):
    event = EventFactory(hosts=[garden_b])

    with pytest.raises(PermissionDenied):
        registration_create_many(
            actor=alice.user,
            event=event,
            company=company_b,
            people=[{"name": "Ola", "email": "ola@roros.example"}],
        )


def test_the_factory_registration_counts_as_a_place(event):
    RegistrationFactory.create_batch(2, event=event)

    assert sign_up(event)[0].status == "waitlisted"
