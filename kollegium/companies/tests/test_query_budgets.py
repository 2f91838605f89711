"""Query budgets of the company register: a ceiling on the number of SQL queries, the same with
10 and with 200 companies, and the long filter lists rendered as Django's select would."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.companies.tests.factories import CompanyGardenFactory

pytestmark = pytest.mark.django_db
URL = reverse("companies:list")


def queries_of(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "bedrift", "municipality": "5001", "industry": "62"}],
    ids=["all", "filtered"],
)
def test_the_register_stays_within_its_budget(signed_in, alice, garden_a, garden_b, params):
    client = signed_in(alice)
    params = {**params, "garden": garden_b.slug} if params else params

    def add_companies(n):
        for _ in range(n):
            company = CompanyGardenFactory(
                garden=garden_a, company__name="Bedrift AS", company__municipality="5001"
            ).company
            CompanyGardenFactory(company=company, garden=garden_b, relation="client")

    queries_of(client, params)  # the first request of a session creates the network settings
    add_companies(10)
    few = queries_of(client, params)
    add_companies(190)
    many = queries_of(client, params)

    assert many == few
    # Session, user, person, count, page, relations, network settings, gardens for the filter.
    assert many <= 9


def test_the_filter_lists_keep_the_choice_made(signed_in, alice, garden_b):
    params = {"municipality": "5001", "industry": "62", "garden": garden_b.slug}

    html = signed_in(alice).get(URL, params).content.decode()

    def select(name: str) -> str:
        return html.split(f'<select name="{name}"')[1].split("</select>")[0]

    for name, value in params.items():
        assert select(name).count(" selected>") == 1
        assert f'<option value="{value}" selected>' in select(name)
        assert '<option value="">' in select(name)
