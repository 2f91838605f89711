"""Query budgets of the network's main pages: a ceiling on the number of SQL queries, and the
same number with 10 and with 200 rows behind the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.companies.tests.factories import NeedFactory
from kollegium.network.models import Role
from kollegium.network.tests.factories import (
    CompetenceAreaFactory,
    CompetenceFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def assert_budget(client, url: str, budget: int, add) -> None:
    """``add(10)``, count, ``add(190)``, count: the same, and at most ``budget``."""
    queries_of(client, url)  # the network's settings row is made on first use
    add(10)
    few = queries_of(client, url)
    add(190)
    many = queries_of(client, url)
    assert many == few, f"{url}: {few} queries with 10 rows, {many} with 200"
    assert many <= budget, f"{url}: {many} queries, the budget is {budget}"


def add_public_people(garden, area):
    def add(n):
        for person in PersonFactory.create_batch(n, garden=garden, show_public=True):
            CompetenceFactory(person=person, area=area)
            CompetenceFactory(person=person)

    return add


def test_home_stays_within_its_budget(signed_in, alice, company_a, area):
    def add_needs(n):
        for need in NeedFactory.create_batch(n, company=company_a, recorded_by=alice):
            need.areas.add(area)

    assert_budget(signed_in(alice), reverse("home"), 12, add_needs)


def test_the_directory_stays_within_its_budget(signed_in, alice, area):
    client = signed_in(alice)
    assert_budget(client, reverse("network:directory"), 10, add_public_people(alice.garden, area))


def test_the_public_network_page_stays_within_its_budget(client, garden_a, area):
    assert_budget(client, reverse("public:network"), 9, add_public_people(garden_a, area))


def test_a_public_garden_page_stays_within_its_budget(client, garden_a, area):
    url = reverse("public:garden", args=[garden_a.slug])
    assert_budget(client, url, 5, add_public_people(garden_a, area))


def test_the_competence_areas_stay_within_their_budget(signed_in, alice):
    def add_areas(n):
        CompetenceAreaFactory.create_batch(n)

    assert_budget(signed_in(alice), reverse("network:areas"), 7, add_areas)


def test_the_garden_staff_page_stays_within_its_budget(signed_in, bob, area):
    def add_staff(n):
        for person in PersonFactory.create_batch(n, garden=bob.garden, role=Role.ADVISOR):
            CompetenceFactory(person=person, area=area)

    url = reverse("network:garden_staff", args=[bob.garden.slug])
    assert_budget(signed_in(bob), url, 8, add_staff)
