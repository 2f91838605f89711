from django.urls import reverse

from kollegium.network.models import CompetenceArea, NetworkSettings


def test_it_lets_the_coordinator_change_the_network(signed_in, cora):
    response = signed_in(cora).post(
        reverse("network:network_edit"),
        {"name": "INNOMIDT", "description": "Fire hager", "contact_email": "post@innomidt.example"},
    )
    assert response.status_code == 302
    assert NetworkSettings.load().name == "INNOMIDT"


def test_it_forbids_others_to_change_the_network(signed_in, bob, charlie):
    for person in (bob, charlie):
        response = signed_in(person).post(reverse("network:network_edit"), {"name": "X"})
        assert response.status_code == 403
    assert NetworkSettings.load().name == "Kollegium"


def test_it_lets_the_coordinator_edit_the_taxonomy(signed_in, cora, area):
    client = signed_in(cora)
    client.post(reverse("network:area_create"), {"name": "Reiseliv", "slug": "reiseliv"})
    client.post(
        reverse("network:area_edit", args=[area.slug]),
        {"name": "Finansiering", "slug": area.slug, "description": "Virkemidler"},
    )
    assert set(CompetenceArea.objects.values_list("slug", "name")) == {
        ("reiseliv", "Reiseliv"),
        (area.slug, "Finansiering"),
    }


def test_it_rejects_a_duplicate_slug(signed_in, cora, area):
    response = signed_in(cora).post(
        reverse("network:area_create"), {"name": "X", "slug": area.slug}
    )
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors


def test_it_forbids_advisors_to_edit_the_taxonomy(signed_in, alice, area):
    assert (
        signed_in(alice)
        .post(reverse("network:area_create"), {"name": "X", "slug": "x"})
        .status_code
        == 403
    )
    assert not CompetenceArea.objects.filter(slug="x").exists()
