"""The public programme pages: the event page, the list, the calendar and the print view."""

import datetime
import json
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kollegium.network.tests.factories import PersonFactory
from kollegium.programme.models import EventStatus, Format, RegistrationStatus
from kollegium.programme.selectors.events import Semester
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


@pytest.fixture
def client(client, settings):
    """A visitor who chose English with the language switch (the msgids are English)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _oslo(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=OSLO)


def _titles(response) -> list[str]:
    return [e.title for _semester, events in response.context["groups"] for e in events]


# --- the event page -----------------------------------------------------------------------------


def test_it_shows_a_published_event_to_anyone(client, garden_b):
    event = EventFactory(title="Frokost om KI", hosts=[garden_b], description="**Viktig**")

    response = client.get(reverse("programme:event", args=[event.ref]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Frokost om KI" in html
    assert "<strong>Viktig</strong>" in html
    assert garden_b.name in html
    assert reverse("programme:event_ics", args=[event.ref]) in html


def test_it_renders_the_description_safely(client, garden_b):
    event = EventFactory(
        hosts=[garden_b], description="<script>alert(1)</script> [x](javascript:y)"
    )

    html = client.get(event.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert "javascript:y" not in html


def test_it_shows_times_in_norwegian_time(client, garden_b):
    event = EventFactory(
        hosts=[garden_b],
        starts_at=datetime.datetime(2026, 9, 17, 6, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 9, 17, 8, 0, tzinfo=datetime.UTC),
    )

    html = client.get(event.get_absolute_url()).content.decode()

    assert "08:00" in html and "10:00" in html


def test_it_hides_a_draft_from_the_public_and_other_gardens(client, signed_in, alice, garden_b):
    event = EventFactory(hosts=[garden_b], status=EventStatus.DRAFT)
    url = reverse("programme:event", args=[event.ref])

    assert client.get(url).status_code == 404
    assert signed_in(alice).get(url).status_code == 404


def test_it_shows_a_draft_to_its_hosts_with_their_actions(signed_in, charlie, garden_b):
    event = EventFactory(hosts=[garden_b], status=EventStatus.DRAFT)

    response = signed_in(charlie).get(event.get_absolute_url())

    assert response.status_code == 200
    assert reverse("programme:event_publish", args=[event.ref]) in response.content.decode()


def test_it_shows_no_actions_to_staff_of_other_gardens(signed_in, alice, garden_b):
    event = EventFactory(hosts=[garden_b])

    html = signed_in(alice).get(event.get_absolute_url()).content.decode()

    assert reverse("programme:event_edit", args=[event.ref]) not in html


def test_it_says_a_cancelled_event_is_cancelled(client, garden_b):
    event = EventFactory(hosts=[garden_b], status=EventStatus.CANCELLED)

    response = client.get(event.get_absolute_url())

    assert response.status_code == 200
    assert "This event has been cancelled." in response.content.decode()


def test_it_answers_404_for_an_unknown_event(client, db):
    assert client.get(reverse("programme:event", args=["finnes-ikke"])).status_code == 404


def test_it_describes_the_event_in_json_ld(client, garden_b, charlie):
    event = EventFactory(
        title="Frokost </script> om KI",
        hosts=[garden_b],
        capacity=30,
        online_url="https://meet.example/ki",
        external_speakers="Ola Nordmann",
    )
    event.speakers.set([charlie])

    html = client.get(event.get_absolute_url()).content.decode()

    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Event"
    assert data["name"] == "Frokost </script> om KI"
    assert datetime.datetime.fromisoformat(data["startDate"]) == event.starts_at
    assert data["startDate"].endswith(("+01:00", "+02:00"))
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"][0]["address"] == event.address
    assert data["location"][1] == {"@type": "VirtualLocation", "url": "https://meet.example/ki"}
    assert data["organizer"][0]["name"] == garden_b.name
    assert [p["name"] for p in data["performer"]] == [charlie.name, "Ola Nordmann"]
    assert data["maximumAttendeeCapacity"] == 30


def test_it_marks_a_cancelled_event_in_json_ld(client, garden_b):
    event = EventFactory(
        hosts=[garden_b],
        status=EventStatus.CANCELLED,
        venue="",
        address="",
        online_url="https://meet.example/x",
    )

    html = client.get(event.get_absolute_url()).content.decode()

    data = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_it_gives_link_previews_open_graph_tags(client, garden_b, settings):
    settings.SITE_URL = "https://innomidt.example"
    event = EventFactory(title="Frokost & prat", hosts=[garden_b], description="Kort *om* det")

    html = client.get(event.get_absolute_url()).content.decode()

    assert '<meta property="og:title" content="Frokost &amp; prat">' in html
    assert '<meta property="og:description" content="Kort om det">' in html
    url = f"https://innomidt.example{event.get_absolute_url()}"
    assert f'<meta property="og:url" content="{url}">' in html


# --- the list -----------------------------------------------------------------------------------


def test_it_groups_the_programme_by_semester(client, garden_b):
    EventFactory(
        hosts=[garden_b], title="Vår", starts_at=_oslo(2099, 3, 1, 8), ends_at=_oslo(2099, 3, 1, 10)
    )
    EventFactory(
        hosts=[garden_b],
        title="Høst",
        starts_at=_oslo(2098, 9, 1, 8),
        ends_at=_oslo(2098, 9, 1, 10),
    )

    response = client.get(reverse("programme:list"))

    groups = [(s.slug, [e.title for e in events]) for s, events in response.context["groups"]]
    assert groups == [("2098-autumn", ["Høst"]), ("2099-spring", ["Vår"])]
    assert "Autumn 2098" in response.content.decode()


def test_it_lists_upcoming_published_events_only_by_default(client, garden_b):
    EventFactory(hosts=[garden_b], title="Kommer")
    EventFactory(hosts=[garden_b], title="Utkast", status=EventStatus.DRAFT)
    EventFactory(hosts=[garden_b], title="Avlyst", status=EventStatus.CANCELLED)
    EventFactory(hosts=[garden_b], title="Ferdig", starts_at=in_days(-3), ends_at=in_days(-3, 10))

    response = client.get(reverse("programme:list"))

    assert _titles(response) == ["Kommer", "Avlyst"] or _titles(response) == ["Avlyst", "Kommer"]
    past = client.get(reverse("programme:list"), {"period": "past"})
    assert _titles(past) == ["Ferdig"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"garden": "orkdal"}, ["Orkdal"]),
        ({"format": "webinar"}, ["Nett"]),
        ({"area": "finansiering"}, ["Orkdal"]),
        ({"attendance": "online"}, ["Nett"]),
        ({"attendance": "onsite"}, ["Orkdal", "Røros"]),
        ({"period": "all", "garden": "roros"}, ["Røros", "Nett"]),
        ({"garden": "finnes-ikke"}, ["Orkdal", "Røros", "Nett"]),
    ],
)
def test_it_filters_the_programme(client, garden_a, garden_b, area, query, expected):
    EventFactory(
        hosts=[garden_a], title="Orkdal", areas=[area], starts_at=in_days(3), ends_at=in_days(3, 10)
    )
    EventFactory(hosts=[garden_b], title="Røros", starts_at=in_days(4), ends_at=in_days(4, 10))
    EventFactory(
        hosts=[garden_b],
        title="Nett",
        format=Format.WEBINAR,
        venue="",
        address="",
        online_url="https://meet.example/x",
        starts_at=in_days(5),
        ends_at=in_days(5, 10),
    )

    response = client.get(reverse("programme:list"), query)

    assert response.status_code == 200
    assert _titles(response) == expected


def test_it_filters_by_semester(client, garden_b):
    EventFactory(
        hosts=[garden_b],
        title="Juni",
        starts_at=_oslo(2099, 6, 30, 23, 0),
        ends_at=_oslo(2099, 6, 30, 23, 30),
    )
    EventFactory(
        hosts=[garden_b],
        title="Juli",
        starts_at=_oslo(2099, 7, 1, 0, 30),
        ends_at=_oslo(2099, 7, 1, 2, 0),
    )

    spring = client.get(reverse("programme:list"), {"period": "2099-spring"})
    autumn = client.get(reverse("programme:list"), {"period": "2099-autumn"})

    assert _titles(spring) == ["Juni"]
    assert _titles(autumn) == ["Juli"]


def test_it_answers_htmx_with_the_results_only(client, garden_b):
    EventFactory(hosts=[garden_b], title="Kommer")

    response = client.get(reverse("programme:list"), headers={"HX-Request": "true"})

    assert "<h1" not in response.content.decode()
    assert "Kommer" in response.content.decode()


def test_it_links_the_matching_calendar_feeds(client, garden_b):
    response = client.get(reverse("programme:list"), {"garden": garden_b.slug, "format": "forum"})

    html = response.content.decode()
    assert reverse("ical:network") in html
    assert reverse("ical:garden", args=[garden_b.slug]) in html
    assert reverse("ical:format", args=["forum"]) in html


def test_it_says_when_an_event_is_full(client, garden_b):
    event = EventFactory(hosts=[garden_b], capacity=1)
    RegistrationFactory(event=event)

    html = client.get(reverse("programme:list")).content.decode()

    assert "Full – waitlist open" in html


def _count_list_queries(client, n: int) -> int:
    for i in range(n):
        event = EventFactory(
            hosts=[PersonFactory().garden],
            starts_at=in_days(1 + i % 50),
            ends_at=in_days(1 + i % 50, 10),
            capacity=5,
        )
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    client.get(reverse("programme:list"))  # the network's settings row is made on first use
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("programme:list"), {"period": "all"}).status_code == 200
    return len(queries)


def test_the_list_takes_the_same_number_of_queries_for_10_and_200_events(client, db):
    assert _count_list_queries(client, 10) == _count_list_queries(client, 190)


# --- the calendar and the print view ------------------------------------------------------------


def test_the_calendar_puts_an_event_on_its_norwegian_day(client, garden_b):
    # 00:30 on 1 October in Oslo is still 30 September in UTC.
    event = EventFactory(
        hosts=[garden_b],
        title="Midnatt",
        starts_at=_oslo(2099, 10, 1, 0, 30),
        ends_at=_oslo(2099, 10, 1, 2, 0),
    )

    response = client.get(reverse("programme:calendar_month", args=[2099, 10]))

    days = {d.date: d.events for week in response.context["weeks"] for d in week}
    assert days[datetime.date(2099, 10, 1)] == [event]
    assert days[datetime.date(2099, 9, 30)] == []
    assert response.context["events"] == [event]


def test_the_calendar_shows_this_month_and_refuses_a_month_13(client, db):
    assert client.get(reverse("programme:calendar")).status_code == 200
    assert client.get(reverse("programme:calendar_month", args=[2026, 13])).status_code == 404


def test_the_calendar_leaves_out_drafts(client, garden_b):
    EventFactory(
        hosts=[garden_b],
        status=EventStatus.DRAFT,
        starts_at=_oslo(2099, 10, 5, 8),
        ends_at=_oslo(2099, 10, 5, 9),
    )

    response = client.get(reverse("programme:calendar_month", args=[2099, 10]))

    assert response.context["events"] == []


def test_the_print_view_has_every_event_of_the_semester_with_its_description(client, garden_b):
    EventFactory(
        hosts=[garden_b],
        title="Høst",
        description="Ta med **PC**",
        starts_at=_oslo(2099, 9, 1, 8),
        ends_at=_oslo(2099, 9, 1, 10),
    )
    EventFactory(
        hosts=[garden_b], title="Vår", starts_at=_oslo(2100, 3, 1, 8), ends_at=_oslo(2100, 3, 1, 10)
    )

    response = client.get(reverse("programme:print", args=["2099-autumn"]))

    html = response.content.decode()
    assert "Høst" in html and "<strong>PC</strong>" in html
    assert "Vår" not in html


def test_the_print_view_refuses_an_unknown_semester(client, db):
    assert client.get(reverse("programme:print", args=["2099-winter"])).status_code == 404


def test_semesters_follow_the_norwegian_calendar():
    assert Semester.of(_oslo(2026, 6, 30, 23, 59)) == Semester(2026, "spring")
    assert Semester.of(_oslo(2026, 7, 1, 0, 0)) == Semester(2026, "autumn")
    # New Year's night in Oslo is still the old year in UTC.
    assert Semester.of(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)) == Semester(
        2027, "spring"
    )
    with translation.override("en"):
        assert Semester.from_slug("2027-spring").label == "Spring 2027"
    assert Semester.from_slug("nonsense") is None
