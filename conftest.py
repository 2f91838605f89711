"""The shared cast of every test: two gardens and their people.

Garden A (Orkdal): Alice (advisor), Bob (leader), Cora (network coordinator).
Garden B (Røros): Charlie (advisor), Diana (leader).
Olga is the operator (Django superuser, no garden).
"""

import pytest
from django.core import mail

from kollegium.companies.tests.factories import (
    CompanyFactory,
    CompanyGardenFactory,
    ContactFactory,
    NeedFactory,
)
from kollegium.network.models import Role, User
from kollegium.network.tests.factories import (
    PASSWORD,
    CompetenceAreaFactory,
    GardenFactory,
    PersonFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _clean_mailbox(settings):
    mail.outbox = []
    settings.LANGUAGE_CODE = "nb"


@pytest.fixture
def kept_pages(settings):
    """Pages kept until their data changes (core/freshness.py), as in production; off in
    other tests. Starts with nothing kept."""
    from django.core.cache import caches

    settings.KOLLEGIUM_FRAGMENT_CACHE = True
    caches["fragments"].clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def garden_a(db):
    return GardenFactory(slug="orkdal", name="Næringshagen i Orkdalsregionen", municipality="5059")


@pytest.fixture
def garden_b(db):
    return GardenFactory(slug="roros", name="Rørosregionen Næringshage", municipality="5025")


def _person(garden, email, name, role=Role.ADVISOR):
    return PersonFactory(garden=garden, role=role, user=UserFactory(email=email, name=name))


@pytest.fixture
def alice(garden_a):
    return _person(garden_a, "alice@orkdal.example", "Alice Aune")


@pytest.fixture
def bob(garden_a):
    return _person(garden_a, "bob@orkdal.example", "Bob Berg", Role.LEADER)


@pytest.fixture
def cora(garden_a):
    return _person(garden_a, "cora@orkdal.example", "Cora Coll", Role.COORDINATOR)


@pytest.fixture
def charlie(garden_b):
    return _person(garden_b, "charlie@roros.example", "Charlie Dahl")


@pytest.fixture
def diana(garden_b):
    return _person(garden_b, "diana@roros.example", "Diana Eng", Role.LEADER)


@pytest.fixture
def olga(db):
    return User.objects.create_superuser(email="olga@kollegium.example", password=PASSWORD)


@pytest.fixture
def area(db):
    return CompetenceAreaFactory(slug="finansiering", name="Finansiering og virkemidler")


@pytest.fixture
def company_a(garden_a):
    company = CompanyFactory(name="Orkla Sveis AS")
    CompanyGardenFactory(company=company, garden=garden_a, relation="member")
    return company


@pytest.fixture
def company_b(garden_b):
    """A company only garden B serves, with a contact and a private need."""
    company = CompanyFactory(name="Røros Mat AS", municipality="5025")
    CompanyGardenFactory(company=company, garden=garden_b, relation="client")
    ContactFactory(company=company, name="Kari Kontakt")
    NeedFactory(company=company, text="Trenger hjelp med eksportstrategi")
    return company


@pytest.fixture
def signed_in(client):
    """Sign the test client in as a person (or user): ``signed_in(alice)``."""

    def sign_in(who):
        client.force_login(getattr(who, "user", who))
        return client

    return sign_in
