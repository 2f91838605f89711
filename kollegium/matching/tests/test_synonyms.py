"""The coordinator's synonym list: read by staff, edited by the coordinator, audited."""

from django.urls import reverse

from kollegium.core.models import AuditEntry
from kollegium.matching.models import Synonym


def test_it_ships_a_default_list(db):
    terms = set(Synonym.objects.values_list("terms", flat=True))

    assert "e-handel, nettbutikk, netthandel, nettsalg" in terms
    assert "IN, Innovasjon Norge" in terms
    assert any(t.startswith("regnskap, bokføring, økonomistyring") for t in terms)


def test_staff_read_the_list(signed_in, alice):
    response = signed_in(alice).get(reverse("matching:synonyms"))

    assert response.status_code == 200
    assert "Innovasjon Norge" in response.content.decode()
    assert reverse("matching:synonym_create") not in response.content.decode()


def test_the_coordinator_adds_edits_and_removes_a_group(signed_in, cora):
    client = signed_in(cora)

    client.post(reverse("matching:synonym_create"), {"terms": " styre ,  styrearbeid,"})
    synonym = Synonym.objects.get(terms="styre, styrearbeid")
    client.post(reverse("matching:synonym_edit", args=[synonym.pk]), {"terms": "styre, board"})
    synonym.refresh_from_db()
    edited = synonym.terms
    client.post(reverse("matching:synonym_delete", args=[synonym.pk]))

    assert edited == "styre, board"
    assert not Synonym.objects.filter(pk=synonym.pk).exists()
    assert sorted(
        AuditEntry.objects.filter(action__startswith="matching.synonym").values_list(
            "action", flat=True
        )
    ) == ["matching.synonym.created", "matching.synonym.deleted", "matching.synonym.updated"]


def test_a_group_needs_two_words(signed_in, cora):
    before = Synonym.objects.count()
    response = signed_in(cora).post(reverse("matching:synonym_create"), {"terms": "alene"})

    assert response.status_code == 200
    assert Synonym.objects.count() == before


def test_an_advisor_cannot_edit(signed_in, alice):
    synonym = Synonym.objects.first()
    client = signed_in(alice)

    assert client.post(reverse("matching:synonym_create"), {"terms": "a, b"}).status_code == 403
    assert client.post(reverse("matching:synonym_delete", args=[synonym.pk])).status_code == 403
    assert Synonym.objects.filter(pk=synonym.pk).exists()
