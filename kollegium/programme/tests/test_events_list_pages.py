"""The public programme in pages of PAGE_SIZE events, and places counted for the listed ones."""

import pytest
from django.urls import reverse

from kollegium.programme.models import RegistrationStatus
from kollegium.programme.selectors.events import public_events
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory, in_days
from kollegium.programme.views import public

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _titles(response) -> list[str]:
    return [e.title for _semester, events in response.context["groups"] for e in events]


def test_it_shows_the_programme_a_page_at_a_time(client, garden_a, monkeypatch):
    monkeypatch.setattr(public, "PAGE_SIZE", 3)
    for day in range(1, 8):
        EventFactory(hosts=[garden_a], title=f"Dag {day}", starts_at=in_days(day))

    first = client.get(reverse("programme:list"), {"format": "breakfast"})
    third = client.get(reverse("programme:list"), {"format": "breakfast", "page": "3"})

    assert _titles(first) == ["Dag 1", "Dag 2", "Dag 3"]
    assert (first.context["previous_page"], first.context["next_page"]) == (None, 2)
    assert "?format=breakfast&amp;page=2" in first.content.decode()
    assert _titles(third) == ["Dag 7"]
    assert (third.context["previous_page"], third.context["next_page"]) == (2, None)


@pytest.mark.parametrize("page", ["0", "-1", "x", "99999999999999999999"])
def test_a_page_number_out_of_reach_shows_the_first_or_an_empty_page(client, garden_a, page):
    EventFactory(hosts=[garden_a], title="Frokost")

    response = client.get(reverse("programme:list"), {"page": page})

    assert response.status_code == 200
    assert _titles(response) in (["Frokost"], [])


def test_it_counts_confirmed_and_offered_places_of_the_fetched_events(garden_a):
    event = EventFactory(hosts=[garden_a], capacity=10)
    other = EventFactory(hosts=[garden_a], capacity=10)
    for status in RegistrationStatus.values:
        RegistrationFactory(event=event, status=status)

    taken = {e.pk: e.taken for e in public_events()}

    assert taken == {event.pk: 2, other.pk: 0}
    assert public_events().get(pk=event.pk).taken == 2
