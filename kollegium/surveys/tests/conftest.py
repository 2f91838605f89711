import pytest

from kollegium.companies.tests.factories import (
    CompanyFactory,
    CompanyGardenFactory,
    ContactFactory,
)


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in the source language (English) whatever the catalogues hold."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def companies_b(garden_b, company_b):
    """Garden B serves company_b (one contact) and three more: two with two contacts (one
    sharing an address), one without an e-mail address. Garden A serves none of them."""
    fjell = CompanyFactory(name="Fjellbakeriet AS")
    CompanyGardenFactory(company=fjell, garden=garden_b)
    ContactFactory(company=fjell, name="Anne Fjell", email="anne@fjell.example")
    ContactFactory(company=fjell, name="Per Fjell", email="per@fjell.example")
    gruve = CompanyFactory(name="Gruvedrift AS")
    CompanyGardenFactory(company=gruve, garden=garden_b, relation="client")
    ContactFactory(company=gruve, name="Ola G.", email="ola@gruve.example")
    ContactFactory(company=gruve, name="Ola Gruve", email="OLA@gruve.example")
    silent = CompanyFactory(name="Stille AS")
    CompanyGardenFactory(company=silent, garden=garden_b)
    ContactFactory(company=silent, name="Uten Epost", email="")
    return {"company_b": company_b, "fjell": fjell, "gruve": gruve, "silent": silent}
