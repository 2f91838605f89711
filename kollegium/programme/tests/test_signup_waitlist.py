"""The waitlist: promotion at once or by offer, offers that run out, network priority, host
gardens' reserved shares, staff moves and the place in line."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kollegium.core.models import AuditEntry
from kollegium.programme.models import EventHost, Registration, WaitlistMode
from kollegium.programme.services.events import event_update
from kollegium.programme.services.registrations import (
    RegistrationClosed,
    registration_cancel,
    registration_create,
    registration_move,
)
from kollegium.programme.services.waitlist import (
    offer_accept,
    offer_expire,
    waitlist_fill,
    waitlist_position,
)
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory


def sign_up(event, email, **kwargs):
    return registration_create(
        event=event, name=email.split("@")[0].title(), email=email, consent=True, **kwargs
    )[0]


def reload(*registrations):
    for registration in registrations:
        registration.refresh_from_db()


@pytest.fixture
def offer_event(garden_b):
    return EventFactory(
        hosts=[garden_b], capacity=1, waitlist_mode=WaitlistMode.OFFER, offer_hours=12
    )


def test_it_offers_a_freed_place_to_the_first_in_line(
    offer_event, django_capture_on_commit_callbacks
):
    holder = sign_up(offer_event, "a@x.example")
    first = sign_up(offer_event, "b@x.example")
    second = sign_up(offer_event, "c@x.example")
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=holder)

    reload(first, second)
    assert first.status == "offered"
    expected = timezone.now() + datetime.timedelta(hours=12)
    assert abs(first.offer_expires_at - expected) < datetime.timedelta(minutes=1)
    assert second.status == "waitlisted"
    offer_mail = next(m for m in mail.outbox if m.to == ["b@x.example"])
    assert first.get_absolute_url() in offer_mail.body
    assert AuditEntry.objects.filter(action="registration.offered", object_id=str(first.pk))


def test_an_accepted_offer_is_a_confirmed_place(offer_event):
    holder = sign_up(offer_event, "a@x.example")
    first = sign_up(offer_event, "b@x.example")
    registration_cancel(registration=holder)
    reload(first)

    offer_accept(registration=first)

    reload(first)
    assert first.status == "confirmed"
    assert first.offer_expires_at is None
    assert AuditEntry.objects.filter(action="registration.offer_accepted").exists()


def test_an_expired_offer_passes_to_the_next_in_line(
    offer_event, django_capture_on_commit_callbacks
):
    holder = sign_up(offer_event, "a@x.example")
    first = sign_up(offer_event, "b@x.example")
    second = sign_up(offer_event, "c@x.example")
    registration_cancel(registration=holder)
    Registration.objects.filter(pk=first.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        offer_expire(registration=first)
        # Running the task twice changes nothing more.
        offer_expire(registration=first)

    reload(first, second)
    assert first.status == "cancelled"
    assert second.status == "offered"
    assert AuditEntry.objects.filter(action="registration.offer_expired").count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["b@x.example", "c@x.example"]


def test_an_offer_still_open_does_not_expire(offer_event):
    holder = sign_up(offer_event, "a@x.example")
    first = sign_up(offer_event, "b@x.example")
    registration_cancel(registration=holder)

    offer_expire(registration=first)

    reload(first)
    assert first.status == "offered"


def test_accepting_too_late_says_so_and_passes_the_place_on(offer_event):
    holder = sign_up(offer_event, "a@x.example")
    first = sign_up(offer_event, "b@x.example")
    second = sign_up(offer_event, "c@x.example")
    registration_cancel(registration=holder)
    Registration.objects.filter(pk=first.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    with pytest.raises(RegistrationClosed) as caught:
        offer_accept(registration=first)

    assert caught.value.reason == "offer_expired"
    reload(first, second)
    assert (first.status, second.status) == ("cancelled", "offered")


def test_an_offer_never_outlasts_the_start_of_the_event(garden_b):
    starts = timezone.now() + datetime.timedelta(hours=3)
    event = EventFactory(
        hosts=[garden_b],
        capacity=1,
        waitlist_mode=WaitlistMode.OFFER,
        offer_hours=24,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )
    holder = sign_up(event, "a@x.example")
    first = sign_up(event, "b@x.example")

    registration_cancel(registration=holder)

    reload(first)
    assert first.offer_expires_at == starts


def test_network_companies_go_first_when_the_event_says_so(garden_b, company_a):
    event = EventFactory(hosts=[garden_b], capacity=1, network_priority=True)
    holder = sign_up(event, "a@x.example")
    public = sign_up(event, "public@x.example", company_name="Ukjent AS")
    member = sign_up(event, "member@orkla.example", company=company_a)

    assert waitlist_position(member) == 1
    assert waitlist_position(public) == 2
    registration_cancel(registration=holder)

    reload(public, member)
    assert (member.status, public.status) == ("confirmed", "waitlisted")


def test_without_network_priority_arrival_order_rules(garden_b, company_a):
    event = EventFactory(hosts=[garden_b], capacity=1)
    holder = sign_up(event, "a@x.example")
    public = sign_up(event, "public@x.example")
    member = sign_up(event, "member@orkla.example", company=company_a)

    registration_cancel(registration=holder)

    reload(public, member)
    assert (public.status, member.status) == ("confirmed", "waitlisted")


@pytest.fixture
def co_hosted(garden_a, garden_b):
    """Four places; garden A keeps two for its companies until tomorrow."""
    event = EventFactory(hosts=[garden_b], capacity=4)
    EventHost.objects.create(
        event=event,
        garden=garden_a,
        reserved_places=2,
        reserved_until=timezone.now() + datetime.timedelta(days=1),
    )
    return event


def test_reserved_places_are_kept_for_the_host_gardens_companies(co_hosted, company_a, garden_a):
    public = [sign_up(co_hosted, f"p{n}@x.example") for n in range(3)]
    members = [sign_up(co_hosted, f"m{n}@orkla.example", company=company_a) for n in range(3)]

    assert [r.status for r in public] == ["confirmed", "confirmed", "waitlisted"]
    assert [r.status for r in members] == ["confirmed", "confirmed", "waitlisted"]
    assert [r.reserved_for for r in members[:2]] == [garden_a, garden_a]
    assert Registration.objects.filter(event=co_hosted, status="confirmed").count() == 4


def test_a_hosts_company_takes_its_reserved_place_first(co_hosted, company_a, garden_a):
    member = sign_up(co_hosted, "m@orkla.example", company=company_a)
    public = [sign_up(co_hosted, f"p{n}@x.example") for n in range(2)]

    assert member.reserved_for == garden_a
    assert [r.status for r in public] == ["confirmed", "confirmed"]


def test_unused_reserved_places_open_to_all_after_the_date(co_hosted, company_a):
    public = [sign_up(co_hosted, f"p{n}@x.example") for n in range(4)]
    assert [r.status for r in public] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    EventHost.objects.filter(event=co_hosted, reserved_places=2).update(
        reserved_until=timezone.now() - datetime.timedelta(minutes=1)
    )

    moved = waitlist_fill(event=co_hosted)

    assert [r.pk for r in moved] == [public[2].pk, public[3].pk]
    assert Registration.objects.filter(event=co_hosted, status="confirmed").count() == 4


def test_a_freed_reserved_place_goes_to_the_first_in_line_who_may_take_it(
    garden_a, garden_b, company_a
):
    event = EventFactory(hosts=[garden_b], capacity=2)
    EventHost.objects.create(event=event, garden=garden_a, reserved_places=1)
    member = sign_up(event, "m@orkla.example", company=company_a)
    sign_up(event, "p0@x.example")
    public = sign_up(event, "p1@x.example")
    other_member = sign_up(event, "m2@orkla.example", company=company_a)

    registration_cancel(registration=member)

    reload(public, other_member)
    assert (public.status, other_member.status) == ("waitlisted", "confirmed")


def test_raising_the_capacity_promotes_the_line(cora, garden_b):
    event = EventFactory(hosts=[garden_b], capacity=1)
    sign_up(event, "a@x.example")
    waiting = [sign_up(event, f"w{n}@x.example") for n in range(3)]

    event_update(actor=cora.user, event=event, capacity=3)

    reload(*waiting)
    assert [r.status for r in waiting] == ["confirmed", "confirmed", "waitlisted"]


def test_staff_move_someone_from_the_line_to_a_free_place(diana, garden_b):
    event = EventFactory(hosts=[garden_b], capacity=2)
    sign_up(event, "a@x.example")
    registration = RegistrationFactory(event=event, status="waitlisted")

    registration_move(actor=diana.user, registration=registration, to="confirmed")

    reload(registration)
    assert registration.status == "confirmed"
    entry = AuditEntry.objects.get(action="registration.moved")
    assert entry.actor == diana.user
    assert entry.data == {"was": "waitlisted", "to": "confirmed"}


def test_staff_cannot_confirm_beyond_the_capacity(diana, garden_b):
    event = EventFactory(hosts=[garden_b], capacity=1)
    sign_up(event, "a@x.example")
    waiting = sign_up(event, "b@x.example")

    with pytest.raises(ValidationError) as caught:
        registration_move(actor=diana.user, registration=waiting, to="confirmed")

    assert "to" in caught.value.message_dict
    reload(waiting)
    assert waiting.status == "waitlisted"


def test_staff_moving_someone_to_the_line_gives_the_place_to_the_first_in_line(diana, garden_b):
    event = EventFactory(hosts=[garden_b], capacity=1)
    holder = sign_up(event, "a@x.example")
    waiting = sign_up(event, "b@x.example")

    registration_move(actor=diana.user, registration=holder, to="waitlisted")

    reload(holder, waiting)
    assert (holder.status, waiting.status) == ("waitlisted", "confirmed")
    assert waitlist_position(holder) == 1


def test_staff_removing_someone_frees_the_place(
    diana, garden_b, django_capture_on_commit_callbacks
):
    event = EventFactory(hosts=[garden_b], capacity=1)
    holder = sign_up(event, "a@x.example", language="en")
    waiting = sign_up(event, "b@x.example")
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        registration_move(actor=diana.user, registration=holder, to="cancelled")

    reload(holder, waiting)
    assert (holder.status, waiting.status) == ("cancelled", "confirmed")
    assert AuditEntry.objects.filter(action="registration.removed", actor=diana.user).exists()
    removed_mail = next(m for m in mail.outbox if m.to == ["a@x.example"])
    assert "organisers" in removed_mail.body


def test_staff_of_other_gardens_cannot_move_anyone(alice, garden_b):
    event = EventFactory(hosts=[garden_b], capacity=1)
    registration = RegistrationFactory(event=event, status="waitlisted")

    with pytest.raises(PermissionDenied):
        registration_move(actor=alice.user, registration=registration, to="confirmed")


def test_nobody_moves_up_after_the_event_has_started(garden_b):
    starts = timezone.now() - datetime.timedelta(minutes=5)
    event = EventFactory(
        hosts=[garden_b], capacity=1, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    holder = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")

    registration_cancel(registration=holder)

    reload(waiting)
    assert waiting.status == "waitlisted"


def test_the_place_in_line_counts_from_one(garden_b):
    event = EventFactory(hosts=[garden_b], capacity=1)
    holder = sign_up(event, "a@x.example")
    first, second = sign_up(event, "b@x.example"), sign_up(event, "c@x.example")

    assert waitlist_position(holder) is None
    assert (waitlist_position(first), waitlist_position(second)) == (1, 2)
