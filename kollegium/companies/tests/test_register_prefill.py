"""The company form's register lookup: typing an org number fills the empty fields."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from kollegium.companies.tests.register_samples import EXCERPT, enhet, run_import, write
from kollegium.core import codes

URL = reverse("companies:lookup")


@pytest.fixture(autouse=True)
def _forget_code_lists():
    yield
    codes.clear_cache()


@pytest.fixture
def imported(db, tmp_path):
    """The register data of one SN2025 entity, imported with --update-only (no company)."""
    entity = enhet(1, navn="FJELLDATA AS", antallAnsatte=None)
    run_import(write(tmp_path / "e.json", [entity]), quiet=True, update_only=True)
    return entity["organisasjonsnummer"]


def _lookup(client, number, **typed):
    response = client.get(URL, {"org_number": number, **typed}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_the_create_form_asks_the_register_as_the_number_is_typed(signed_in, alice):
    html = signed_in(alice).get(reverse("companies:create")).content.decode()
    assert f'hx-get="{URL}"' in html
    assert 'hx-target="#register-lookup"' in html and 'id="register-lookup"' in html
    assert 'hx-include="#id_name, #id_nace, #id_municipality, #id_employees, #id_website"' in html


def test_it_fills_the_empty_fields_from_the_register(signed_in, alice, imported):
    html = _lookup(signed_in(alice), f"{imported[:3]} {imported[3:]}")
    assert '<div class="ds-alert" data-color="info">' in html
    assert re.search(
        r'<input [^>]*value="FJELLDATA AS"[^>]*hx-swap-oob="true"[^>]*id="id_name"', html
    )
    assert '<option value="62.100" selected>' in html
    assert '<option value="5025" selected>' in html
    assert 'value="https://www.fjelldata1.no"' in html
    # The register hides the count below five: the field is not touched.
    assert 'id="id_employees"' not in html


def test_it_leaves_what_the_advisor_has_typed(signed_in, alice, imported):
    html = _lookup(signed_in(alice), imported, name="Fjelldata", website="https://a.example")
    assert 'id="id_name"' not in html and 'id="id_website"' not in html
    assert 'id="id_municipality"' in html


def test_it_links_to_a_company_already_registered(signed_in, alice, company_b):
    html = _lookup(signed_in(alice), company_b.org_number)
    assert f'href="{company_b.get_absolute_url()}">Røros Mat AS</a>' in html
    assert "hx-swap-oob" not in html


def test_it_says_when_the_register_data_does_not_have_the_number(signed_in, alice, imported):
    html = _lookup(signed_in(alice), "923609016")
    assert "hx-swap-oob" not in html
    assert "ds-paragraph" in html


def test_it_answers_nothing_until_nine_digits_are_typed(signed_in, alice, imported):
    assert _lookup(signed_in(alice), imported[:5]).strip() == ""


def test_it_maps_an_sn2007_code_when_the_table_gives_one_sn2025_code(
    signed_in, alice, db, tmp_path
):
    table = tmp_path / "sn.csv"
    table.write_text("sourceCode,targetCode\n62.010,62.100\n56.101,56.110\n56.101,56.120\n")
    call_command("load_correspondence", str(table), stdout=io.StringIO())
    codes.refresh()
    run_import(EXCERPT, quiet=True, update_only=True)
    client = signed_in(alice)
    assert '<option value="62.100" selected>' in _lookup(client, "931466941")


def test_it_says_which_sn2007_code_has_no_single_successor(signed_in, alice, db, tmp_path):
    run_import(EXCERPT, quiet=True, update_only=True)
    html = _lookup(signed_in(alice), "919045434")
    assert "68.209" in html and "SN2007" in html
    assert 'id="id_nace"' not in html
    assert '<option value="5021" selected>' in html
