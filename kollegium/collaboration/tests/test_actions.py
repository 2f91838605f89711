import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from kollegium.collaboration import services
from kollegium.collaboration.models import ActionItem, ActionStatus
from kollegium.collaboration.tests.factories import ActionItemFactory
from kollegium.notifications.models import Notification


@pytest.fixture
def december_5th(monkeypatch):
    """Today is 5 December 2026 for the due dates (they are local dates)."""
    monkeypatch.setattr(
        "kollegium.collaboration.selectors.today", lambda: datetime.date(2026, 12, 5)
    )


def test_it_notifies_the_owner_of_a_new_action(signed_in, charlie, diana, session_b):
    client = signed_in(charlie)

    response = client.post(
        reverse("collaboration:session_action_add", args=[session_b.pk]),
        {"what": "Lage semesterplan", "owner": diana.pk, "due_on": "2027-01-15"},
    )

    assert response.status_code == 302
    action = ActionItem.objects.get(what="Lage semesterplan")
    assert action.owner == diana
    assert action.project == session_b.project
    assert action.due_on == datetime.date(2027, 1, 15)
    note = Notification.objects.get(recipient=diana, kind="action")
    assert "Lage semesterplan" in note.text


def test_it_notifies_a_new_owner_when_an_action_is_passed_on(charlie, diana, session_b):
    action = services.action_create(
        actor=charlie.user, session=session_b, what="Ringe", owner=charlie
    )

    services.action_update(actor=charlie.user, action=action, owner=diana)

    assert Notification.objects.filter(recipient=diana, kind="action").count() == 1


def test_it_lets_the_owner_mark_their_action_done(signed_in, alice, session_b):
    action = ActionItemFactory(session=session_b, project=session_b.project, owner=alice)
    client = signed_in(alice)

    response = client.post(reverse("collaboration:action_done", args=[action.pk]), {"next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.done_at is not None


def test_it_refuses_others_to_change_an_action(bob, charlie, session_b):
    action = ActionItemFactory(session=session_b, project=session_b.project, owner=charlie)

    with pytest.raises(PermissionDenied):
        services.action_update(actor=bob.user, action=action, status=ActionStatus.CANCELLED)
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_it_reopening_clears_the_done_date(charlie, session_b):
    action = ActionItemFactory(session=session_b, project=session_b.project, owner=charlie)
    services.action_update(actor=charlie.user, action=action, status=ActionStatus.DONE)

    services.action_update(actor=charlie.user, action=action, status=ActionStatus.OPEN)

    action.refresh_from_db()
    assert action.done_at is None


def test_it_reminds_an_overdue_action_once(
    december_5th, charlie, diana, session_b, django_capture_on_commit_callbacks
):
    overdue = ActionItemFactory(
        session=session_b, owner=diana, what="Sende referat", due_on=datetime.date(2026, 12, 1)
    )
    ActionItemFactory(session=session_b, owner=diana, due_on=datetime.date(2026, 12, 24))
    ActionItemFactory(
        session=session_b,
        owner=diana,
        due_on=datetime.date(2026, 11, 1),
        status=ActionStatus.DONE,
        done_at=datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC),
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("collaboration_tick")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("collaboration_tick")

    assert [m.to for m in mail.outbox] == [[diana.email]]
    assert "Sende referat" in mail.outbox[0].subject
    overdue.refresh_from_db()
    assert overdue.reminded_at is not None


def test_it_reminds_again_after_a_new_due_date_passes(
    december_5th, charlie, diana, session_b, django_capture_on_commit_callbacks
):
    action = ActionItemFactory(
        session=session_b,
        project=session_b.project,
        owner=diana,
        due_on=datetime.date(2026, 11, 1),
        reminded_at=datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC),
    )

    services.action_update(actor=diana.user, action=action, due_on=datetime.date(2026, 12, 2))
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.remind_overdue_actions()

    assert sent == 1


def test_it_lists_my_open_actions_on_the_home_page(signed_in, alice, session_b):
    ActionItemFactory(
        session=session_b, owner=alice, what="Min oppgave", due_on=datetime.date(2020, 1, 1)
    )
    ActionItemFactory(
        session=session_b,
        owner=alice,
        what="Ferdig oppgave",
        status=ActionStatus.DONE,
        done_at=datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC),
    )
    ActionItemFactory(session=session_b, what="Andres oppgave")
    client = signed_in(alice)

    page = client.get(reverse("home")).content.decode()

    assert "Min oppgave" in page
    assert "overdue" in page
    assert "Ferdig oppgave" not in page
    assert "Andres oppgave" not in page


def test_it_lets_the_owner_give_their_action_a_new_due_date(signed_in, alice, session_b):
    action = ActionItemFactory(session=session_b, project=session_b.project, owner=alice)
    client = signed_in(alice)

    response = client.post(
        reverse("collaboration:action_edit", args=[action.pk]) + "?next=/home/",
        {"what": action.what, "owner": alice.pk, "due_on": "2027-03-01", "status": "open"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/home/"
    action.refresh_from_db()
    assert action.due_on == datetime.date(2027, 3, 1)
