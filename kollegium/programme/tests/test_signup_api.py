"""``POST /api/v1/events/{ref}/registrations``: the public sign-up with the form's rules."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kollegium.programme.models import EventStatus, Question, Registration
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory

BODY = {"name": "Kari Nordmann", "email": "kari@bedrift.example", "consent": True}


@pytest.fixture
def event(garden_b):
    return EventFactory(hosts=[garden_b], capacity=1)


def post(client, event, body, **kwargs):
    return client.post(
        f"/api/v1/events/{event.ref}/registrations",
        body,
        content_type="application/json",
        **kwargs,
    )


def test_it_answers_201_with_the_status(client, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, event, {**BODY, "phone": "91234567"})

    assert response.status_code == 201
    registration = Registration.objects.get(event=event)
    assert response.json() == {
        "event": event.ref,
        "status": "confirmed",
        "waitlist_position": None,
        "created": True,
        "link": "http://127.0.0.1:8000" + registration.get_absolute_url(),
    }
    assert registration.phone == "+4791234567"
    assert [m.to for m in mail.outbox] == [["kari@bedrift.example"]]


def test_it_gives_the_place_in_line(client, event):
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="waitlisted")

    response = post(client, event, BODY)

    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted"
    assert response.json()["waitlist_position"] == 2


def test_signing_up_again_answers_200_without_the_link(client, event):
    RegistrationFactory(event=event, email="kari@bedrift.example")

    response = post(client, event, {**BODY, "email": "Kari@Bedrift.example"})

    assert response.status_code == 200
    assert response.json()["created"] is False
    assert response.json()["link"] is None
    assert Registration.objects.count() == 1


def test_it_links_a_company_of_the_register(client, event, company_a):
    post(client, event, {**BODY, "company": company_a.org_number})

    assert Registration.objects.get().company == company_a


def test_bad_input_names_the_fields(client, event):
    question = Question.objects.create(event=event, label="Allergier?", required=True)

    response = post(client, event, {**BODY, "email": "kari@", "phone": "12", "consent": False})

    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"email", "phone", "consent", f"answers.{question.pk}"}
    assert not Registration.objects.exists()


def test_unknown_keys_and_missing_fields_are_refused(client, event):
    response = post(client, event, {"name": "Kari", "email": "k@x.example", "extra": 1})

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"consent", "extra"}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"status": EventStatus.CANCELLED}, "cancelled"),
        ({"registration_closes": timezone.now() - datetime.timedelta(hours=1)}, "closed"),
        ({"capacity": 0, "has_waitlist": False}, "full"),
    ],
)
def test_a_closed_event_answers_409_saying_why(client, garden_b, changes, code):
    event = EventFactory(hosts=[garden_b], **changes)

    response = post(client, event, BODY)

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]


def test_an_unknown_or_draft_event_answers_404(client, garden_b):
    draft = EventFactory(hosts=[garden_b], status=EventStatus.DRAFT)

    assert post(client, draft, BODY).status_code == 404
    response = client.post(
        "/api/v1/events/nothing-here/registrations", BODY, content_type="application/json"
    )
    assert response.json()["error"]["code"] == "not_found"


def test_too_many_sign_ups_answer_429(client, event, settings):
    settings.SIGNUP_RATE_LIMIT = (1, 60)
    event.capacity = None
    event.save()
    post(client, event, BODY)

    response = post(client, event, {**BODY, "email": "other@x.example"})

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    assert Registration.objects.count() == 1


def test_it_needs_no_token_and_no_csrf_token(event, alice):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice.user)

    assert post(browser, event, BODY).status_code == 201
