import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kollegium.companies.models import Relation
from kollegium.companies.tests.factories import (
    CompanyFactory,
    CompanyGardenFactory,
    ContactFactory,
    NeedFactory,
)


def _html(client, company):
    response = client.get(company.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_details_with_names_of_codes(signed_in, alice, company_a):
    company_a.employees = 14
    company_a.website = "https://orkla-sveis.example"
    company_a.save()
    link = company_a.relations.get()
    link.since = datetime.date(2021, 5, 1)
    link.save()
    html = _html(signed_in(alice), company_a)
    assert html.count("<h1") == 1 and "Orkla Sveis AS</h1>" in html
    assert "Dataprogrammeringstjenester (62.100)" in html
    assert "Orkland" in html
    assert "14" in html and 'href="https://orkla-sveis.example"' in html
    assert f"{alice.garden.name}:" in html
    with translation.override("nb"):
        assert str(Relation.MEMBER.label) in html
    assert "01.05.2021" in html


def test_it_shows_contacts_needs_and_edit_links_to_the_serving_garden(
    signed_in, charlie, company_b
):
    html = _html(signed_in(charlie), company_b)
    assert "Kari Kontakt" in html
    assert "Trenger hjelp med eksportstrategi" in html
    assert reverse("companies:edit", args=[company_b.org_number]) in html
    assert reverse("companies:contact_create", args=[company_b.org_number]) in html
    assert reverse("companies:need_create", args=[company_b.org_number]) in html
    assert reverse("companies:relate", args=[company_b.org_number]) not in html


def test_it_hides_contacts_and_private_needs_from_other_gardens(signed_in, alice, company_b):
    html = _html(signed_in(alice), company_b)
    assert "Kari Kontakt" not in html
    assert "Trenger hjelp med eksportstrategi" not in html
    assert reverse("companies:edit", args=[company_b.org_number]) not in html
    assert reverse("companies:need_create", args=[company_b.org_number]) not in html


def test_it_shows_needs_shared_with_the_network_to_every_garden(signed_in, alice, company_b):
    NeedFactory(company=company_b, text="Søker partner til pilot", shared_with_network=True)
    html = _html(signed_in(alice), company_b)
    assert "Søker partner til pilot" in html
    assert "Trenger hjelp med eksportstrategi" not in html
    assert "need_status" not in html and "/status/" not in html


def test_it_offers_other_gardens_to_add_the_company(signed_in, alice, company_b):
    html = _html(signed_in(alice), company_b)
    assert reverse("companies:relate", args=[company_b.org_number]) in html
    assert '<label class="ds-label" for="id_relation"' in html


def test_it_shows_the_operator_everything_but_no_garden_to_add_to(signed_in, olga, company_b):
    html = _html(signed_in(olga), company_b)
    assert "Kari Kontakt" in html and "Trenger hjelp med eksportstrategi" in html
    assert reverse("companies:relate", args=[company_b.org_number]) not in html


def test_it_finds_the_company_by_a_spaced_org_number(signed_in, alice, company_a):
    number = company_a.org_number
    url = reverse("companies:detail", args=[f"{number[:3]} {number[3:]}"])
    assert signed_in(alice).get(url).status_code == 200


def test_it_answers_404_for_an_unknown_company(signed_in, alice):
    url = reverse("companies:detail", args=["923609016"])
    assert signed_in(alice).get(url).status_code == 404


def test_it_sends_anonymous_visitors_to_the_login_page(client, company_a):
    response = client.get(company_a.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["charlie", "alice"])
def test_it_keeps_a_fixed_number_of_queries(signed_in, who, request, company_b, garden_a, area):
    client = signed_in(request.getfixturevalue(who))
    url = company_b.get_absolute_url()

    def add(n):
        for i in range(n):
            need = NeedFactory(company=company_b, shared_with_network=i % 2 == 0)
            need.areas.add(area)
            ContactFactory(company=company_b, name=f"Kontakt {i}")
            other = CompanyFactory()
            CompanyGardenFactory(company=other, garden=garden_a)

    add(10)
    client.get(url)  # the first request of a session creates the network settings
    few = _count_queries(client, url)
    add(190)
    # "Relevant for this company" asks the search engine, whose in-process index catches up
    # with the rows just added on the first request after them (kollegium/matching/engine.py).
    client.get(url)
    assert _count_queries(client, url) == few
