"""The check-in page: search by name, one tap to mark, undo, letting in from the waitlist,
and two staff members checking people in at the same time."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kollegium.core.models import AuditEntry
from kollegium.programme.models import EventStatus, Registration, RegistrationStatus
from kollegium.programme.services.day import attendance_mark
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The pages in English, so the tests can read their sentences."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def event(garden_a):
    """Garden A's breakfast meeting, starting now-ish today."""
    starts = timezone.now() - datetime.timedelta(minutes=30)
    return EventFactory(
        hosts=[garden_a], starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )


@pytest.fixture
def kari(event):
    return RegistrationFactory(event=event, name="Kari Nordmann")


@pytest.fixture
def ola(event):
    return RegistrationFactory(event=event, name="Ola Østby")


def _page(event):
    return reverse("programme:day_checkin", args=[event.ref])


def _mark(event, registration):
    return reverse("programme:day_mark", args=[event.ref, registration.pk])


def _client_for(person):
    client = Client()
    client.force_login(person.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_it_lists_the_confirmed_participants_for_the_hosts(signed_in, alice, event, kari, ola):
    RegistrationFactory(event=event, name="Per Venter", status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=event, name="Siri Avmeldt", status=RegistrationStatus.CANCELLED)

    response = signed_in(alice).get(_page(event))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kari Nordmann" in html and "Ola Østby" in html
    assert "Per Venter" not in html and "Siri Avmeldt" not in html
    assert "0 of 2 checked in" in html
    assert html.count("<h1") == 1
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html


def test_it_marks_a_participant_with_one_tap(signed_in, alice, event, kari):
    response = signed_in(alice).post(_mark(event, kari), {"attended": "1"})

    assert response.status_code == 302
    kari.refresh_from_db()
    assert kari.attended is True
    assert kari.checked_in_at is not None
    entry = AuditEntry.objects.get(action="registration.checked_in")
    assert entry.object_id == str(kari.pk)
    assert entry.actor == alice.user
    assert entry.data == {"event": event.ref}


def test_it_answers_htmx_with_the_row_and_the_counter(signed_in, alice, event, kari, ola):
    response = signed_in(alice).post(_mark(event, kari), {"attended": "1"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'id="r{kari.pk}"' in html and "Ola Østby" not in html
    assert 'id="checkin-count"' in html and 'hx-swap-oob="true"' in html
    assert "1 of 2 checked in" in html


def test_two_staff_members_marking_different_people_lose_no_mark(alice, bob, event, kari, ola):
    at_door_1 = _client_for(alice)
    at_door_2 = _client_for(bob)
    # Both loaded the page before anyone was checked in.
    at_door_1.get(_page(event))
    at_door_2.get(_page(event))

    at_door_1.post(_mark(event, kari), {"attended": "1"})
    at_door_2.post(_mark(event, ola), {"attended": "1"})

    assert set(Registration.objects.filter(attended=True).values_list("name", flat=True)) == {
        "Kari Nordmann",
        "Ola Østby",
    }
    assert AuditEntry.objects.filter(action="registration.checked_in").count() == 2


def test_two_staff_members_marking_the_same_person_keep_one_mark(alice, bob, event, kari):
    at_door_1 = _client_for(alice)
    at_door_2 = _client_for(bob)

    at_door_1.post(_mark(event, kari), {"attended": "1"})
    kari.refresh_from_db()
    first_time = kari.checked_in_at
    # The second phone still shows Kari as not checked in and taps her too.
    response = at_door_2.post(_mark(event, kari), {"attended": "1"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    kari.refresh_from_db()
    assert kari.attended is True
    assert kari.checked_in_at == first_time
    assert AuditEntry.objects.filter(action="registration.checked_in").count() == 1


def test_a_stale_page_cannot_undo_a_mark_by_tapping_check_in(signed_in, alice, event, kari):
    """Each tap sends the state it wants: "check in" on an old page is never a toggle."""
    client = signed_in(alice)
    client.post(_mark(event, kari), {"attended": "1"})

    client.post(_mark(event, kari), {"attended": "1"})

    kari.refresh_from_db()
    assert kari.attended is True


def test_a_mark_does_not_overwrite_a_cancellation_made_meanwhile(alice, event, kari):
    stale = Registration.objects.get(pk=kari.pk)
    Registration.objects.filter(pk=kari.pk).update(status=RegistrationStatus.CANCELLED)
    stale.event = event

    with pytest.raises(ValidationError) as refused:
        attendance_mark(actor=alice.user, registration=stale)

    assert refused.value.code == "not_confirmed"
    kari.refresh_from_db()
    assert kari.status == RegistrationStatus.CANCELLED
    assert kari.attended is False


def test_it_takes_a_mark_back(signed_in, alice, event, kari):
    client = signed_in(alice)
    client.post(_mark(event, kari), {"attended": "1"})

    client.post(_mark(event, kari), {"attended": "0"})

    kari.refresh_from_db()
    assert (kari.attended, kari.checked_in_at) == (False, None)
    assert AuditEntry.objects.filter(action="registration.check_in_undone").count() == 1


def test_it_searches_by_name_whatever_the_case_of_æøå(signed_in, alice, event, kari, ola):
    client = signed_in(alice)

    response = client.get(_page(event), {"q": "østby"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "<html" not in html
    assert "Ola Østby" in html and "Kari Nordmann" not in html
    assert "Kari Nordmann" in client.get(_page(event), {"q": "KARI nord"}).content.decode()


def test_it_finds_someone_on_the_waitlist_and_lets_them_in(signed_in, alice, event, kari):
    waiting = RegistrationFactory(
        event=event, name="Per Venter", status=RegistrationStatus.WAITLISTED
    )
    client = signed_in(alice)
    assert "Per Venter" in client.get(_page(event), {"q": "per"}).content.decode()

    url = reverse("programme:day_let_in", args=[event.ref, waiting.pk])
    response = client.post(url, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert waiting.attended is True and waiting.queued_at is None
    assert AuditEntry.objects.filter(action="registration.let_in").count() == 1


def test_it_opens_check_in_on_the_day_of_the_event(signed_in, alice, garden_a):
    later = EventFactory(hosts=[garden_a], starts_at=in_days(3), ends_at=in_days(3, hour=10))
    person = RegistrationFactory(event=later)
    client = signed_in(alice)

    page = client.get(_page(later)).content.decode()
    response = client.post(_mark(later, person), {"attended": "1"})

    assert "Check-in opens on the day of the event." in page
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.attended is False


def test_it_refuses_check_in_at_a_cancelled_event(signed_in, alice, event, kari):
    event.status = EventStatus.CANCELLED
    event.save()

    signed_in(alice).post(_mark(event, kari), {"attended": "1"})

    kari.refresh_from_db()
    assert kari.attended is False


def test_the_coordinator_checks_in_at_any_gardens_event(signed_in, cora, garden_b):
    starts = timezone.now()
    event = EventFactory(hosts=[garden_b], starts_at=starts, ends_at=starts)
    person = RegistrationFactory(event=event)

    signed_in(cora).post(_mark(event, person), {"attended": "1"})

    person.refresh_from_db()
    assert person.attended is True


def test_other_gardens_staff_cannot_check_in(signed_in, charlie, event, kari):
    client = signed_in(charlie)

    assert client.get(_page(event)).status_code == 403
    assert client.post(_mark(event, kari), {"attended": "1"}).status_code == 403
    kari.refresh_from_db()
    assert kari.attended is False


def test_a_registration_of_another_event_is_not_found(signed_in, alice, event, garden_a):
    other = RegistrationFactory(event=EventFactory(hosts=[garden_a]))

    assert signed_in(alice).post(_mark(event, other), {"attended": "1"}).status_code == 404


def test_it_sends_anonymous_visitors_to_the_login_page(client, event):
    response = client.get(_page(event))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_keeps_a_fixed_number_of_queries(signed_in, alice, event):
    client = signed_in(alice)
    RegistrationFactory.create_batch(10, event=event)
    client.get(_page(event))
    few = _count_queries(client, _page(event))
    RegistrationFactory.create_batch(190, event=event, attended=True)

    assert _count_queries(client, _page(event)) == few


def test_it_changes_nothing_for_a_garbled_tap(signed_in, alice, event, kari):
    response = signed_in(alice).post(_mark(event, kari), {"attended": "ja"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "Choose check in or undo." in response.content.decode()
    kari.refresh_from_db()
    assert kari.attended is False
