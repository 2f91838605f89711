from django.urls import reverse

from kollegium.core.models import AuditEntry

GARDEN_DATA = {
    "name": "Nytt navn",
    "org_number": "",
    "municipality": "5059",
    "website": "https://orkdal.example",
    "description": "Vi hjelper bedrifter i Orkland.",
}


def test_it_lets_the_leader_edit_the_garden_page(signed_in, bob, garden_a):
    response = signed_in(bob).post(
        reverse("network:garden_edit", args=[garden_a.slug]), GARDEN_DATA
    )
    assert response.status_code == 302
    garden_a.refresh_from_db()
    assert garden_a.name == "Nytt navn"
    assert AuditEntry.objects.filter(action="garden.updated", object_id=str(garden_a.pk)).exists()


def test_it_lets_the_coordinator_edit_every_garden(signed_in, cora, garden_b):
    response = signed_in(cora).post(
        reverse("network:garden_edit", args=[garden_b.slug]), GARDEN_DATA
    )
    assert response.status_code == 302
    garden_b.refresh_from_db()
    assert garden_b.name == "Nytt navn"


def test_it_forbids_advisors_and_other_leaders(signed_in, alice, diana, garden_a):
    url = reverse("network:garden_edit", args=[garden_a.slug])
    for person in (alice, diana):
        assert signed_in(person).post(url, GARDEN_DATA).status_code == 403
    garden_a.refresh_from_db()
    assert garden_a.name != "Nytt navn"


def test_it_rejects_a_wrong_org_number_and_unknown_municipality(signed_in, bob, garden_a):
    data = {**GARDEN_DATA, "org_number": "923609017", "municipality": "9999"}
    response = signed_in(bob).post(reverse("network:garden_edit", args=[garden_a.slug]), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"org_number", "municipality"}


def test_it_rejects_a_file_that_is_not_an_image_as_logo(signed_in, bob, garden_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    response = signed_in(bob).post(
        reverse("network:garden_edit", args=[garden_a.slug]), {**GARDEN_DATA, "logo": fake}
    )
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
