"""The home page with the fragment cache on (core/freshness.py): a repeated visit is served from
the cache, a committed change shows at once, and one viewer's needs and actions never reach
another viewer."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from kollegium.collaboration.tests.factories import ActionItemFactory
from kollegium.companies.tests.factories import NeedFactory

pytestmark = pytest.mark.usefixtures("kept_pages")

HOME = reverse("home")


def _html(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_page_shows_a_committed_change_at_once(
    signed_in, alice, company_a, django_capture_on_commit_callbacks
):
    client = signed_in(alice)
    assert "Trenger en sveiserobot" not in _html(client)

    with django_capture_on_commit_callbacks(execute=True):
        NeedFactory(company=company_a, text="Trenger en sveiserobot")
        ActionItemFactory(owner=alice, what="Ring Orkla Sveis")

    html = _html(client)
    assert "Trenger en sveiserobot" in html
    assert "Ring Orkla Sveis" in html


def test_a_repeated_visit_is_served_from_the_cache(
    signed_in, alice, company_a, django_assert_max_num_queries
):
    NeedFactory(company=company_a, text="Trenger en sveiserobot")
    client = signed_in(alice)
    _html(client)  # the first request of a session creates the network settings
    first = _html(client)

    # Session, user, person, table versions, network settings (the page chrome).
    with django_assert_max_num_queries(5):
        again = _html(client)
    assert "Trenger en sveiserobot" in again
    assert (
        again.split("<main")[1].split("</main>")[0] == first.split("<main")[1].split("</main>")[0]
    )


def test_one_viewers_lists_are_not_served_to_another(alice, charlie, company_a, company_b):
    NeedFactory(company=company_a, text="Trenger en sveiserobot")
    ActionItemFactory(owner=alice, what="Ring Orkla Sveis")
    ActionItemFactory(owner=charlie, what="Besøk Røros Mat")
    orkdal, roros = Client(), Client()
    orkdal.force_login(alice.user)
    roros.force_login(charlie.user)
    _html(orkdal), _html(roros)  # first requests of the sessions, table versions settled
    caches["fragments"].clear()

    alice_sees = _html(orkdal)
    assert "Trenger en sveiserobot" in alice_sees and "Ring Orkla Sveis" in alice_sees

    charlie_sees = _html(roros)
    assert "Trenger en sveiserobot" not in charlie_sees
    assert "Ring Orkla Sveis" not in charlie_sees
    assert "Trenger hjelp med eksportstrategi" in charlie_sees
    assert "Besøk Røros Mat" in charlie_sees


def test_the_operator_has_no_lists(signed_in, olga):
    html = _html(signed_in(olga))
    assert reverse("admin:index") in html
    assert 'id="open-needs"' not in html
