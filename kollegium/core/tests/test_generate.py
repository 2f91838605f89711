import hashlib
import io

import pytest
from django.core.management import CommandError, call_command

from kollegium.companies.models import Company
from kollegium.core.validators import validate_org_number
from kollegium.methods.models import Method, Pilot
from kollegium.methods.models.methods import Stage
from kollegium.network.models import Garden, Person, User
from kollegium.programme.models import Event, EventHost, Registration

TINY = dict(gardens=3, people=8, companies=25, events=12, registrations=90, methods=14)


def generate(seed=7, **sizes):
    call_command("generate", seed=seed, quiet=True, stdout=io.StringIO(), **(TINY | sizes))


def digest() -> str:
    """A fingerprint of the generated rows by their natural keys (ids differ between runs)."""
    rows = [
        list(Garden.objects.order_by("slug").values_list("slug", "org_number", "municipality")),
        list(Person.objects.order_by("user__email").values_list("user__email", "role", "phone")),
        list(Company.objects.order_by("org_number").values_list("org_number", "name", "nace")),
        list(
            Registration.objects.order_by("token").values_list(
                "token", "event__ref", "email", "status", "attended", "created_at"
            )
        ),
        list(Method.objects.order_by("ref").values_list("ref", "uid", "stage", "created_at")),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def wipe() -> None:
    """Empty the generated tables, children before the rows they protect."""
    Registration.objects.all().delete()
    Event.objects.all().delete()
    Method.objects.all().delete()
    Company.objects.all().delete()
    User.objects.all().delete()
    Garden.objects.all().delete()


@pytest.mark.django_db
def test_it_makes_the_same_data_from_the_same_seed():
    generate(seed=7)
    first = digest()
    wipe()
    generate(seed=7)
    assert digest() == first
    wipe()
    generate(seed=8)
    assert digest() != first


@pytest.mark.django_db
def test_it_makes_as_many_rows_as_the_flags_ask():
    generate()
    assert Garden.objects.count() == 3
    assert Person.objects.count() == 8
    assert Company.objects.count() == 25
    assert Event.objects.count() == 12
    assert Registration.objects.count() == 90
    assert Method.objects.count() == 14
    assert EventHost.objects.filter(event__isnull=False).values("event").distinct().count() == 12


@pytest.mark.django_db
def test_it_gives_valid_org_numbers_and_methods_in_every_stage():
    generate()
    for number in Company.objects.values_list("org_number", flat=True):
        validate_org_number(number)
    assert set(Method.objects.values_list("stage", flat=True)) == set(Stage.values)
    assert Pilot.objects.exists()
    assert not User.objects.first().has_usable_password()


@pytest.mark.django_db
def test_it_refuses_a_database_that_has_gardens(garden_a):
    with pytest.raises(CommandError, match="already has gardens"):
        generate()
    assert Garden.objects.count() == 1
    assert not Company.objects.exists()
