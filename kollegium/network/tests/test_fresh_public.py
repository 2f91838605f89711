"""The network's public page with the fragment cache on (core/freshness.py): a repeated visit
is served from the cache, a committed change shows at once."""

import pytest
from django.urls import reverse

from kollegium.methods.models import Stage
from kollegium.methods.tests.factories import AdoptionFactory, MethodFactory
from kollegium.network.tests.factories import CompetenceAreaFactory, CompetenceFactory

pytestmark = pytest.mark.usefixtures("kept_pages")

NETWORK = reverse("public:network")


def test_the_public_page_shows_a_committed_change_at_once(
    client, alice, garden_a, django_capture_on_commit_callbacks
):
    body = client.get(NETWORK).content.decode()
    assert alice.name not in body

    with django_capture_on_commit_callbacks(execute=True):
        alice.show_public = True
        alice.save()
        CompetenceFactory(person=alice, area=CompetenceAreaFactory(name="Havbruk"))
        garden_a.name = "Orkdal næringshage"
        garden_a.save()

    body = client.get(NETWORK).content.decode()
    assert alice.name in body
    assert "Havbruk" in body
    assert "Orkdal næringshage" in body


def test_the_public_page_shows_a_new_adoption_at_once(
    client, garden_a, garden_b, django_capture_on_commit_callbacks
):
    method = MethodFactory(
        owner=garden_a, stage=Stage.SHARED, visibility="public", title="Frokostmøtekonseptet"
    )
    assert "1 av 2" not in client.get(NETWORK).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        AdoptionFactory(method=method, garden=garden_b)

    assert "1 av 2" in client.get(NETWORK).content.decode()  # "brukt i 1 av 2 hager"


def test_a_repeated_visit_is_served_from_the_cache(
    client, alice, garden_a, garden_b, django_assert_max_num_queries
):
    alice.show_public = True
    alice.save()
    client.get(NETWORK)  # makes the network's settings row, bumped by the next visit
    first = client.get(NETWORK).content.decode()

    # The network's settings (name and contact, outside the fragment) and the table versions.
    with django_assert_max_num_queries(2):
        again = client.get(NETWORK).content.decode()

    main = first.index("<main")  # the header holds the per-request CSRF token
    assert again[main:] == first[main:]
    assert alice.name in again


def test_staff_and_visitors_get_the_same_public_content(client, signed_in, alice, bob):
    alice.show_public = True
    alice.save()
    visitor = client.get(NETWORK).content.decode()
    staff = signed_in(bob).get(NETWORK).content.decode()

    start = visitor.index('aria-labelledby="gardens"')
    assert staff[staff.index('aria-labelledby="gardens"') :].startswith(
        visitor[start : start + 2000]
    )
    assert alice.name in staff
