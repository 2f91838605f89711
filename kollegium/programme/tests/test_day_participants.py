"""The participant list for the hosts: grouped by status with company and garden, adding
someone by hand, and moving people between the waitlist and a place."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kollegium.companies.tests.factories import CompanyGardenFactory
from kollegium.core.models import AuditEntry
from kollegium.programme.models import EventStatus, Question, Registration, RegistrationStatus
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db

WAITLISTED = RegistrationStatus.WAITLISTED


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def event(garden_a):
    return EventFactory(hosts=[garden_a], capacity=2)


def _list(event):
    return reverse("programme:day_participants", args=[event.ref])


def _in_line(minutes_ago: int, **kwargs):
    moment = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return RegistrationFactory(status=WAITLISTED, queued_at=moment, **kwargs)


def test_it_groups_people_by_status_with_company_and_garden(
    signed_in, alice, event, company_b, garden_b
):
    RegistrationFactory(event=event, name="Kari Nordmann", company=company_b)
    RegistrationFactory(event=event, name="Per Privat", company_name="Per Enkeltperson")
    _in_line(5, event=event, name="Vera Venter")
    RegistrationFactory(event=event, name="Siri Avmeldt", status=RegistrationStatus.CANCELLED)

    response = signed_in(alice).get(_list(event))

    assert response.status_code == 200
    people = response.context["people"]
    assert [r.name for r in people.confirmed] == ["Kari Nordmann", "Per Privat"]
    assert [r.name for r in people.waitlisted] == ["Vera Venter"]
    assert [r.name for r in people.cancelled] == ["Siri Avmeldt"]
    html = response.content.decode()
    assert "Røros Mat AS" in html and garden_b.name in html
    assert "Per Enkeltperson" in html and "Outside the network" in html
    assert '<div class="k-table-wrap">' in html
    assert html.count("<h1") == 1


def test_it_orders_the_waitlist_by_arrival(signed_in, alice, event):
    _in_line(1, event=event, name="Sist")
    _in_line(9, event=event, name="Først")
    _in_line(5, event=event, name="Midt")

    people = signed_in(alice).get(_list(event)).context["people"]

    assert [(r.position, r.name) for r in people.waitlisted] == [
        (1, "Først"),
        (2, "Midt"),
        (3, "Sist"),
    ]


def test_it_puts_network_companies_first_when_the_event_says_so(signed_in, alice, event, company_a):
    event.network_priority = True
    event.save()
    _in_line(9, event=event, name="Publikum")
    _in_line(1, event=event, name="Nettverk", company=company_a)

    people = signed_in(alice).get(_list(event)).context["people"]

    assert [r.name for r in people.waitlisted] == ["Nettverk", "Publikum"]


def test_other_gardens_staff_cannot_see_the_participants(signed_in, charlie, event):
    RegistrationFactory(event=event, name="Kari Nordmann")

    response = signed_in(charlie).get(_list(event))

    assert response.status_code == 403
    assert b"Kari Nordmann" not in response.content


def test_a_draft_of_another_garden_is_not_found(signed_in, charlie, event):
    event.status = EventStatus.DRAFT
    event.save()

    assert signed_in(charlie).get(_list(event)).status_code == 404


def test_the_coordinator_sees_every_gardens_participants(signed_in, cora, garden_b):
    event = EventFactory(hosts=[garden_b])
    RegistrationFactory(event=event, name="Kari Nordmann")

    assert b"Kari Nordmann" in signed_in(cora).get(_list(event)).content


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_keeps_a_fixed_number_of_queries(signed_in, alice, garden_a, garden_b):
    event = EventFactory(hosts=[garden_a], capacity=None)
    client = signed_in(alice)

    def add(n):
        for i in range(n):
            company = CompanyGardenFactory(garden=garden_b).company
            CompanyGardenFactory(company=company, garden=garden_a)
            status = [RegistrationStatus.CONFIRMED, WAITLISTED][i % 2]
            RegistrationFactory(event=event, company=company, status=status)

    add(10)
    client.get(_list(event))
    few = _count_queries(client, _list(event))
    add(190)

    assert _count_queries(client, _list(event)) == few


# --- adding someone by hand -------------------------------------------------------------------


def _add(event):
    return reverse("programme:day_add", args=[event.ref])


def test_it_adds_someone_by_hand_with_a_company_by_org_number(
    signed_in, alice, event, company_b, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(alice).post(
            _add(event),
            {
                "name": "Kari Nordmann",
                "email": "Kari@Bedrift.example",
                "phone": "",
                "company": company_b.org_number,
                "language": "en",
            },
        )

    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.email == "kari@bedrift.example"
    assert registration.company == company_b
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.registered_by == alice
    assert registration.language == "en"
    assert AuditEntry.objects.filter(object_id=str(registration.pk)).exists()
    assert [m.to for m in mailoutbox] == [["kari@bedrift.example"]]


def test_it_puts_someone_added_to_a_full_event_on_the_waitlist(signed_in, alice, event):
    RegistrationFactory.create_batch(2, event=event)

    signed_in(alice).post(
        _add(event),
        {
            "name": "Vera Venter",
            "email": "vera@example.no",
            "company": "Ny Bedrift",
            "language": "nb",
        },
    )

    registration = Registration.objects.get(name="Vera Venter")
    assert registration.status == WAITLISTED
    assert registration.company is None and registration.company_name == "Ny Bedrift"


def test_it_shows_field_errors_for_bad_input(signed_in, alice, event):
    Question.objects.create(event=event, label="Allergier?", required=True)

    response = signed_in(alice).post(
        _add(event), {"name": "", "email": "ikke-en-adresse", "language": "nb"}
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"name", "email", f"q{event.questions.get().pk}"}
    assert not Registration.objects.exists()


def test_it_keeps_one_place_for_someone_added_twice(signed_in, alice, event):
    RegistrationFactory(event=event, email="kari@bedrift.example")

    signed_in(alice).post(
        _add(event), {"name": "Kari", "email": "KARI@bedrift.example", "language": "nb"}
    )

    assert Registration.objects.filter(event=event).count() == 1


def test_other_gardens_staff_cannot_add_people(signed_in, charlie, event):
    response = signed_in(charlie).post(
        _add(event), {"name": "Kari", "email": "kari@example.no", "language": "nb"}
    )

    assert response.status_code == 403
    assert not Registration.objects.exists()


# --- moving people ----------------------------------------------------------------------------


def _move(event, registration, to):
    url = reverse("programme:day_move", args=[event.ref, registration.pk])
    return {"path": url, "data": {"to": to}}


def test_it_confirms_someone_from_the_waitlist(signed_in, alice, event):
    waiting = _in_line(3, event=event)

    response = signed_in(alice).post(**_move(event, waiting, "confirmed"))

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    entry = AuditEntry.objects.get(action="registration.moved", object_id=str(waiting.pk))
    assert entry.actor == alice.user


def test_it_says_so_when_the_event_is_full(signed_in, alice, event):
    RegistrationFactory.create_batch(2, event=event)
    waiting = _in_line(3, event=event)

    response = signed_in(alice).post(**_move(event, waiting, "confirmed"), follow=True)

    waiting.refresh_from_db()
    assert waiting.status == WAITLISTED
    assert "The event is full" in response.content.decode()


def test_it_moves_someone_back_in_line_and_removes_someone(signed_in, alice, event):
    kari, ola = RegistrationFactory.create_batch(2, event=event)
    client = signed_in(alice)

    client.post(**_move(event, kari, "waitlisted"))
    kari.refresh_from_db()
    assert kari.status == WAITLISTED

    client.post(**_move(event, ola, "cancelled"))
    ola.refresh_from_db()
    kari.refresh_from_db()
    assert ola.status == RegistrationStatus.CANCELLED
    # Ola's place went to the first in line.
    assert kari.status == RegistrationStatus.CONFIRMED
    assert AuditEntry.objects.filter(action="registration.removed").count() == 1


def test_other_gardens_staff_cannot_move_people(signed_in, charlie, event):
    waiting = _in_line(3, event=event)

    assert signed_in(charlie).post(**_move(event, waiting, "confirmed")).status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == WAITLISTED


def test_it_offers_no_moves_at_a_cancelled_event(signed_in, alice, event):
    RegistrationFactory(event=event)
    event.status = EventStatus.CANCELLED
    event.starts_at = in_days(-1)
    event.save()

    response = signed_in(alice).get(_list(event))

    assert 'name="to"' not in response.content.decode()


def test_it_puts_someone_removed_by_mistake_back_in_line(signed_in, alice, event):
    removed = RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)

    signed_in(alice).post(**_move(event, removed, "waitlisted"))

    removed.refresh_from_db()
    assert removed.status == WAITLISTED
