"""The feeds reuse each event's rendered VEVENT: the same bytes as rendering it anew, and a
new rendering when the event or the language changes."""

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from kollegium.programme import ical
from kollegium.programme.models import EventStatus
from kollegium.programme.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _fresh(events, name: str) -> bytes:
    """The calendar as icalendar writes it in one go, without the remembered VEVENTs."""
    cal = icalendar.Calendar.from_ical(ical.calendar([], name))
    for event in events:
        cal.add_component(ical._vevent(event))
    return cal.to_ical()


def test_the_feed_is_the_bytes_icalendar_writes(garden_a):
    events = [EventFactory(hosts=[garden_a], description="**Frokost** med [lenke](https://a.no)")]
    events.append(EventFactory(hosts=[garden_a], status=EventStatus.CANCELLED))

    with translation.override("nb"):
        assert ical.calendar(events, "Programmet") == _fresh(events, "Programmet")
        assert ical.calendar(events, "Programmet") == _fresh(events, "Programmet")


def test_a_changed_event_and_another_language_give_new_bytes(client, garden_a, settings):
    event = EventFactory(hosts=[garden_a], title="Sommerfest", status=EventStatus.CANCELLED)
    url = reverse("ical:network")
    client.get(url)

    event.title = "Høstfest"
    event.save()
    norwegian = client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()

    assert "Sommerfest" not in norwegian
    assert "Avlyst: Høstfest" in norwegian
    assert "Cancelled: Høstfest" in english
