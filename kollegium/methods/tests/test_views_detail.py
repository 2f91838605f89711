"""The method page, and the forms that create, edit and move a method."""

from django.urls import reverse

from kollegium.core.models import AuditEntry
from kollegium.methods.models import Method, Stage, StageMove
from kollegium.methods.tests.factories import EvaluatedPilotFactory


def url(name, method, *args):
    return reverse(f"methods:{name}", args=[method.ref, *args])


def test_it_shows_the_method_with_its_stage_and_what_the_next_gate_needs(
    signed_in, charlie, method_a, at_stage
):
    at_stage(method_a, Stage.DEVELOPMENT)
    method_a.summary = ""
    method_a.save()

    response = signed_in(charlie).get(url("detail", method_a))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in content and "Frokostmøte for nye bedrifter" in content
    assert 'aria-current="step">Development<' in content
    assert "Before it can move to “Testing in practice”, the method needs:" in content
    assert "A summary of the method." in content
    # Charlie (garden B) may comment and pilot, not edit or move.
    assert url("edit", method_a) not in content
    assert url("move", method_a) not in content
    assert url("comment", method_a) in content
    assert url("pilot_create", method_a) in content


def test_it_renders_the_description_as_sanitised_markdown(signed_in, alice, method_a):
    method_a.body = (
        "# Slik gjør du\n\n- **Inviter** bedriftene\n- Server frokost\n\n"
        "<script>alert('x')</script>\n\n[klikk](javascript:alert(1)) "
        '<img src=x onerror="alert(1)">'
    )
    method_a.save()

    content = signed_in(alice).get(url("detail", method_a)).content.decode()

    assert "<h3>Slik gjør du</h3>" in content
    assert "<li><strong>Inviter</strong> bedriftene</li>" in content
    assert "<script>alert" not in content
    assert "javascript:" not in content
    assert "onerror" not in content


def test_a_private_method_of_another_garden_answers_404(signed_in, alice, private_b):
    assert signed_in(alice).get(url("detail", private_b)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, method_a):
    response = client.get(url("detail", method_a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_staff_create_a_method_for_their_garden(signed_in, bob, alice, area):
    response = signed_in(bob).post(
        reverse("methods:create"),
        {
            "title": "Sjekkliste for søknad om støtte",
            "kind": "tool",
            "summary": "Før du søker.",
            "body": "1. Les utlysningen",
            "areas": [area.pk],
            "contributors": [alice.pk],
            "visibility": "network",
            "licence": "CC-BY-4.0",
            "links": "https://www.skattefunn.no SkatteFUNN\nhttps://www.innovasjonnorge.no",
        },
    )

    method = Method.objects.get()
    assert response.status_code == 302 and response["Location"] == method.get_absolute_url()
    assert (method.owner, method.kind, method.stage) == (bob.garden, "tool", Stage.COLLECTION)
    assert set(method.contributors.all()) == {bob, alice}
    assert [link.title for link in method.links.all()] == ["SkatteFUNN", ""]
    assert AuditEntry.objects.filter(action="method.created").exists()


def test_the_form_explains_bad_input_by_the_field(signed_in, bob):
    response = signed_in(bob).post(
        reverse("methods:create"),
        {
            "title": "",
            "kind": "tool",
            "visibility": "public",
            "licence": "",
            "links": "ikke-en-url",
        },
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert set(form.errors) == {"title", "licence", "links"}
    assert "“ikke-en-url” is not a web address" in form.errors["links"][0]
    assert not Method.objects.exists()


def test_staff_of_the_owner_garden_edit_and_another_garden_gets_403(
    signed_in, bob, charlie, method_a
):
    data = {"title": "Frokostmøte", "kind": "concept", "visibility": "network", "licence": ""}

    assert signed_in(charlie).post(url("edit", method_a), data).status_code == 403
    response = signed_in(bob).post(url("edit", method_a), data)

    assert response.status_code == 302
    assert Method.objects.get(pk=method_a.pk).title == "Frokostmøte"


def test_the_move_form_moves_back_with_a_note(signed_in, alice, method_a, at_stage):
    at_stage(method_a, Stage.DEVELOPMENT)
    client = signed_in(alice)

    refused = client.post(url("move", method_a), {"to": "collection", "note": ""})
    moved = client.post(url("move", method_a), {"to": "collection", "note": "For tidlig"})

    assert refused.status_code == 400
    assert "Say why the method moves back" in refused.content.decode()
    assert moved.status_code == 302
    assert StageMove.objects.get().note == "For tidlig"


def test_the_move_form_lists_what_the_gate_misses(signed_in, alice, method_a, at_stage):
    at_stage(method_a, Stage.REFINEMENT)

    response = signed_in(alice).post(url("move", method_a), {"to": "implementation"})

    content = response.content.decode()
    assert response.status_code == 400
    assert "A pilot that recommends adoption." in content
    assert Method.objects.get(pk=method_a.pk).stage == Stage.REFINEMENT


def test_the_coordinator_moves_another_garden_s_method(signed_in, cora, method_b, garden_a):
    response = signed_in(cora).post(url("move", method_b), {"to": "systematisation"})

    assert response.status_code == 302
    assert Method.objects.get(pk=method_b.pk).stage == Stage.SYSTEMATISATION


def test_the_move_form_offers_only_allowed_stages(signed_in, alice, method_a, at_stage):
    at_stage(method_a, Stage.PILOT)
    EvaluatedPilotFactory(method=method_a, garden=method_a.owner)

    form = signed_in(alice).get(url("move", method_a)).context["form"]

    assert [value for value, _label in form.fields["to"].choices] == [
        "refinement",
        "development",
        "systematisation",
        "collection",
    ]


def test_a_refused_move_from_the_method_page_shows_the_method_again(
    signed_in, alice, method_a, at_stage
):
    at_stage(method_a, Stage.PILOT)

    response = signed_in(alice).post(url("move", method_a), {"to": "refinement", "from": "detail"})

    content = response.content.decode()
    assert response.status_code == 400
    assert "At least one completed pilot with an evaluation." in content
    assert url("pilot_create", method_a) in content
