from django.urls import reverse

from kollegium.core.models import AuditEntry
from kollegium.network.models import Competence


def _profile_data(area, **overrides):
    data = {
        "name": "Alice Aune",
        "title": "Seniorrådgiver",
        "phone": "+47 912 34 567",
        "bio": "Hjelper bedrifter med SkatteFUNN.",
        "keywords": "SkatteFUNN,  lean, skattefunn",
        "show_public": "on",
        "competences-TOTAL_FORMS": "2",
        "competences-INITIAL_FORMS": "0",
        "competences-0-area": area.pk,
        "competences-0-level": "3",
        "competences-0-note": "Mange søknader",
        "competences-1-area": "",
        "competences-1-level": "2",
    }
    data.update(overrides)
    return data


def test_it_saves_own_profile_and_competences(signed_in, alice, area):
    response = signed_in(alice).post(
        reverse("network:profile_edit", args=[alice.pk]), _profile_data(area)
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.title == "Seniorrådgiver"
    assert alice.keywords == "SkatteFUNN, lean"
    assert alice.show_public is True
    assert list(
        Competence.objects.filter(person=alice).values_list("area__slug", "level", "note")
    ) == [(area.slug, 3, "Mange søknader")]
    entry = AuditEntry.objects.get(action="person.updated")
    assert entry.actor == alice.user
    assert "competences" in entry.data["fields"]


def test_it_refuses_the_same_area_twice(signed_in, alice, area):
    data = _profile_data(area, **{"competences-1-area": area.pk})
    response = signed_in(alice).post(reverse("network:profile_edit", args=[alice.pk]), data)
    assert response.status_code == 200
    assert not Competence.objects.filter(person=alice).exists()
    assert response.context["formset"].non_form_errors()


def test_it_forbids_editing_someone_elses_profile(signed_in, alice, bob, charlie, area):
    for other in (bob, charlie):
        url = reverse("network:profile_edit", args=[other.pk])
        assert signed_in(alice).get(url).status_code == 403
        assert signed_in(alice).post(url, _profile_data(area)).status_code == 403
    charlie.refresh_from_db()
    assert charlie.title == "Rådgiver"


def test_it_shows_a_colleagues_profile_read_only(signed_in, alice, charlie):
    response = signed_in(alice).get(reverse("network:person", args=[charlie.pk]))
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert charlie.email in response.content.decode()


def test_it_creates_and_revokes_api_tokens_on_the_profile(signed_in, alice):
    client = signed_in(alice)
    response = client.post(reverse("network:token_create", args=[alice.pk]), {"name": "skript"})
    raw = response.context["raw"]
    token = alice.user.api_tokens.get()
    assert token.token_hash != raw and raw.startswith(token.prefix)
    client.post(reverse("network:token_delete", args=[alice.pk, token.pk]))
    assert not alice.user.api_tokens.exists()


def test_it_forbids_creating_tokens_for_someone_else(signed_in, alice, charlie):
    response = signed_in(alice).post(reverse("network:token_create", args=[charlie.pk]))
    assert response.status_code == 403
    assert not charlie.user.api_tokens.exists()
