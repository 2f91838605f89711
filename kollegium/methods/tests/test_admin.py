"""The operator's admin pages of the method bank open."""

from django.urls import reverse

from kollegium.methods.tests.factories import EvaluatedPilotFactory


def test_the_operator_opens_the_method_admin(signed_in, olga, method_a, garden_b):
    EvaluatedPilotFactory(method=method_a, garden=garden_b)
    client = signed_in(olga)

    listing = client.get(reverse("admin:methods_method_changelist"))
    change = client.get(reverse("admin:methods_method_change", args=[method_a.pk]))

    assert (
        listing.status_code == 200 and "Frokostmøte for nye bedrifter" in listing.content.decode()
    )
    assert change.status_code == 200
