"""The staff's event pages: my events, create, edit, publish, copy, cancel and questions."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.core.models import AuditEntry
from kollegium.programme.models import Event, EventStatus, Question
from kollegium.programme.tests.factories import (
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    in_days,
)

pytestmark = pytest.mark.django_db
FORMAT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def english(settings):
    """Sign a person in with English chosen in the language switch (the msgids are English)."""

    def sign_in(client, who):
        client.force_login(who.user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return sign_in


def _form(garden, **changes) -> dict:
    data = {
        "title": "Workshop om eksport",
        "format": "workshop",
        "description": "Ta med **PC**.",
        "starts_at": in_days(20).strftime(FORMAT),
        "ends_at": in_days(20, hour=12).strftime(FORMAT),
        "venue": "Orkanger",
        "hosts": [garden.pk],
        "capacity": "20",
        "has_waitlist": "on",
        "waitlist_mode": "promote",
        "offer_hours": "24",
    }
    return {**data, **changes}


@pytest.fixture
def event_b(garden_b):
    return EventFactory(hosts=[garden_b], title="Frokost på Røros", capacity=10)


def test_it_creates_a_draft_from_the_form(client, english, alice, garden_a, area):
    response = english(client, alice).post(
        reverse("programme:event_create"), _form(garden_a, areas=[area.pk])
    )

    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert (event.title, event.status, event.capacity) == ("Workshop om eksport", "draft", 20)
    assert event.starts_at == in_days(20)
    assert list(event.areas.all()) == [area]
    assert AuditEntry.objects.filter(action="event.created", actor=alice.user).exists()


def test_the_form_starts_with_the_staff_members_garden_as_host(client, english, alice, garden_a):
    response = english(client, alice).get(reverse("programme:event_create"))

    assert response.status_code == 200
    assert response.context["form"]["hosts"].initial == [garden_a]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at": in_days(19).strftime(FORMAT)}, "ends_at"),
        ({"starts_at": "i morgen"}, "starts_at"),
        ({"venue": ""}, "venue"),
        ({"reserved_places": "5"}, "reserved_until"),
        ({"capacity": "-1"}, "capacity"),
        ({"title": ""}, "title"),
    ],
)
def test_it_shows_bad_input_next_to_its_field(client, english, alice, garden_a, changes, field):
    response = english(client, alice).post(
        reverse("programme:event_create"), _form(garden_a, **changes)
    )

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Event.objects.exists()


def test_it_refuses_a_host_list_without_the_staff_members_garden(client, english, alice, garden_b):
    response = english(client, alice).post(reverse("programme:event_create"), _form(garden_b))

    assert response.status_code == 400
    assert "Your own garden" in str(response.context["form"].errors["hosts"])


def test_it_edits_an_event_and_tells_those_signed_up_about_a_new_time(
    client, english, charlie, garden_b, event_b, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event_b, email="kari@example.no")
    form = _form(garden_b, title="Ny tittel")

    with django_capture_on_commit_callbacks(execute=True):
        response = english(client, charlie).post(
            reverse("programme:event_edit", args=[event_b.ref]), form
        )

    assert response.status_code == 302
    event_b.refresh_from_db()
    assert (event_b.title, event_b.starts_at) == ("Ny tittel", in_days(20))
    assert [m.to for m in mail.outbox] == [["kari@example.no"]]


def test_the_edit_form_shows_the_event_as_it_is(client, english, charlie, event_b, area):
    event_b.areas.set([area])

    form = english(client, charlie).get(reverse("programme:event_edit", args=[event_b.ref]))
    form = form.context["form"]

    assert form["title"].initial == "Frokost på Røros"
    assert form["areas"].initial == [area]
    assert form["capacity"].initial == 10


def test_staff_of_another_garden_may_not_edit(client, english, alice, event_b):
    url = reverse("programme:event_edit", args=[event_b.ref])

    response = english(client, alice).post(url, _form(event_b.host_links.get().garden))

    assert response.status_code == 403
    assert Event.objects.get().title == "Frokost på Røros"


def test_it_publishes_a_draft(client, english, charlie, garden_b):
    draft = EventFactory(hosts=[garden_b], status=EventStatus.DRAFT)

    response = english(client, charlie).post(reverse("programme:event_publish", args=[draft.ref]))

    assert response.status_code == 302
    assert Event.objects.get().status == EventStatus.PUBLISHED


def test_it_copies_an_event_into_a_new_draft(client, english, charlie, event_b):
    QuestionFactory(event=event_b, label="Allergier?")
    start = in_days(60).strftime(FORMAT)

    response = english(client, charlie).post(
        reverse("programme:event_copy", args=[event_b.ref]), {"starts_at": start}
    )

    copy = Event.objects.exclude(pk=event_b.pk).get()
    assert response["Location"] == copy.get_absolute_url()
    assert copy.status == EventStatus.DRAFT and copy.starts_at == in_days(60)
    assert list(copy.questions.values_list("label", flat=True)) == ["Allergier?"]


def test_it_cancels_an_event_with_a_message_to_those_signed_up(
    client, english, diana, event_b, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event_b, email="kari@example.no")
    url = reverse("programme:event_cancel", args=[event_b.ref])
    assert english(client, diana).get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Innleder er syk."})

    assert response.status_code == 302
    assert Event.objects.get().status == EventStatus.CANCELLED
    (message,) = mail.outbox
    assert "Innleder er syk." in message.body


def test_the_coordinator_may_cancel_any_event(client, english, cora, event_b):
    english(client, cora).post(reverse("programme:event_cancel", args=[event_b.ref]))

    assert Event.objects.get().status == EventStatus.CANCELLED


def test_it_adds_edits_and_removes_questions(client, english, charlie, event_b):
    english(client, charlie)
    url = reverse("programme:questions", args=[event_b.ref])

    client.post(
        url, {"label": "Lunsj?", "kind": "choice", "choices": "Ja\nNei\n", "required": "on"}
    )
    question = Question.objects.get()
    assert (question.choices, question.required) == (["Ja", "Nei"], True)

    edit = reverse("programme:question_edit", args=[event_b.ref, question.pk])
    client.post(edit, {"label": "Allergier?", "kind": "text"})
    question.refresh_from_db()
    assert (question.label, question.kind, question.choices) == ("Allergier?", "text", [])

    client.post(reverse("programme:question_delete", args=[event_b.ref, question.pk]))
    assert not Question.objects.exists()


def test_a_choice_question_needs_two_choices(client, english, charlie, event_b):
    response = english(client, charlie).post(
        reverse("programme:questions", args=[event_b.ref]),
        {"label": "Valg?", "kind": "choice", "choices": "Bare én"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["choices"]


def test_a_question_of_another_event_answers_404(client, english, charlie, event_b, garden_b):
    other = QuestionFactory(event=EventFactory(hosts=[garden_b]))

    url = reverse("programme:question_edit", args=[event_b.ref, other.pk])

    assert english(client, charlie).get(url).status_code == 404


def test_my_events_lists_the_gardens_events_with_drafts(
    client, english, charlie, garden_a, garden_b
):
    EventFactory(hosts=[garden_b], title="Vårt utkast", status=EventStatus.DRAFT)
    EventFactory(hosts=[garden_a], title="Orkdals")

    response = english(client, charlie).get(reverse("programme:manage"))

    assert [e.title for e in response.context["events"]] == ["Vårt utkast"]


def test_my_events_takes_the_same_number_of_queries_for_10_and_200_events(
    client, english, cora, garden_b
):
    english(client, cora)

    def count(n):
        for _i in range(n):
            event = EventFactory(hosts=[garden_b])
            RegistrationFactory(event=event)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("programme:manage")).status_code == 200
        return len(queries)

    client.get(reverse("programme:manage"))
    assert count(10) == count(190)
