"""Pilots in several gardens, their evaluation, and gardens adopting a method."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kollegium.core.models import AuditEntry
from kollegium.methods import selectors
from kollegium.methods.models import Adoption, Pilot
from kollegium.methods.services import adoption_record, adoption_remove, pilot_save
from kollegium.methods.tests.factories import EvaluatedPilotFactory
from kollegium.programme.tests.factories import EventFactory

JAN = datetime.date(2025, 1, 6)


def test_staff_of_another_garden_pilot_a_network_method(charlie, method_a):
    pilot = pilot_save(
        actor=charlie.user, method=method_a, starts_on=JAN, participants=12, context="Frokost"
    )

    assert (pilot.garden, pilot.recorded_by, pilot.participants) == (
        charlie.garden,
        charlie,
        12,
    )
    assert not pilot.is_completed
    assert AuditEntry.objects.get(action="pilot.created").data["garden"] == "roros"


def test_a_private_method_of_another_garden_cannot_be_piloted(alice, private_b):
    with pytest.raises(PermissionDenied):
        pilot_save(actor=alice.user, method=private_b, starts_on=JAN)
    assert not Pilot.objects.exists()


def test_a_rating_and_a_recommendation_complete_the_evaluation(charlie, method_a):
    pilot = pilot_save(actor=charlie.user, method=method_a, starts_on=JAN)

    pilot = pilot_save(
        actor=charlie.user,
        method=method_a,
        pilot=pilot,
        rating=4,
        worked="God stemning",
        to_change="Kortere innledning",
        recommendation="adopt",
    )

    stored = Pilot.objects.get(pk=pilot.pk)
    assert stored.is_completed and stored.evaluated_on is not None
    assert (stored.rating, stored.recommendation, stored.to_change) == (
        4,
        "adopt",
        "Kortere innledning",
    )
    assert AuditEntry.objects.filter(action="pilot.evaluated").count() == 1


def test_a_rating_alone_does_not_complete_the_evaluation(charlie, method_a):
    pilot = pilot_save(actor=charlie.user, method=method_a, starts_on=JAN, rating=3)

    assert Pilot.objects.get(pk=pilot.pk).evaluated_on is None


def test_an_evaluation_date_without_a_recommendation_is_refused(charlie, method_a):
    with pytest.raises(ValidationError):
        pilot_save(actor=charlie.user, method=method_a, starts_on=JAN, rating=3, evaluated_on=JAN)


def test_it_refuses_a_rating_outside_1_to_5(charlie, method_a):
    with pytest.raises(ValidationError) as exc_info:
        pilot_save(
            actor=charlie.user, method=method_a, starts_on=JAN, rating=6, recommendation="drop"
        )
    assert "rating" in exc_info.value.message_dict


def test_it_refuses_an_end_before_the_start(charlie, method_a):
    with pytest.raises(ValidationError):
        pilot_save(
            actor=charlie.user,
            method=method_a,
            starts_on=JAN,
            ends_on=JAN - datetime.timedelta(days=1),
        )


def test_a_garden_runs_one_pilot_per_start_date(charlie, method_a):
    pilot_save(actor=charlie.user, method=method_a, starts_on=JAN)

    with pytest.raises(ValidationError) as exc_info:
        pilot_save(actor=charlie.user, method=method_a, starts_on=JAN)

    assert "starts_on" in exc_info.value.message_dict


def test_only_the_piloting_garden_and_the_coordinator_change_a_pilot(
    alice, cora, method_a, garden_b
):
    pilot = EvaluatedPilotFactory(method=method_a, garden=garden_b)

    with pytest.raises(PermissionDenied):
        pilot_save(actor=alice.user, method=method_a, pilot=pilot, rating=1)
    pilot_save(actor=cora.user, method=method_a, pilot=pilot, rating=2)

    assert Pilot.objects.get(pk=pilot.pk).rating == 2


def test_the_evidence_sums_up_the_pilots(method_a, garden_a, garden_b):
    EvaluatedPilotFactory(method=method_a, garden=garden_a, rating=5, recommendation="adopt")
    EvaluatedPilotFactory(method=method_a, garden=garden_b, rating=2, recommendation="revise")
    EvaluatedPilotFactory(
        method=method_a,
        garden=garden_b,
        starts_on=JAN,
        rating=None,
        recommendation="",
        evaluated_on=None,
    )

    evidence = selectors.evidence(method_a)

    assert evidence.completed == 2
    assert evidence.average_rating == 3.5
    assert evidence.recommendations == {"Adopt": 1, "Revise": 1, "Drop": 0}
    assert evidence.gardens == [garden_a, garden_b]


def test_a_garden_marks_and_withdraws_its_adoption(charlie, method_a):
    adoption = adoption_record(
        actor=charlie.user, method=method_a, adopted_on=JAN, note="Brukes i alle førstemøter"
    )

    assert Adoption.objects.get(method=method_a).garden == charlie.garden
    again = adoption_record(actor=charlie.user, method=method_a, adopted_on=JAN, note="Endret")
    assert again.pk == adoption.pk and Adoption.objects.get().note == "Endret"

    adoption_remove(actor=charlie.user, adoption=again)

    assert not Adoption.objects.exists()
    assert list(
        AuditEntry.objects.filter(action__startswith="adoption.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["adoption.recorded", "adoption.updated", "adoption.removed"]


def test_another_garden_cannot_withdraw_an_adoption(alice, method_a, garden_b):
    adoption = Adoption.objects.create(method=method_a, garden=garden_b, adopted_on=JAN)

    with pytest.raises(PermissionDenied):
        adoption_remove(actor=alice.user, adoption=adoption)
    assert Adoption.objects.exists()


def test_a_pilot_links_an_event_of_the_programme_by_its_ref(charlie, method_a):
    event = EventFactory(ref="frokost-roros-mars", title="Frokostmøte på Røros")

    with pytest.raises(ValidationError) as exc_info:
        pilot_save(actor=charlie.user, method=method_a, starts_on=JAN, event_ref="finnes-ikke")
    pilot = pilot_save(actor=charlie.user, method=method_a, starts_on=JAN, event_ref=event.ref)

    assert "event_ref" in exc_info.value.message_dict
    assert selectors.evidence(method_a).pilots[0].event == event
    assert pilot.event_ref == "frokost-roros-mars"
