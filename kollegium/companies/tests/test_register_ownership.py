"""What an import may change in a company: the register's fields, by the rule of
register_merge, and nothing of what advisors keep."""

import pytest

from kollegium.companies import services
from kollegium.companies.models import Company
from kollegium.companies.tests.factories import (
    CompanyFactory,
    CompanyGardenFactory,
    ContactFactory,
    NeedFactory,
    valid_org_number,
)
from kollegium.companies.tests.register_samples import enhet, run_import, write

pytestmark = pytest.mark.django_db
NUMBER = valid_org_number(1)


def _import(tmp_path, name="e.json", **overrides) -> Company:
    run_import(write(tmp_path / name, [enhet(1, **overrides)]), quiet=True)
    return Company.objects.get(org_number=NUMBER)


def test_a_company_entered_by_hand_takes_what_the_register_has(tmp_path, garden_a):
    company = CompanyFactory(
        org_number=NUMBER,
        name="Fjelldata",
        nace="",
        municipality="5021",
        employees=3,
        website="https://fjelldata.example",
    )
    CompanyGardenFactory(company=company, garden=garden_a, programme_year=2024)
    contact = ContactFactory(company=company, name="Kari")
    need = NeedFactory(company=company, text="Trenger eksporthjelp")

    # The register hides the count (0-4) and has no website: the advisor's values stay.
    company = _import(tmp_path, antallAnsatte=None, hjemmeside=None)

    assert (company.name, company.nace, company.municipality) == (
        "FJELLDATA 1 AS",
        "62.100",
        "5025",
    )
    assert (company.employees, company.website) == (3, "https://fjelldata.example")
    relation = company.relations.get()
    assert (relation.garden, relation.programme_year) == (garden_a, 2024)
    assert list(company.contacts.all()) == [contact]
    assert list(company.needs.all()) == [need]


def test_an_advisors_correction_stands_until_the_register_changes(tmp_path, alice, garden_a):
    company = _import(tmp_path)
    CompanyGardenFactory(company=company, garden=garden_a)
    services.company_update(
        actor=alice.user, company=company, municipality="5021", employees=15, name="Fjelldata"
    )

    company = _import(tmp_path, name="again.json")
    assert (company.municipality, company.employees, company.name) == ("5021", 15, "Fjelldata")

    moved = dict(enhet(1)["forretningsadresse"], kommunenummer="5001", poststed="TRONDHEIM")
    company = _import(tmp_path, name="moved.json", forretningsadresse=moved)
    assert company.municipality == "5001"
    assert company.post_town == "TRONDHEIM"
    # What the register did not change keeps the advisor's value.
    assert (company.employees, company.name) == (15, "Fjelldata")


def test_an_empty_register_value_clears_only_what_the_register_had_put_there(
    tmp_path, alice, garden_a
):
    company = _import(tmp_path)
    assert (company.employees, company.website) == (12, "https://www.fjelldata1.no")
    CompanyGardenFactory(company=company, garden=garden_a)
    services.company_update(actor=alice.user, company=company, website="https://eget.example")

    # The company shrank below five employees (hidden) and dropped its website.
    company = _import(tmp_path, name="later.json", antallAnsatte=None, hjemmeside=None)

    assert company.employees is None
    assert company.website == "https://eget.example"


def test_bankruptcy_and_liquidation_follow_the_register_both_ways(tmp_path):
    company = _import(tmp_path, konkurs=True, underTvangsavviklingEllerTvangsopplosning=True)
    assert (company.bankrupt, company.under_liquidation) == (True, True)
    company = _import(tmp_path, name="lifted.json")
    assert (company.bankrupt, company.under_liquidation) == (False, False)


def test_a_company_in_another_standard_keeps_code_and_standard_together(tmp_path):
    sn2007 = {"kode": "62.010", "beskrivelse": "Programmeringstjenester"}
    company = _import(tmp_path, naeringskode1=sn2007)
    assert (company.nace, company.nace_standard) == ("62.010", "sn2007")
    company.full_clean()  # an SN2007 code is valid as SN2007
