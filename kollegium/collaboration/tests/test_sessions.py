import datetime

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kollegium.collaboration import services
from kollegium.collaboration.models import Answer, Invitation, SessionStatus
from kollegium.collaboration.tests.factories import AgendaItemFactory, WorkSessionFactory
from kollegium.notifications.models import Activity, Notification


def test_it_invites_staff_of_several_gardens_and_notifies_them(
    signed_in, charlie, diana, alice, bob, session_b, garden_a
):
    client = signed_in(charlie)

    response = client.post(
        reverse("collaboration:session_invite", args=[session_b.pk]),
        {"gardens": [garden_a.pk], "people": [diana.pk]},
    )

    assert response.status_code == 302
    invited = set(session_b.invitations.values_list("person__user__email", flat=True))
    assert invited == {alice.email, bob.email, diana.email}
    notified = Notification.objects.filter(kind="session_invitation")
    assert set(notified.values_list("recipient", flat=True)) == {alice.pk, bob.pk, diana.pk}


def test_it_lets_an_invitee_answer_for_themselves(signed_in, diana, session_b):
    invitation = Invitation.objects.create(session=session_b, person=diana)
    client = signed_in(diana)

    response = client.post(
        reverse("collaboration:session_answer", args=[session_b.pk]), {"answer": "coming"}
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.answer == Answer.COMING
    assert invitation.answered_at is not None


def test_it_does_not_let_a_non_invitee_answer_for_others(signed_in, diana, alice, session_b):
    invitation = Invitation.objects.create(session=session_b, person=diana)
    client = signed_in(alice)

    response = client.post(
        reverse("collaboration:session_answer", args=[session_b.pk]),
        {"answer": "not_coming", "person": diana.pk, "invitation": invitation.pk},
    )

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.answer == Answer.PENDING
    with pytest.raises(PermissionDenied):
        services.invitation_answer(actor=alice.user, invitation=invitation, answer="coming")


def test_it_reorders_the_agenda(signed_in, charlie, session_b):
    first, second, third = (
        AgendaItemFactory(session=session_b, position=i, title=t)
        for i, t in enumerate(["A", "B", "C"])
    )
    client = signed_in(charlie)

    client.post(
        reverse("collaboration:agenda_move", args=[session_b.pk, third.pk]), {"direction": "up"}
    )

    assert list(session_b.agenda.values_list("title", flat=True)) == ["A", "C", "B"]
    services.agenda_reorder(
        actor=charlie.user, session=session_b, order=[second.pk, first.pk, third.pk]
    )
    assert list(session_b.agenda.values_list("title", flat=True)) == ["B", "A", "C"]
    with pytest.raises(ValidationError):
        services.agenda_reorder(actor=charlie.user, session=session_b, order=[first.pk])


def test_it_writes_minutes_and_decisions(signed_in, charlie, session_b):
    item = AgendaItemFactory(session=session_b, title="Felles program")
    client = signed_in(charlie)

    client.post(
        reverse("collaboration:agenda_edit", args=[session_b.pk, item.pk]),
        {"title": "Felles program", "minutes": "Vi ble enige.", "minutes_allotted": 45},
    )
    client.post(
        reverse("collaboration:decision_add", args=[session_b.pk]),
        {"text": "Ett program per semester", "agenda_item": item.pk},
    )

    item.refresh_from_db()
    assert item.minutes == "Vi ble enige."
    assert item.minutes_allotted == 45
    assert item.decisions.get().text == "Ett program per semester"


def test_it_refuses_garden_a_to_write_garden_bs_minutes(signed_in, alice, session_b):
    item = AgendaItemFactory(session=session_b)
    client = signed_in(alice)

    response = client.post(
        reverse("collaboration:agenda_edit", args=[session_b.pk, item.pk]),
        {"title": "Kapret", "minutes": "Kapret"},
    )

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.minutes == ""


def test_it_sends_the_summary_to_the_invited_once(
    signed_in, charlie, diana, alice, session_b, django_capture_on_commit_callbacks
):
    for person in (diana, alice):
        Invitation.objects.create(session=session_b, person=person)
    AgendaItemFactory(session=session_b, title="Felles program", minutes="Vi ble enige.")
    session_b.decisions.create(text="Ett program per semester")
    client = signed_in(charlie)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("collaboration:summary_send", args=[session_b.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(reverse("collaboration:summary_send", args=[session_b.pk]))

    assert first.status_code == second.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox if "Summary" in m.subject) == [
        alice.email,
        diana.email,
    ]
    body = mail.outbox[0].body
    assert "Vi ble enige." in body and "Ett program per semester" in body
    session_b.refresh_from_db()
    assert session_b.summary_sent_at is not None
    assert session_b.summary_sent_by == charlie
    assert session_b.status == SessionStatus.HELD
    assert Activity.objects.filter(kind="session_minutes", text=session_b.title).count() == 1


def test_it_sends_no_summary_before_the_session(charlie, project_b):
    future = datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC)
    session = WorkSessionFactory(
        project=project_b,
        organiser=charlie,
        starts_at=future,
        ends_at=future + datetime.timedelta(hours=2),
    )

    with pytest.raises(ValidationError):
        services.summary_send(actor=charlie.user, session=session)
    session.refresh_from_db()
    assert session.summary_sent_at is None


def test_it_gives_the_session_as_ics(signed_in, alice, session_b):
    AgendaItemFactory(session=session_b, title="Felles program", minutes_allotted=45)
    client = signed_in(alice)

    response = client.get(reverse("collaboration:session_ics", args=[session_b.pk]))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == session_b.title
    assert event["uid"] == f"work-session-{session_b.pk}@127.0.0.1"
    assert event.decoded("dtstart") == session_b.starts_at.replace(microsecond=0)
    assert "1. Felles program (45 min)" in str(event["description"])
    assert "ORGANIZER" not in response.content.decode()


def test_it_prints_agenda_and_minutes(signed_in, alice, session_b):
    AgendaItemFactory(session=session_b, title="Felles program", minutes="Vi ble enige.")
    client = signed_in(alice)

    page = client.get(reverse("collaboration:session_print", args=[session_b.pk])).content.decode()

    assert "Felles program" in page and "Vi ble enige." in page
    assert "collaboration/collaboration.css" in page


def test_it_lets_a_standalone_sessions_organiser_garden_edit_it(charlie, diana, alice):
    now = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)
    session = services.session_create(
        actor=charlie.user, title="Alene", starts_at=now, ends_at=now + datetime.timedelta(hours=1)
    )

    services.session_update(actor=diana.user, session=session, place="Røros")
    with pytest.raises(PermissionDenied):
        services.session_update(actor=alice.user, session=session, place="Orkanger")
    session.refresh_from_db()
    assert session.place == "Røros"


def test_it_refuses_to_plan_a_session_of_a_project_garden_a_is_not_in(signed_in, alice, project_b):
    client = signed_in(alice)

    response = client.post(
        reverse("collaboration:session_create"),
        {
            "project": project_b.pk,
            "title": "Kapret økt",
            "starts_at": "2027-02-04T09:00",
            "ends_at": "2027-02-04T12:00",
        },
    )

    assert response.status_code == 200
    assert "gardens plan its sessions" in response.content.decode()
    assert not project_b.sessions.exists()


def test_it_plans_a_session_in_local_time(signed_in, charlie, project_b):
    client = signed_in(charlie)

    response = client.post(
        reverse("collaboration:session_create"),
        {
            "project": project_b.pk,
            "title": "Vårens arbeidsøkt",
            "starts_at": "2027-02-04T09:00",
            "ends_at": "2027-02-04T12:00",
            "place": "Røros",
        },
    )

    session = project_b.sessions.get()
    assert response.status_code == 302
    assert session.organiser == charlie
    assert session.starts_at == datetime.datetime(2027, 2, 4, 8, tzinfo=datetime.UTC)
