"""The iCalendar feeds and one-event files, read back with the icalendar library."""

import datetime

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.network.tests.factories import GardenFactory
from kollegium.programme.ical import event_ics
from kollegium.programme.models import EventStatus, Format
from kollegium.programme.tests.factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


def _events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def _summaries(response) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in _events(response))


@pytest.fixture
def programme(garden_a, garden_b, area):
    return {
        "orkdal": EventFactory(hosts=[garden_a], title="Orkdal", areas=[area]),
        "roros": EventFactory(hosts=[garden_b], title="Røros", format=Format.WEBINAR),
        "both": EventFactory(hosts=[garden_a, garden_b], title="Sammen", format=Format.FORUM),
        "draft": EventFactory(hosts=[garden_b], title="Utkast", status=EventStatus.DRAFT),
        "old": EventFactory(
            hosts=[garden_b], title="Gammel", starts_at=in_days(-400), ends_at=in_days(-400, 10)
        ),
    }


def test_the_network_feed_has_every_public_event_but_no_drafts_or_old_ones(client, programme):
    response = client.get(reverse("ical:network"))

    assert _summaries(response) == ["Orkdal", "Røros", "Sammen"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Oslo"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT6H"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H" in response.content


def test_the_garden_feed_has_the_events_it_hosts_or_co_hosts(client, programme, garden_a):
    response = client.get(reverse("ical:garden", args=[garden_a.slug]))

    assert _summaries(response) == ["Orkdal", "Sammen"]


def test_the_format_feed_has_that_format_only(client, programme):
    assert _summaries(client.get(reverse("ical:format", args=["webinar"]))) == ["Røros"]


def test_the_area_feed_has_the_events_of_that_area(client, programme, area):
    assert _summaries(client.get(reverse("ical:area", args=[area.slug]))) == ["Orkdal"]


def test_unknown_feeds_answer_404(client, db):
    assert client.get(reverse("ical:format", args=["party"])).status_code == 404
    assert client.get(reverse("ical:garden", args=["nowhere"])).status_code == 404
    assert client.get(reverse("ical:area", args=["nowhere"])).status_code == 404


def test_an_event_has_the_same_uid_in_every_feed_and_after_a_change(client, programme, garden_b):
    event = programme["roros"]
    first = _events(client.get(reverse("ical:network")))
    uid = next(str(e["UID"]) for e in first if str(e["SUMMARY"]) == "Røros")

    event.title = "Nytt navn"
    event.save()
    in_garden = _events(client.get(reverse("ical:garden", args=[garden_b.slug])))

    assert uid == f"event-{event.ref}@127.0.0.1"
    assert uid in {str(e["UID"]) for e in in_garden}
    assert len({str(e["UID"]) for e in first}) == len(first)


def test_events_have_times_in_utc_and_no_organizer(client, garden_b):
    event = EventFactory(
        hosts=[garden_b],
        starts_at=datetime.datetime(2099, 9, 17, 8, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2099, 9, 17, 10, 0, tzinfo=datetime.UTC),
        online_url="https://meet.example/x",
    )

    (vevent,) = _events(client.get(reverse("ical:network")))

    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent.decoded("DTEND") == event.ends_at
    assert "ORGANIZER" not in vevent
    assert "ATTENDEE" not in vevent
    assert b"ORGANIZER" not in client.get(reverse("ical:network")).content
    assert str(vevent["LOCATION"]) == f"{event.venue}, {event.address}, https://meet.example/x"
    assert str(vevent["URL"]).endswith(event.get_absolute_url())
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_a_cancelled_event_stays_in_the_feed_as_cancelled(client, garden_b):
    EventFactory(hosts=[garden_b], title="Frokost", status=EventStatus.CANCELLED)

    (vevent,) = _events(client.get(reverse("ical:network")))

    assert str(vevent["STATUS"]) == "CANCELLED"
    assert "Frokost" in str(vevent["SUMMARY"])


def test_the_feed_is_the_same_bytes_until_something_changes(client, programme):
    first = client.get(reverse("ical:network")).content

    assert client.get(reverse("ical:network")).content == first


def test_one_event_as_a_file_for_calendars_and_e_mails(client, garden_b):
    event = EventFactory(hosts=[garden_b], title="Frokost om eksport")

    response = client.get(reverse("programme:event_ics", args=[event.ref]))

    (vevent,) = _events(response)
    assert str(vevent["SUMMARY"]) == "Frokost om eksport"
    assert f'filename="{event.ref}.ics"' in response["Content-Disposition"]
    assert icalendar.Calendar.from_ical(event_ics(event)).walk("VEVENT")[0]["UID"] == vevent["UID"]


def test_a_drafts_file_is_only_for_those_who_manage_it(client, signed_in, charlie, garden_b):
    draft = EventFactory(hosts=[garden_b], status=EventStatus.DRAFT)
    url = reverse("programme:event_ics", args=[draft.ref])

    assert client.get(url).status_code == 404
    assert signed_in(charlie).get(url).status_code == 200


def test_the_feed_takes_the_same_number_of_queries_for_10_and_200_events(client, db):
    def count(n):
        for i in range(n):
            EventFactory(
                hosts=[GardenFactory()],
                starts_at=in_days(1 + i % 30),
                ends_at=in_days(1 + i % 30, 10),
            )
        with CaptureQueriesContext(connection) as queries:
            assert len(_events(client.get(reverse("ical:network")))) > 0
        return len(queries)

    client.get(reverse("ical:network"))
    assert count(10) == count(190)
