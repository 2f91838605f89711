"""Cross-garden reach: participants from companies of other gardens than the hosts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kollegium.companies.tests.factories import CompanyFactory, CompanyGardenFactory
from kollegium.network.tests.factories import GardenFactory
from kollegium.programme.models import EventStatus, RegistrationStatus
from kollegium.programme.selectors.reach import event_reach, reach_by_event, total_reach
from kollegium.programme.templatetags.programme_day import reach_of
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def event(garden_a):
    return EventFactory(hosts=[garden_a])


@pytest.fixture
def shared_company(garden_a, garden_b):
    """Served by a host (A) and by another garden (B): it counts for the hosts."""
    company = CompanyFactory(name="Felles AS")
    CompanyGardenFactory(company=company, garden=garden_a)
    CompanyGardenFactory(company=company, garden=garden_b)
    return company


def test_it_sorts_participants_by_whose_companies_they_come_from(
    event, company_a, company_b, shared_company
):
    RegistrationFactory(event=event, company=company_b)
    RegistrationFactory(event=event, company=company_b)
    RegistrationFactory(event=event, company=company_a)
    RegistrationFactory(event=event, company=shared_company)
    RegistrationFactory(event=event, company=CompanyFactory())  # in the register, no garden
    RegistrationFactory(event=event, company_name="Typed AS")
    RegistrationFactory(event=event, company=company_b, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=event, company=company_b, status=RegistrationStatus.CANCELLED)

    reach = event_reach(event)

    assert (reach.participants, reach.other_gardens, reach.host_gardens) == (6, 2, 2)
    assert (reach.outside, reach.share, reach.attended) == (2, 33, False)


def test_it_counts_those_checked_in_once_check_in_has_begun(event, company_b):
    RegistrationFactory(event=event, company=company_b, attended=True)
    RegistrationFactory(event=event, company=company_b, attended=False)
    RegistrationFactory(event=event, attended=True)

    reach = event_reach(event)

    assert (reach.participants, reach.other_gardens, reach.attended) == (2, 1, True)


def test_co_hosts_count_as_hosts(garden_a, garden_b, company_b):
    event = EventFactory(hosts=[garden_a, garden_b])
    RegistrationFactory(event=event, company=company_b)

    assert event_reach(event).other_gardens == 0


def test_it_works_out_many_events_in_one_query(garden_a, garden_b, company_a, company_b):
    events = [EventFactory(hosts=[garden]) for garden in (garden_a, garden_b, garden_a)]
    for event in events:
        RegistrationFactory(event=event, company=company_a)
        RegistrationFactory(event=event, company=company_b)
    with CaptureQueriesContext(connection) as queries:
        figures = reach_by_event(events)

    assert len(queries) == 1
    assert [figures[e.pk].other_gardens for e in events] == [1, 1, 1]
    total = total_reach(events)
    assert (total.participants, total.other_gardens) == (6, 3)
    assert reach_by_event([EventFactory()]) != {}


def test_the_event_page_shows_the_reach(client, event, company_b, garden_a):
    third = GardenFactory()
    other = CompanyGardenFactory(garden=third).company
    RegistrationFactory(event=event, company=company_b)
    RegistrationFactory(event=event, company=other)
    RegistrationFactory(event=event)

    html = client.get(reverse("programme:event", args=[event.ref])).content.decode()

    assert "2 of the 3 signed up come from companies of other gardens than the hosts." in html


def test_the_page_of_a_past_event_says_who_came(client, garden_a, company_b):
    starts = timezone.now() - datetime.timedelta(days=3)
    event = EventFactory(hosts=[garden_a], starts_at=starts, ends_at=starts)
    RegistrationFactory(event=event, company=company_b, attended=True)

    html = client.get(reverse("programme:event", args=[event.ref])).content.decode()

    assert "1 of the 1 participant came from companies of other gardens than the hosts." in html


def test_an_event_without_participants_shows_no_reach(client, event):
    html = client.get(reverse("programme:event", args=[event.ref])).content.decode()

    assert "reach-heading" not in html


def test_the_hosts_see_their_day_links_on_the_event_page(signed_in, alice, charlie, event):
    url = reverse("programme:event", args=[event.ref])
    links = [
        reverse("programme:day_participants", args=[event.ref]),
        reverse("programme:day_checkin", args=[event.ref]),
        reverse("programme:feedback_results", args=[event.ref]),
    ]

    hosts_page = signed_in(alice).get(url).content.decode()
    assert all(link in hosts_page for link in links)
    others_page = signed_in(charlie).get(url).content.decode()
    assert not any(link in others_page for link in links)


def test_a_draft_has_no_reach(garden_a, company_b):
    draft = EventFactory(hosts=[garden_a], status=EventStatus.DRAFT)
    RegistrationFactory(event=draft, company=company_b)

    assert reach_of(draft).participants == 0
