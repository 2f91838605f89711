import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.network.tests.factories import CompetenceFactory, PersonFactory


def test_it_lists_staff_of_every_garden(signed_in, alice, charlie):
    response = signed_in(alice).get(reverse("network:directory"))
    assert response.status_code == 200
    assert [p.pk for p in response.context["page"]] == sorted(
        [alice.pk, charlie.pk],
        key=lambda pk: [alice, charlie][[alice.pk, charlie.pk].index(pk)].name,
    )


def test_it_filters_by_area_and_minimum_level(signed_in, alice, charlie, area):
    CompetenceFactory(person=alice, area=area, level=1)
    CompetenceFactory(person=charlie, area=area, level=3)
    client = signed_in(alice)
    response = client.get(reverse("network:directory"), {"area": area.slug, "level": 3})
    assert list(response.context["page"]) == [charlie]
    response = client.get(reverse("network:directory"), {"area": area.slug})
    assert set(response.context["page"]) == {alice, charlie}


def test_it_filters_by_garden_and_searches_keywords(signed_in, alice, charlie, garden_b):
    charlie.keywords = "SkatteFUNN, lean"
    charlie.save()
    client = signed_in(alice)
    assert list(client.get(reverse("network:directory"), {"q": "skattefunn"}).context["page"]) == [
        charlie
    ]
    assert list(
        client.get(reverse("network:directory"), {"garden": garden_b.slug}).context["page"]
    ) == [charlie]


def test_it_answers_htmx_with_the_results_only(signed_in, alice):
    response = signed_in(alice).get(reverse("network:directory"), HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert alice.name.encode() in response.content


def test_it_hides_deactivated_staff(signed_in, alice, charlie):
    charlie.user.is_active = False
    charlie.user.save()
    response = signed_in(alice).get(reverse("network:directory"))
    assert list(response.context["page"]) == [alice]


def test_it_sends_anonymous_visitors_to_the_login_page(client, db):
    response = client.get(reverse("network:directory"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["network:directory", "public:network"])
def test_it_keeps_a_fixed_number_of_queries(signed_in, alice, area, url_name):
    client = signed_in(alice)

    def add_people(n):
        for _ in range(n):
            person = PersonFactory(garden=alice.garden, show_public=True)
            CompetenceFactory(person=person, area=area)

    _count_queries(client, reverse(url_name))  # warm up: first request stores network settings
    add_people(10)
    few = _count_queries(client, reverse(url_name))
    add_people(190)
    many = _count_queries(client, reverse(url_name))
    assert few == many
