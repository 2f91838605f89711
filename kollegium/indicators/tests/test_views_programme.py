"""The programme page: growth since admission per garden and for the network."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.companies.tests.factories import CompanyGardenFactory
from kollegium.indicators.tests.factories import KeyFigureFactory

URL = reverse("indicators:programme")


def _programme_company(garden, since=2020, base=1_000_000, latest=1_500_000):
    company = CompanyGardenFactory(garden=garden, programme_year=since).company
    KeyFigureFactory(company=company, year=since, revenue=base)
    KeyFigureFactory(company=company, year=since + 3, revenue=latest)
    return company


def test_it_shows_growth_per_garden_and_for_the_network(signed_in, alice, garden_a, garden_b):
    company = _programme_company(garden_a)
    _programme_company(garden_b, base=1_000_000, latest=500_000)

    response = signed_in(alice).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert company.name in html
    assert "+50,0\u00a0%" in html  # garden A's revenue
    assert "-50,0\u00a0%" in html  # garden B's
    assert "2\u00a0000\u00a0000\u00a0kr → 2\u00a0000\u00a0000\u00a0kr" in html  # the network
    assert "<svg" in html and 'role="img"' in html
    assert '<div class="k-table-wrap">' in html


def test_it_filters_by_garden(signed_in, alice, garden_a, garden_b):
    mine = _programme_company(garden_a)
    theirs = _programme_company(garden_b)

    response = signed_in(alice).get(URL, {"garden": garden_b.slug})

    html = response.content.decode()
    assert theirs.name in html and mine.name not in html
    assert [total.garden for total in response.context["gardens"]] == [garden_b]


def test_an_unknown_garden_shows_the_whole_network(signed_in, alice, garden_a):
    company = _programme_company(garden_a)

    response = signed_in(alice).get(URL, {"garden": "finnes-ikke"})

    assert response.status_code == 200
    assert company.name in response.content.decode()


def test_it_explains_when_there_are_no_programme_companies(signed_in, charlie, company_a):
    response = signed_in(charlie).get(URL)
    assert response.status_code == 200
    assert response.context["report"].companies == []


def _count(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_it_keeps_a_fixed_number_of_queries(signed_in, alice, garden_a, garden_b):
    client = signed_in(alice)
    client.get(URL)
    for index in range(10):
        _programme_company(garden_a if index % 2 else garden_b)
    few = _count(client)
    for index in range(190):
        _programme_company(garden_a if index % 2 else garden_b)
    many = _count(client)
    assert few == many
    context = client.get(URL).context
    assert context["page"].paginator.count == 200 and context["report"].network.companies == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_shows_the_companies_a_page_at_a_time(signed_in, alice, garden_a):
    for _index in range(105):
        CompanyGardenFactory(garden=garden_a, programme_year=2020)
    client = signed_in(alice)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["page"].object_list) == 100
    assert len(second.context["page"].object_list) == 5
    assert "page=2" in first.content.decode()
