"""Query budgets of the programme's main pages and API lists: a ceiling on the number of SQL
queries, and the same number with 10 and with 200 rows behind the page."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.api.tests.conftest import Api
from kollegium.network.tests.factories import GardenFactory, PersonFactory
from kollegium.programme.models import Event, EventHost, RegistrationStatus
from kollegium.programme.tests.factories import (
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    in_days,
)

pytestmark = pytest.mark.django_db
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def queries_of(client, url: str, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def add_events(n: int, *, first: datetime.datetime | None = None) -> None:
    """Published events with a host, an area-free question and two registrations each."""
    for i in range(n):
        starts = (first + datetime.timedelta(hours=i)) if first else in_days(1 + i % 30)
        event = EventFactory(
            hosts=[GardenFactory()],
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            capacity=20,
        )
        QuestionFactory(event=event)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)


def assert_budget(client, url: str, budget: int, add, params=None) -> None:
    """``add(10)``, count, ``add(190)``, count: the same, and at most ``budget``."""
    queries_of(client, url, params)  # the network's settings row is made on first use
    add(10)
    few = queries_of(client, url, params)
    add(190)
    many = queries_of(client, url, params)
    assert many == few, f"{url}: {few} queries with 10 rows, {many} with 200"
    assert many <= budget, f"{url}: {many} queries, the budget is {budget}"


def test_the_public_programme_stays_within_its_budget(client):
    # First and last start, page, places taken, hosts, areas, network settings, 2 filter lists.
    assert_budget(client, reverse("programme:list"), 9, add_events, {"period": "all"})


def test_the_calendar_stays_within_its_budget(client):
    first = datetime.datetime(2099, 10, 2, 8, tzinfo=OSLO)
    url = reverse("programme:calendar_month", args=[2099, 10])
    assert_budget(client, url, 7, lambda n: add_events(n, first=first))


def test_the_printed_semester_stays_within_its_budget(client):
    first = datetime.datetime(2099, 9, 1, 8, tzinfo=OSLO)
    url = reverse("programme:print", args=["2099-autumn"])
    assert_budget(client, url, 7, lambda n: add_events(n, first=first))


def test_the_event_page_stays_within_its_budget(client, garden_a):
    event = EventFactory(hosts=[garden_a], capacity=500)

    def add_registrations_and_speakers(n):
        RegistrationFactory.create_batch(n, event=event)
        event.speakers.add(*PersonFactory.create_batch(n // 10 or 1, garden=garden_a))
        event.hosts.add(*GardenFactory.create_batch(n // 10 or 1))

    url = reverse("programme:event", args=[event.ref])
    assert_budget(client, url, 11, add_registrations_and_speakers)


def test_my_events_stay_within_their_budget(signed_in, alice):
    first = datetime.datetime(2099, 9, 1, 8, tzinfo=OSLO)

    def add(n):
        add_events(n, first=first)
        hosted = set(EventHost.objects.filter(garden=alice.garden).values_list("event", flat=True))
        for event in Event.objects.exclude(pk__in=hosted):
            EventHost.objects.create(event=event, garden=alice.garden)

    assert_budget(signed_in(alice), reverse("programme:manage"), 10, add)


def test_the_events_api_stays_within_its_budget(client):
    api = Api(client)
    with CaptureQueriesContext(connection):
        api.get("/events")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/events?limit=200").status_code == 200
        return len(queries)

    add_events(10)
    few = count()
    add_events(190)
    many = count()
    assert many == few
    # Count, page, places taken, hosts, areas, speakers, questions.
    assert many <= 7


def test_the_registrations_api_stays_within_its_budget(client, alice, garden_a, company_b):
    api = Api(client)
    event = EventFactory(hosts=[garden_a], capacity=500)
    api.get("/registrations", who=alice)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/registrations?limit=200", who=alice).status_code == 200
        return len(queries)

    RegistrationFactory.create_batch(10, event=event, company=company_b)
    few = count()
    RegistrationFactory.create_batch(190, event=event, company=company_b)
    many = count()
    assert many == few
    assert many <= 8
