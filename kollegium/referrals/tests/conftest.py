import pytest

from kollegium.companies.tests.factories import ContactFactory, NeedFactory


@pytest.fixture
def need_a(company_a):
    """Garden A's private need of company_a, with a contact person at the company."""
    ContactFactory(company=company_a, name="Ola Kontakt", email="ola@orklasveis.example")
    return NeedFactory(company=company_a, text="Trenger hjelp med eksport til Sverige")
