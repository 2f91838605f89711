""" "Relevant for this company" on the company page: upcoming events for its needs and industry."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.companies.tests.factories import CompanyFactory, CompanyGardenFactory, NeedFactory
from kollegium.programme.letter import events_for_company
from kollegium.programme.models import EventStatus
from kollegium.programme.tests.factories import EventFactory, in_days


@pytest.fixture
def programme(garden_b):
    return {
        "export": EventFactory(
            ref="eksport",
            title="KompetanseForum: Eksportmarkedet Tyskland",
            description="Distributører, toll og eksportstrategi for nye markeder.",
            hosts=[garden_b],
        ),
        "knitting": EventFactory(
            ref="strikk", title="Strikkekafé", description="Vi strikker votter.", hosts=[garden_b]
        ),
        "past": EventFactory(
            ref="gammelt",
            title="Eksportstrategi i fjor",
            starts_at=in_days(-30),
            ends_at=in_days(-30, hour=10),
            hosts=[garden_b],
        ),
        "draft": EventFactory(
            ref="utkast",
            title="Eksportstrategi (utkast)",
            status=EventStatus.DRAFT,
            hosts=[garden_b],
        ),
    }


def _page(client, company):
    return client.get(reverse("companies:detail", args=[company.org_number]))


def test_it_shows_upcoming_events_for_the_company_needs(signed_in, charlie, company_b, programme):
    response = _page(signed_in(charlie), company_b)

    picked = [pick.event.ref for pick in response.context["company_events"]]
    assert picked == ["eksport"]
    assert "KompetanseForum: Eksportmarkedet Tyskland" in response.content.decode()


def test_it_ranks_only_against_needs_the_viewer_may_see(signed_in, alice, company_b, programme):
    response = _page(signed_in(alice), company_b)

    # Company B's need is private to garden B: nothing of it may show through the ranking.
    assert response.context["company_events"] == []
    assert "letter_recipients" not in response.context


def test_it_uses_the_industry_when_there_is_no_need(garden_b, programme, area):
    hotel = CompanyFactory(name="Fjellhotellet AS", nace="55.101")
    CompanyGardenFactory(company=hotel, garden=garden_b)
    tourism = EventFactory(
        ref="reiseliv", title="Workshop: Pakk og selg opplevelsene", hosts=[garden_b]
    )
    tourism.areas.set(
        [area.__class__.objects.create(slug="reiseliv", name="Reiseliv og opplevelser")]
    )

    picks = events_for_company(hotel)

    assert [p.event.ref for p in picks] == ["reiseliv"]
    assert picks[0].why


def test_it_keeps_a_bounded_number_of_queries(signed_in, charlie, company_b, garden_b):
    for n in range(3):
        NeedFactory(company=company_b, text=f"Eksportstrategi og markedsføring, behov {n}")

    def create(count, start):
        for n in range(start, start + count):
            EventFactory(
                ref=f"eksport-{n}",
                title=f"Eksportstrategi og markedsføring del {n}",
                hosts=[garden_b],
            )

    def measure():
        client = signed_in(charlie)
        _page(client, company_b)  # brings the in-process index up to date
        with CaptureQueriesContext(connection) as queries:
            response = _page(client, company_b)
        assert len(response.context["company_events"]) == 5
        return len(queries)

    create(10, 0)
    few = measure()
    create(190, 10)
    many = measure()

    assert few == many


def test_it_offers_serving_staff_to_send_the_letter(
    signed_in, charlie, alice, company_b, programme
):
    company_b.contacts.update(letter_consent=True)
    send_url = reverse("programme:letter_send", args=[company_b.org_number])

    serving = _page(signed_in(charlie), company_b)
    other = _page(signed_in(alice), company_b)

    assert serving.context["letter_recipients"] == 1
    assert send_url in serving.content.decode()
    assert send_url not in other.content.decode()
