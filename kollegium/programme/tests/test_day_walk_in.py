"""Walk-ins: someone who comes without a place is added at the door, checked in at once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kollegium.core.models import AuditEntry
from kollegium.programme.models import Registration, RegistrationStatus
from kollegium.programme.services.day import walk_in_add
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def event(garden_a):
    starts = timezone.now() - datetime.timedelta(minutes=10)
    return EventFactory(
        hosts=[garden_a], capacity=1, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )


def _url(event):
    return reverse("programme:day_walk_in", args=[event.ref])


def test_it_adds_a_walk_in_checked_in_beyond_the_capacity(signed_in, alice, event, company_a):
    RegistrationFactory(event=event)

    response = signed_in(alice).post(
        _url(event),
        {"name": "Gunn  Gjest", "email": "Gunn@Gjest.example", "company": "Orkla Sveis AS"},
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("programme:day_checkin", args=[event.ref]))
    walk_in = Registration.objects.get(walk_in=True)
    assert (walk_in.name, walk_in.email) == ("Gunn Gjest", "gunn@gjest.example")
    assert walk_in.company == company_a
    assert walk_in.status == RegistrationStatus.CONFIRMED
    assert walk_in.attended is True and walk_in.checked_in_at is not None
    assert walk_in.registered_by == alice
    assert AuditEntry.objects.get(action="registration.walk_in").object_id == str(walk_in.pk)
    assert Registration.objects.filter(event=event, status="confirmed").count() == 2


def test_it_checks_in_someone_who_already_has_a_place(alice, event):
    kari = RegistrationFactory(event=event, email="kari@bedrift.example")

    registration, created = walk_in_add(
        actor=alice.user, event=event, name="Kari", email="KARI@bedrift.example"
    )

    assert (registration.pk, created) == (kari.pk, False)
    assert registration.attended is True
    assert Registration.objects.filter(event=event).count() == 1


def test_it_lets_in_someone_from_the_waitlist_instead_of_adding_them_twice(alice, event):
    waiting = RegistrationFactory(
        event=event, email="vera@example.no", status=RegistrationStatus.WAITLISTED
    )

    registration, created = walk_in_add(
        actor=alice.user, event=event, name="Vera", email="vera@example.no"
    )

    assert (registration.pk, created) == (waiting.pk, False)
    assert registration.status == RegistrationStatus.CONFIRMED and registration.attended


def test_it_shows_field_errors_for_bad_input(signed_in, alice, event):
    response = signed_in(alice).post(
        _url(event), {"name": "", "email": "gunn", "phone": "12", "company": ""}
    )

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "email"}
    assert not Registration.objects.exists()


def test_it_checks_the_phone_number_like_the_sign_up_form(signed_in, alice, event):
    response = signed_in(alice).post(
        _url(event), {"name": "Gunn", "email": "gunn@example.no", "phone": "12"}
    )

    assert response.status_code == 400
    assert "phone" in response.context["form"].errors


def test_it_refuses_walk_ins_before_the_day_of_the_event(signed_in, alice, garden_a):
    later = EventFactory(hosts=[garden_a], starts_at=in_days(2), ends_at=in_days(2, hour=10))

    response = signed_in(alice).post(_url(later), {"name": "Gunn", "email": "gunn@example.no"})

    assert response.status_code == 400
    assert "Check-in opens on the day of the event." in response.content.decode()
    assert not Registration.objects.exists()


def test_other_gardens_staff_cannot_add_walk_ins(signed_in, charlie, event):
    response = signed_in(charlie).post(_url(event), {"name": "Gunn", "email": "gunn@example.no"})

    assert response.status_code == 403
    assert not Registration.objects.exists()
