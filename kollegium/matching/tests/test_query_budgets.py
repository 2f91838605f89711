"""Every page that ranks with the engine runs as many queries with 200 people, events and
methods as with 10: a warm index answers from memory, and a cold load reads each table once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.companies.tests.factories import NeedFactory
from kollegium.matching import engine
from kollegium.matching.ranking import match
from kollegium.matching.search import search
from kollegium.matching.tests.helpers import person
from kollegium.methods.tests.factories import MethodFactory
from kollegium.programme.tests.factories import EventFactory

TEXT = "Trenger hjelp med eksportstrategi og eksport til Sverige"


def _grow(garden, company, start: int, stop: int) -> None:
    """People, upcoming events, shared methods and shared needs that all match TEXT."""
    for i in range(start, stop):
        person(garden, f"p{i}@x.example", f"Eksport {i}", bio="Eksportstrategi og eksport.")
        EventFactory(ref=f"e{i}", title=f"Eksport til Sverige {i}", hosts=[garden])
        MethodFactory(ref=f"m{i}", title=f"Eksportstrategi {i}", owner=garden, stage="shared")
        NeedFactory(company=company, text=f"Eksport {i}", shared_with_network=True)


def _count(call) -> int:
    call()  # the index catches up with the rows just added
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def _same_as_it_grows(garden, company, call) -> None:
    _grow(garden, company, 0, 10)
    few = _count(call)
    _grow(garden, company, 10, 200)
    assert _count(call) == few


def test_match_of_every_kind(garden_a, company_a, alice):
    _same_as_it_grows(garden_a, company_a, lambda: match(TEXT, user=alice.user))


def test_a_cold_load_reads_the_same_number_of_queries(garden_a, company_a):
    def cold():
        engine.reset()
        with CaptureQueriesContext(connection) as queries:
            assert match(TEXT)
        return len(queries)

    _grow(garden_a, company_a, 0, 10)
    match(TEXT)  # writes the documents of the rows just added
    few = cold()
    _grow(garden_a, company_a, 10, 200)
    match(TEXT)
    assert cold() == few


def test_the_search_page_and_box(garden_a, company_a, alice):
    _same_as_it_grows(garden_a, company_a, lambda: search("eksport", user=alice.user, per_group=20))


@pytest.mark.parametrize(
    "page", ["matching:suggest", "matching:search", "matching:need", "referrals:create"]
)
def test_pages_that_rank(signed_in, alice, garden_a, company_a, page):
    need = NeedFactory(company=company_a, text=TEXT)
    client = signed_in(alice)
    if page in ("matching:need", "referrals:create"):
        url = reverse(page, args=[company_a.org_number, need.pk])
    else:
        url = reverse(page) + "?q=eksport"

    def get():
        response = client.get(url, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert "Eksport" in response.content.decode()  # it ranked something

    _same_as_it_grows(garden_a, company_a, get)


def test_the_company_page(signed_in, alice, garden_a, company_a):
    # "Relevant for this company" ranks the programme against the company's needs.
    NeedFactory(company=company_a, text=TEXT)
    client = signed_in(alice)

    def get():
        response = client.get(company_a.get_absolute_url())
        assert response.status_code == 200
        assert "Eksport til Sverige" in response.content.decode()  # an event it ranked

    _same_as_it_grows(garden_a, company_a, get)
