"""Register data on the company page, in the company list and its industry filter."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from kollegium.companies.models import Company, CompanyGarden
from kollegium.companies.tests.factories import CompanyFactory, CompanyGardenFactory
from kollegium.companies.tests.register_samples import EXCERPT, run_import
from kollegium.core import codes

LIST = reverse("companies:list")


@pytest.fixture(autouse=True)
def _forget_code_lists():
    yield
    codes.clear_cache()


@pytest.fixture
def excerpt(db):
    run_import(EXCERPT, quiet=True)


@pytest.fixture
def table(db, tmp_path):
    """An SN2007 -> SN2025 table as an operator would load it."""
    path = tmp_path / "sn2007-sn2025.csv"
    path.write_text("sn2007;sn2025\n63.110;63.100\n62.010;62.100\n68.209;68.200\n68.209;68.310\n")
    call_command("load_correspondence", str(path), stdout=io.StringIO())
    codes.refresh()


def _nb(text: str) -> str:
    with translation.override("nb"):
        return gettext(text)


def _page(client, number: str) -> str:
    response = client.get(reverse("companies:detail", args=[number]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_company_page_shows_what_the_register_says(signed_in, alice, excerpt):
    html = _page(signed_in(alice), "984423713")
    assert "Aksjeselskap (AS)" in html
    assert "Lagringstjenester, prosessering av data og tilknyttede tjenester" not in html
    assert "(63.110) <span" in html and ">SN2007</span>" in html
    assert "Inngangg C<br>Ingvald Ystgaards veg 1<br>7047 TRONDHEIM" in html
    assert "11.04.2002" in html
    assert 'href="https://zxy.no"' in html
    assert html.count("<h1") == 1


def test_it_marks_bankrupt_and_liquidating_companies(signed_in, alice, excerpt):
    client = signed_in(alice)
    bankrupt = _page(client, "876077922")
    assert f'<span class="ds-tag" data-color="warning">{_nb("Bankrupt")}</span>' in bankrupt
    liquidating = _page(client, "930657298")
    assert f'data-color="warning">{_nb("Under liquidation")}</span>' in liquidating
    assert _nb("Bankrupt") + "</span>" not in _page(client, "984423713")


def test_it_says_the_register_hides_counts_below_five(signed_in, alice, excerpt):
    hint = _nb("Fewer than 5 (the register does not publish the number)")
    assert hint in _page(signed_in(alice), "928276627")
    assert hint not in _page(signed_in(alice), "984423713")


def test_it_shows_the_sn2025_codes_of_an_sn2007_code(signed_in, alice, excerpt, table):
    html = _page(signed_in(alice), "919045434")
    assert "68.200" in html and "68.310" in html
    assert codes.industry_name("68.310") in html


def test_the_list_shows_org_forms_standards_and_flags(signed_in, alice, excerpt):
    html = signed_in(alice).get(LIST, {"municipality": "5001"}).content.decode()
    assert "Aksjeselskap" in html and "Statlig enhet" not in html
    assert "Organisasjonsledd" in html
    assert "(SN2007)" in html
    assert f'data-size="sm">{_nb("Under liquidation")}</span>' in html


def test_the_industry_filter_finds_sn2007_companies_through_the_table(
    signed_in, alice, excerpt, table
):
    CompanyFactory(name="Ny Kode AS", nace="63.100")
    response = signed_in(alice).get(LIST, {"industry": "63"})
    names = [c.name for c in response.context["page"]]
    assert names == ["Ny Kode AS", "ZXY SPORT TRACKING AS"]


def test_the_industry_filter_never_reads_sn2007_digits_as_sn2025(signed_in, alice, excerpt):
    # SN2007 62.010 (programming) is under the SN2025 prefix "62" by its digits only.
    response = signed_in(alice).get(LIST, {"industry": "62"})
    assert [c.name for c in response.context["page"]] == []


def _count(client, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST, params).status_code == 200
    return len(queries)


def test_the_list_keeps_a_fixed_number_of_queries_with_register_data(
    signed_in, alice, garden_a, excerpt, table
):
    client = signed_in(alice)
    for company in Company.objects.all()[:10]:
        CompanyGardenFactory(company=company, garden=garden_a)
    # Warm up (the first request of a session stores the network settings).
    client.get(LIST, {"industry": "63", "garden": garden_a.slug})
    few = _count(client, {"industry": "63", "garden": garden_a.slug})
    all_few = _count(client, {})
    for company in CompanyFactory.create_batch(190, nace="62.010", nace_standard="sn2007"):
        CompanyGarden.objects.create(company=company, garden=garden_a, relation="member")
    assert _count(client, {"industry": "63", "garden": garden_a.slug}) == few
    assert _count(client, {}) == all_few


def test_editing_an_sn2007_company_keeps_its_code_or_moves_it_to_sn2025(
    signed_in, alice, garden_a, excerpt
):
    company = Company.objects.get(org_number="931466941")
    CompanyGardenFactory(company=company, garden=garden_a)
    client = signed_in(alice)
    url = reverse("companies:edit", args=[company.org_number])
    form = client.get(url).content.decode()
    assert '<option value="62.010" selected>62.010 Programmeringstjenester (SN2007)' in form
    data = {"name": "Optitrails AS", "nace": "62.010", "municipality": "5001"}
    assert client.post(url, data).status_code == 302
    company.refresh_from_db()
    assert (company.name, company.nace, company.nace_standard) == (
        "Optitrails AS",
        "62.010",
        "sn2007",
    )
    assert client.post(url, {**data, "nace": "62.100"}).status_code == 302
    company.refresh_from_db()
    assert (company.nace, company.nace_standard) == ("62.100", "sn2025")
