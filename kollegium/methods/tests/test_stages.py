"""The lifecycle: one stage forward at a time, back with a note, and every gate."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kollegium.core.models import AuditEntry
from kollegium.methods.models import Stage, StageMove
from kollegium.methods.services import GateNotMet, StageMoveRefused, method_move_stage
from kollegium.methods.services.attachments import attachment_add
from kollegium.methods.tests.factories import PDF, EvaluatedPilotFactory, PilotFactory


def move(person, method, to, note=""):
    return method_move_stage(actor=person.user, method=method, to=to, note=note)


def missing_codes(exc_info) -> list[str]:
    return [m.code for m in exc_info.value.missing]


def test_it_moves_a_method_one_stage_forward_and_records_the_move(alice, method_a):
    method = move(alice, method_a, Stage.SYSTEMATISATION, "Samlet inn fra tre hager")

    assert method.stage == Stage.SYSTEMATISATION
    step = StageMove.objects.get(method=method_a)
    assert (step.from_stage, step.to_stage, step.actor, step.actor_name) == (
        "collection",
        "systematisation",
        alice.user,
        "Alice Aune",
    )
    assert step.note == "Samlet inn fra tre hager"
    entry = AuditEntry.objects.get(action="method.stage_moved")
    assert entry.data["from_stage"] == "collection"
    assert entry.data["to_stage"] == "systematisation"


def test_it_refuses_to_skip_a_stage(alice, method_a):
    with pytest.raises(StageMoveRefused, match="one stage at a time") as exc_info:
        move(alice, method_a, Stage.DEVELOPMENT)

    assert exc_info.value.code == "invalid_transition"
    method_a.refresh_from_db()
    assert method_a.stage == Stage.COLLECTION
    assert not StageMove.objects.exists()


def test_it_refuses_a_move_to_the_stage_the_method_is_in(alice, method_a):
    with pytest.raises(StageMoveRefused, match="already"):
        move(alice, method_a, Stage.COLLECTION)


def test_it_moves_back_to_any_earlier_stage_with_a_note(alice, method_a, at_stage):
    at_stage(method_a, Stage.REFINEMENT)

    method = move(alice, method_a, Stage.SYSTEMATISATION, "Må struktureres på nytt")

    assert method.stage == Stage.SYSTEMATISATION
    step = StageMove.objects.get()
    assert step.is_back and step.note == "Må struktureres på nytt"


def test_it_refuses_a_back_move_without_a_note(alice, method_a, at_stage):
    at_stage(method_a, Stage.DEVELOPMENT)

    with pytest.raises(ValidationError) as exc_info:
        move(alice, method_a, Stage.COLLECTION, "  ")

    assert "note" in exc_info.value.message_dict
    method_a.refresh_from_db()
    assert method_a.stage == Stage.DEVELOPMENT


def test_back_moves_pass_no_gate(alice, method_a, at_stage):
    at_stage(method_a, Stage.SHARED)
    method_a.summary = ""
    method_a.save()

    assert move(alice, method_a, Stage.DEVELOPMENT, "Tilbake").stage == Stage.DEVELOPMENT


# --- into pilot ---------------------------------------------------------------------------


def test_the_pilot_gate_lists_a_missing_summary_and_body(alice, method_a, at_stage):
    at_stage(method_a, Stage.DEVELOPMENT)
    method_a.summary = method_a.body = ""
    method_a.save()

    with pytest.raises(GateNotMet) as exc_info:
        move(alice, method_a, Stage.PILOT)

    assert missing_codes(exc_info) == ["summary", "body_or_attachment"]
    assert exc_info.value.code == "gate_not_met"
    assert "A summary of the method." in exc_info.value.message
    method_a.refresh_from_db()
    assert method_a.stage == Stage.DEVELOPMENT


def test_the_pilot_gate_takes_an_attachment_instead_of_a_body(alice, method_a, at_stage):
    at_stage(method_a, Stage.DEVELOPMENT)
    method_a.body = ""
    method_a.save()
    attachment_add(actor=alice.user, method=method_a, name="guide.pdf", content=PDF)

    assert move(alice, method_a, Stage.PILOT).stage == Stage.PILOT


def test_moving_into_pilot_keeps_the_text_as_version_1(alice, method_a, at_stage):
    at_stage(method_a, Stage.DEVELOPMENT)

    move(alice, method_a, Stage.PILOT)

    version = method_a.versions.get()
    assert (version.number, version.title, version.body) == (1, method_a.title, method_a.body)


# --- out of pilot -------------------------------------------------------------------------


def test_leaving_pilot_needs_a_completed_pilot(alice, method_a, garden_b, at_stage):
    at_stage(method_a, Stage.PILOT)
    PilotFactory(method=method_a, garden=garden_b, rating=5)  # rated, not evaluated

    with pytest.raises(GateNotMet) as exc_info:
        move(alice, method_a, Stage.REFINEMENT)

    assert missing_codes(exc_info) == ["completed_pilot"]


def test_leaving_pilot_passes_with_an_evaluated_pilot(alice, method_a, garden_b, at_stage):
    at_stage(method_a, Stage.PILOT)
    EvaluatedPilotFactory(method=method_a, garden=garden_b, recommendation="revise")

    assert move(alice, method_a, Stage.REFINEMENT).stage == Stage.REFINEMENT


# --- into implementation --------------------------------------------------------------------


def test_implementation_needs_a_pilot_that_recommends_adoption(alice, method_a, garden_b, at_stage):
    at_stage(method_a, Stage.REFINEMENT)
    EvaluatedPilotFactory(method=method_a, garden=garden_b, recommendation="revise")

    with pytest.raises(GateNotMet) as exc_info:
        move(alice, method_a, Stage.IMPLEMENTATION)

    assert missing_codes(exc_info) == ["pilot_recommends_adoption"]


def test_implementation_passes_with_a_recommendation_to_adopt(alice, method_a, garden_b, at_stage):
    at_stage(method_a, Stage.REFINEMENT)
    EvaluatedPilotFactory(method=method_a, garden=garden_b, recommendation="adopt")

    assert move(alice, method_a, Stage.IMPLEMENTATION).stage == Stage.IMPLEMENTATION


# --- into shared --------------------------------------------------------------------------


def test_sharing_needs_visibility_beyond_the_garden(alice, method_a, at_stage):
    at_stage(method_a, Stage.IMPLEMENTATION)
    method_a.visibility = "garden"
    method_a.save()

    with pytest.raises(GateNotMet) as exc_info:
        move(alice, method_a, Stage.SHARED)

    assert missing_codes(exc_info) == ["visibility"]


def test_sharing_publicly_needs_a_licence(alice, method_a, at_stage):
    at_stage(method_a, Stage.IMPLEMENTATION)
    method_a.visibility, method_a.licence = "public", ""
    method_a.save()

    with pytest.raises(GateNotMet) as exc_info:
        move(alice, method_a, Stage.SHARED)

    assert missing_codes(exc_info) == ["licence"]


@pytest.mark.parametrize(("visibility", "licence"), [("network", ""), ("public", "CC-BY-4.0")])
def test_sharing_passes_for_the_network_or_licensed_public(
    alice, method_a, at_stage, visibility, licence
):
    at_stage(method_a, Stage.IMPLEMENTATION)
    method_a.visibility, method_a.licence = visibility, licence
    method_a.save()

    method = move(alice, method_a, Stage.SHARED)

    assert method.stage == Stage.SHARED
    assert method.shared_at is not None


def test_sharing_again_keeps_the_first_shared_date(alice, method_a, at_stage):
    at_stage(method_a, Stage.SHARED)
    first = method_a.shared_at
    move(alice, method_a, Stage.IMPLEMENTATION, "Rettet en feil")

    method = move(alice, method_a, Stage.SHARED)

    assert method.shared_at == first


# --- who may move -------------------------------------------------------------------------


def test_staff_of_another_garden_may_not_move_a_method(charlie, method_a):
    with pytest.raises(PermissionDenied):
        move(charlie, method_a, Stage.SYSTEMATISATION)

    assert not StageMove.objects.exists()


def test_the_coordinator_moves_any_method(cora, method_b):
    assert move(cora, method_b, Stage.SYSTEMATISATION).stage == Stage.SYSTEMATISATION


def test_the_whole_lifecycle_in_order(alice, method_a, garden_b):
    for stage in (Stage.SYSTEMATISATION, Stage.DEVELOPMENT, Stage.PILOT):
        move(alice, method_a, stage)
    EvaluatedPilotFactory(method=method_a, garden=garden_b)
    for stage in (Stage.REFINEMENT, Stage.IMPLEMENTATION, Stage.SHARED):
        move(alice, method_a, stage)

    assert list(method_a.moves.values_list("to_stage", flat=True)) == [
        "systematisation",
        "development",
        "pilot",
        "refinement",
        "implementation",
        "shared",
    ]
