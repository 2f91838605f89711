"""Competence areas, gardens and people over the API."""

from kollegium.api.tests.helpers import error_of
from kollegium.core.models import AuditEntry
from kollegium.network.models import Competence, CompetenceArea, Garden
from kollegium.network.tests.factories import CompetenceAreaFactory, CompetenceFactory


def last_audit(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("id")


def test_it_lets_the_coordinator_create_an_area(api, cora):
    body = {"slug": "eksport", "name": "Eksport", "description": "Nye markeder"}

    response = api.post("/competence-areas", body, who=cora)

    assert response.status_code == 201
    assert response.json() == body
    area = CompetenceArea.objects.get(slug="eksport")
    assert area.description == "Nye markeder"
    entry = last_audit("area.created")
    assert (entry.actor, entry.object_id) == (cora.user, str(area.pk))


def test_it_lets_the_coordinator_rename_an_area(api, cora, area):
    response = api.patch(f"/competence-areas/{area.slug}", {"name": "Kapital"}, who=cora)

    assert response.json()["name"] == "Kapital"
    area.refresh_from_db()
    assert (area.name, area.slug) == ("Kapital", "finansiering")
    assert last_audit("area.updated").data == {"fields": ["name"]}


def test_it_shows_an_area_to_anyone(client, area):
    response = client.get(f"/api/v1/competence-areas/{area.slug}")

    assert response.json()["name"] == "Finansiering og virkemidler"


def test_it_answers_404_for_an_unknown_area(client, db):
    assert error_of(client.get("/api/v1/competence-areas/ukjent"))["status"] == 404


def test_it_shows_a_garden_with_its_municipality_name(client, garden_a):
    body = client.get(f"/api/v1/gardens/{garden_a.slug}").json()

    assert body["municipality"] == "5059"
    assert body["municipality_name"] == "Orkland"
    assert body["logo"] is None


def test_it_lets_the_leader_update_their_garden(api, bob, garden_a):
    body = {"website": "https://orkdal.example", "org_number": "923 609 016"}

    response = api.patch(f"/gardens/{garden_a.slug}", body, who=bob)

    assert response.status_code == 200
    garden = Garden.objects.get(pk=garden_a.pk)
    assert (garden.website, garden.org_number) == ("https://orkdal.example", "923609016")
    entry = last_audit("garden.updated")
    assert (entry.actor, sorted(entry.data["fields"])) == (bob.user, ["org_number", "website"])


def test_it_refuses_a_logo_over_the_api(api, bob, garden_a):
    response = api.patch(f"/gardens/{garden_a.slug}", {"logo": "x.png"}, who=bob)

    assert list(error_of(response)["fields"]) == ["logo"]


def test_it_shows_a_person_with_garden_and_competences(api, alice, charlie, area):
    CompetenceFactory(person=charlie, area=area, level=3, note="Innovasjon Norge")
    charlie.keywords = "eksport, reiseliv"
    charlie.save()

    body = api.get(f"/people/{charlie.pk}", who=alice).json()

    assert body["email"] == "charlie@roros.example"
    assert body["garden"] == {"slug": "roros", "name": "Rørosregionen Næringshage"}
    assert body["role"] == "advisor"
    assert body["keywords"] == ["eksport", "reiseliv"]
    assert body["competences"] == [
        {"area": area.slug, "area_name": area.name, "level": 3, "note": "Innovasjon Norge"}
    ]


def test_it_filters_the_directory(api, alice, bob, charlie, area):
    CompetenceFactory(person=bob, area=area, level=3)
    CompetenceFactory(person=charlie, area=area, level=1)

    def emails(query: str) -> list[str]:
        return [p["email"] for p in api.get(f"/people?{query}", who=alice).json()["items"]]

    assert emails("garden=roros") == ["charlie@roros.example"]
    assert emails(f"area={area.slug}") == ["bob@orkdal.example", "charlie@roros.example"]
    assert emails(f"area={area.slug}&level=2") == ["bob@orkdal.example"]
    assert emails("q=Charlie") == ["charlie@roros.example"]


def test_it_names_an_unknown_garden_in_the_directory_filter(api, alice):
    response = api.get("/people?garden=ukjent", who=alice)

    assert list(error_of(response)["fields"]) == ["garden"]


def test_it_lets_a_person_edit_their_profile(api, alice, area):
    other = CompetenceAreaFactory()
    CompetenceFactory(person=alice, area=other, level=1)
    body = {
        "name": "Alice Aune Berg",
        "title": "Seniorrådgiver",
        "keywords": ["eksport", " Eksport ", "reiseliv"],
        "show_public": True,
        "competences": [{"area": area.slug, "level": 2, "note": "Søknader"}],
    }

    response = api.patch("/people/me", body, who=alice)

    assert response.status_code == 200
    assert response.json()["keywords"] == ["eksport", "reiseliv"]
    alice.refresh_from_db()
    alice.user.refresh_from_db()
    assert (alice.user.name, alice.title, alice.show_public) == (body["name"], body["title"], True)
    assert list(Competence.objects.filter(person=alice).values_list("area", "level", "note")) == [
        (area.pk, 2, "Søknader")
    ]
    entry = last_audit("person.updated")
    assert entry.actor == alice.user
    assert "competences" in entry.data["fields"]


def test_it_leaves_out_fields_not_sent(api, alice, area):
    CompetenceFactory(person=alice, area=area, level=3)

    api.patch("/people/me", {"phone": "900 00 000"}, who=alice)

    assert Competence.objects.filter(person=alice).count() == 1


def test_it_names_an_unknown_competence_area(api, alice):
    body = {"competences": [{"area": "ukjent", "level": 2}]}

    response = api.patch("/people/me", body, who=alice)

    assert "ukjent" in error_of(response)["fields"]["competences"][0]


def test_it_refuses_the_same_area_twice(api, alice, area):
    body = {"competences": [{"area": area.slug, "level": 2}, {"area": area.slug, "level": 3}]}

    response = api.patch("/people/me", body, who=alice)

    assert error_of(response)["status"] == 422
    assert not Competence.objects.filter(person=alice).exists()
