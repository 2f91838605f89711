"""The referral flow: ask, answer, talk, complete; notifications and the need's status."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kollegium.companies.models import NeedStatus
from kollegium.core.models import AuditEntry
from kollegium.notifications.models import Activity, Notification
from kollegium.referrals import services
from kollegium.referrals.models import Message, Referral, Status


def _ask(alice, need_a, *people):
    return services.referral_create(
        actor=alice.user, need=need_a, to_people=list(people), message="Kan du hjelpe?"
    )


def test_it_asks_colleagues_in_other_gardens_and_notifies_them(
    alice, bob, charlie, need_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referrals = _ask(alice, need_a, charlie, bob)

    rows = Referral.objects.order_by("to_person__user__email")
    assert [(r.to_person, r.to_garden, r.from_garden, r.status) for r in rows] == [
        (bob, bob.garden, alice.garden, Status.PENDING),
        (charlie, charlie.garden, alice.garden, Status.PENDING),
    ]
    assert {r.pk for r in referrals} == {r.pk for r in rows}
    assert rows[1].company == need_a.company and rows[1].is_cross_garden
    assert Notification.objects.filter(recipient=charlie, kind="referral").count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["bob@orkdal.example", "charlie@roros.example"]
    assert "Alice Aune" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="referral.created").count() == 2


def test_only_staff_serving_the_company_may_ask(charlie, diana, need_a):
    with pytest.raises(PermissionDenied):
        services.referral_create(actor=charlie.user, need=need_a, to_people=[diana], message="x")
    assert not Referral.objects.exists()


def test_it_refuses_asking_yourself_twice_or_without_a_message(alice, charlie, need_a):
    with pytest.raises(ValidationError):
        _ask(alice, need_a, alice)
    with pytest.raises(ValidationError):
        services.referral_create(actor=alice.user, need=need_a, to_people=[charlie], message=" ")
    _ask(alice, need_a, charlie)
    with pytest.raises(ValidationError):
        _ask(alice, need_a, charlie)
    assert Referral.objects.count() == 1


def test_accepting_moves_an_open_need_in_progress_and_tells_the_asker(
    alice, charlie, need_a, django_capture_on_commit_callbacks
):
    [referral] = _ask(alice, need_a, charlie)

    with django_capture_on_commit_callbacks(execute=True):
        services.referral_answer(actor=charlie.user, referral=referral, accept=True)

    referral.refresh_from_db()
    need_a.refresh_from_db()
    assert referral.status == Status.ACCEPTED and referral.answered_at is not None
    assert need_a.status == NeedStatus.IN_PROGRESS
    assert Notification.objects.filter(recipient=alice).get().text.startswith("Charlie Dahl")
    shared = AuditEntry.objects.get(action="referral.data_shared")
    assert shared.object_type == "companies.company"
    assert shared.data["shared_with"] == "charlie@roros.example"
    assert shared.data["need"] == need_a.pk


def test_declining_needs_a_reason_and_only_the_asked_answers(alice, charlie, diana, need_a):
    [referral] = _ask(alice, need_a, charlie)

    with pytest.raises(ValidationError):
        services.referral_answer(actor=charlie.user, referral=referral, accept=False)
    with pytest.raises(PermissionDenied):
        services.referral_answer(actor=diana.user, referral=referral, accept=True)
    services.referral_answer(
        actor=charlie.user, referral=referral, accept=False, reason="Har ikke tid nå"
    )

    referral.refresh_from_db()
    need_a.refresh_from_db()
    assert (referral.status, referral.decline_reason) == (Status.DECLINED, "Har ikke tid nå")
    assert need_a.status == NeedStatus.OPEN
    with pytest.raises(ValidationError):
        services.referral_answer(actor=charlie.user, referral=referral, accept=True)


def test_the_two_people_talk_in_a_thread(alice, charlie, diana, need_a):
    [referral] = _ask(alice, need_a, charlie)

    services.message_add(actor=charlie.user, referral=referral, text="Når passer det?")
    services.message_add(actor=alice.user, referral=referral, text="Tirsdag")
    with pytest.raises(PermissionDenied):
        services.message_add(actor=diana.user, referral=referral, text="Jeg også")

    assert list(Message.objects.values_list("author_name", "text")) == [
        ("Charlie Dahl", "Når passer det?"),
        ("Alice Aune", "Tirsdag"),
    ]
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert Notification.objects.filter(recipient=charlie).count() == 2  # asked, then the reply


def test_completing_records_the_outcome_moves_the_need_and_feeds_the_network(
    alice, charlie, need_a
):
    [referral] = _ask(alice, need_a, charlie)
    services.referral_answer(actor=charlie.user, referral=referral, accept=True)

    services.referral_complete(
        actor=charlie.user,
        referral=referral,
        helped=True,
        note="Satte dem i kontakt med Innovasjon Norge",
        hours_spent=Decimal("3.5"),
    )

    referral.refresh_from_db()
    need_a.refresh_from_db()
    assert referral.status == Status.COMPLETED and referral.completed_at is not None
    assert (referral.helped, referral.hours_spent) == (True, Decimal("3.5"))
    assert need_a.status == NeedStatus.MET
    assert AuditEntry.objects.filter(action="need.updated", object_id=str(need_a.pk)).count() == 2
    activity = Activity.objects.get(kind="referral_completed")
    assert set(activity.gardens.all()) == {alice.garden, charlie.garden}
    assert not activity.all_staff


def test_a_pending_referral_cannot_be_completed(alice, charlie, need_a):
    [referral] = _ask(alice, need_a, charlie)

    with pytest.raises(ValidationError):
        services.referral_complete(actor=alice.user, referral=referral, helped=False)
    referral.refresh_from_db()
    assert referral.status == Status.PENDING


def test_an_outcome_that_did_not_help_reopens_the_need_unless_told_otherwise(
    alice, charlie, need_a
):
    [referral] = _ask(alice, need_a, charlie)
    services.referral_answer(actor=charlie.user, referral=referral, accept=True)

    services.referral_complete(
        actor=alice.user, referral=referral, helped=False, need_status="in_progress"
    )

    need_a.refresh_from_db()
    assert need_a.status == NeedStatus.IN_PROGRESS
