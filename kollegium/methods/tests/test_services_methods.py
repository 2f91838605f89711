"""Creating and editing methods; versions once a method is past development."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kollegium.core.models import AuditEntry
from kollegium.methods.models import Method, MethodVersion, Stage
from kollegium.methods.services import method_create, method_update
from kollegium.methods.services.methods import ref_base


def test_it_creates_a_method_of_the_authors_garden_in_collection(alice, area):
    method = method_create(
        actor=alice.user,
        title="Sjekkliste for søknad om støtte",
        kind="tool",
        summary="Alt du trenger før du søker.",
        areas=[area],
        links=[("https://www.innovasjonnorge.no", "Innovasjon Norge")],
    )

    assert method.ref == "sjekkliste-for-soknad-om-stotte"
    assert (method.owner, method.stage, method.visibility, method.licence) == (
        alice.garden,
        Stage.COLLECTION,
        "garden",
        "CC-BY-4.0",
    )
    assert list(method.contributors.all()) == [alice]
    assert list(method.areas.all()) == [area]
    assert [(link.url, link.title) for link in method.links.all()] == [
        ("https://www.innovasjonnorge.no", "Innovasjon Norge")
    ]
    assert AuditEntry.objects.get(action="method.created").data["ref"] == method.ref


def test_it_numbers_refs_that_are_taken(alice):
    first = method_create(actor=alice.user, title="Frokostmøte")
    second = method_create(actor=alice.user, title="Frokostmøte")

    assert (first.ref, second.ref) == ("frokostmote", "frokostmote-2")


def test_it_writes_norwegian_letters_in_refs_as_ascii():
    assert ref_base("Åpen dør for Ærlige Økonomer") == "apen-dor-for-aerlige-okonomer"
    assert ref_base("???") == "metode"


def test_the_operator_names_the_owner_garden(olga, garden_b):
    with pytest.raises(ValidationError):
        method_create(actor=olga, title="Uten hage")

    assert method_create(actor=olga, title="Med hage", owner=garden_b).owner == garden_b


def test_a_user_without_a_garden_may_not_create_methods(db):
    from kollegium.network.tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        method_create(actor=UserFactory(), title="x")
    assert not Method.objects.exists()


def test_staff_of_the_owner_garden_edit_a_method(bob, method_a):
    method = method_update(actor=bob.user, method=method_a, summary="Ny oppsummering")

    assert Method.objects.get(pk=method_a.pk).summary == "Ny oppsummering"
    assert AuditEntry.objects.get(action="method.updated").data["fields"] == ["summary"]
    assert method.versions.count() == 0  # still in collection: no versions yet


@pytest.mark.parametrize("who", ["alice", "bob", "cora"])
def test_staff_of_other_gardens_and_the_coordinator_may_not_edit(request, method_b, who):
    person = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        method_update(actor=person.user, method=method_b, title="Kapret")

    assert Method.objects.get(pk=method_b.pk).title == "Samtaleguide for førstemøtet"


def test_an_edit_past_development_makes_a_version_with_the_old_text_as_base(
    alice, bob, method_a, at_stage
):
    at_stage(method_a, Stage.PILOT)
    old_body = method_a.body

    method_update(actor=alice.user, method=method_a, body="Ny tekst\nmed to linjer")
    method_update(actor=bob.user, method=method_a, title="Frokostmøte 2.0")

    versions = list(MethodVersion.objects.filter(method=method_a).order_by("number"))
    assert [(v.number, v.fields, v.author_name) for v in versions] == [
        (1, [], "Alice Aune"),
        (2, ["body"], "Alice Aune"),
        (3, ["title"], "Bob Berg"),
    ]
    assert versions[0].body == old_body
    assert versions[2].title == "Frokostmøte 2.0" and versions[2].body == "Ny tekst\nmed to linjer"


def test_an_edit_that_changes_no_text_makes_no_version(alice, method_a, at_stage):
    at_stage(method_a, Stage.REFINEMENT)

    method_update(actor=alice.user, method=method_a, kind="tool")

    assert not method_a.versions.exists()


def test_a_shared_method_cannot_be_made_private(alice, method_a, at_stage):
    at_stage(method_a, Stage.SHARED)

    with pytest.raises(ValidationError) as exc_info:
        method_update(actor=alice.user, method=method_a, visibility="garden")

    assert "visibility" in exc_info.value.message_dict
    assert Method.objects.get(pk=method_a.pk).visibility == "network"


def test_a_publicly_shared_method_keeps_its_licence(alice, method_a, at_stage):
    method_a.visibility = "public"
    at_stage(method_a, Stage.SHARED)

    with pytest.raises(ValidationError) as exc_info:
        method_update(actor=alice.user, method=method_a, licence="")

    assert "licence" in exc_info.value.message_dict


def test_it_replaces_areas_contributors_and_links(alice, bob, method_a):
    method_update(
        actor=alice.user,
        method=method_a,
        areas=[],
        contributors=[alice, bob],
        links=[("https://a.example", ""), ("https://b.example", "B")],
    )

    assert not method_a.areas.exists()
    assert set(method_a.contributors.all()) == {alice, bob}
    assert list(method_a.links.values_list("url", "position")) == [
        ("https://a.example", 0),
        ("https://b.example", 1),
    ]
    assert AuditEntry.objects.get(action="method.updated").data["fields"] == [
        "areas",
        "contributors",
        "links",
    ]


def test_it_refuses_a_link_that_is_not_a_web_address(alice, method_a):
    with pytest.raises(ValidationError):
        method_update(actor=alice.user, method=method_a, links=[("javascript:alert(1)", "x")])

    assert not method_a.links.exists()
