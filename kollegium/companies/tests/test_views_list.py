from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.companies.tests.factories import CompanyFactory, CompanyGardenFactory

URL = reverse("companies:list")


def _names(response):
    return [c.name for c in response.context["page"]]


def test_it_lists_every_company_with_names_of_codes(signed_in, alice, company_a, company_b):
    response = signed_in(alice).get(URL)
    assert response.status_code == 200
    assert _names(response) == ["Orkla Sveis AS", "Røros Mat AS"]
    html = response.content.decode()
    assert "Dataprogrammeringstjenester" in html
    assert "Orkland" in html and "Røros" in html
    assert alice.garden.name in html
    assert '<div class="k-table-wrap">' in html
    assert html.count("<h1") == 1


def test_it_searches_by_name_whatever_the_case_of_æøå(signed_in, alice, company_a, company_b):
    client = signed_in(alice)
    assert _names(client.get(URL, {"q": "orkla"})) == ["Orkla Sveis AS"]
    assert _names(client.get(URL, {"q": "RØROS"})) == ["Røros Mat AS"]
    assert _names(client.get(URL, {"q": "røros mat"})) == ["Røros Mat AS"]


def test_it_searches_by_org_number_ignoring_spaces(signed_in, alice, company_a, company_b):
    number = company_b.org_number
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
    assert _names(signed_in(alice).get(URL, {"q": spaced})) == ["Røros Mat AS"]


def test_it_filters_by_garden_municipality_and_industry(
    signed_in, alice, company_a, company_b, garden_b
):
    CompanyFactory(name="Fiskeriet AS", nace="03.110", municipality="5025")
    client = signed_in(alice)
    assert _names(client.get(URL, {"garden": garden_b.slug})) == ["Røros Mat AS"]
    assert _names(client.get(URL, {"municipality": "5025"})) == ["Fiskeriet AS", "Røros Mat AS"]
    assert _names(client.get(URL, {"industry": "03"})) == ["Fiskeriet AS"]
    assert _names(client.get(URL, {"industry": "62.1"})) == ["Orkla Sveis AS", "Røros Mat AS"]
    both = client.get(URL, {"industry": "62", "municipality": "5025"})
    assert _names(both) == ["Røros Mat AS"]


def test_it_ignores_an_unknown_filter_value_but_keeps_the_others(
    signed_in, alice, company_a, company_b
):
    response = signed_in(alice).get(URL, {"garden": "nowhere", "q": "røros"})
    assert response.status_code == 200
    assert _names(response) == ["Røros Mat AS"]


def test_it_answers_htmx_with_the_results_only(signed_in, alice, company_a, company_b):
    response = signed_in(alice).get(URL, {"q": "orkla"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "Orkla Sveis AS" in html and "Røros Mat AS" not in html
    assert "HX-Request" in response["Vary"]


def test_it_renders_the_whole_page_when_htmx_restores_history(signed_in, alice):
    response = signed_in(alice).get(
        URL, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_it_works_without_javascript_as_a_plain_get_form(signed_in, alice):
    html = signed_in(alice).get(URL).content.decode()
    assert 'method="get"' in html
    assert 'hx-trigger="input changed delay:300ms, submit"' in html
    assert 'type="submit"' in html
    assert '<label class="ds-label" for="id_q"' in html


def test_it_pages_by_fifty_and_keeps_the_filters_in_the_links(signed_in, alice, garden_a):
    for _ in range(51):
        CompanyGardenFactory(garden=garden_a)
    client = signed_in(alice)
    first = client.get(URL, {"garden": garden_a.slug})
    assert len(first.context["page"]) == 50
    assert f"garden={garden_a.slug}&amp;page=2" in first.content.decode()
    second = client.get(URL, {"garden": garden_a.slug, "page": 2})
    assert len(second.context["page"]) == 1


def test_it_offers_registering_a_company(signed_in, alice):
    assert reverse("companies:create") in signed_in(alice).get(URL).content.decode()


def test_it_sends_anonymous_visitors_to_the_login_page(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _count_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


def test_it_keeps_a_fixed_number_of_queries(signed_in, alice, garden_a, garden_b):
    client = signed_in(alice)

    def add_companies(n):
        for _ in range(n):
            company = CompanyGardenFactory(garden=garden_a).company
            CompanyGardenFactory(company=company, garden=garden_b, relation="client")

    add_companies(10)
    client.get(URL)  # the first request of a session creates the network settings
    few = _count_queries(client, {})
    few_filtered = _count_queries(client, {"q": "bedrift", "garden": garden_b.slug})
    add_companies(190)
    assert _count_queries(client, {}) == few
    assert _count_queries(client, {"q": "bedrift", "garden": garden_b.slug}) == few_filtered
