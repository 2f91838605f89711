"""The participant's own link: see the registration, change it, cancel it, accept an offered
place, delete the personal data; a wrong or retired link gets a clear page."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kollegium.companies.tests.factories import CompanyFactory
from kollegium.core.models import AuditEntry
from kollegium.programme.models import Question, Registration, WaitlistMode
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def event(garden_b):
    return EventFactory(hosts=[garden_b], capacity=1, title="Frokostmøte om eksport")


@pytest.fixture
def registration(event):
    return RegistrationFactory(
        event=event, name="Kari Nordmann", email="kari@bedrift.example", phone="+4791234567"
    )


def url(name, registration):
    return reverse(f"programme:{name}", args=[registration.token])


def test_it_shows_the_registration_and_its_answers(english, registration):
    question = Question.objects.create(event=registration.event, label="Allergies?")
    Registration.objects.filter(pk=registration.pk).update(answers={str(question.pk): "Nuts"})

    response = english.get(registration.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Frokostmøte om eksport" in html
    assert "You have a place." in html
    assert "+47 912 34 567" in html
    assert "Allergies?" in html and "Nuts" in html


def test_it_shows_the_place_in_line(english, event, registration):
    waiting = RegistrationFactory(event=event, status="waitlisted")

    html = english.get(waiting.get_absolute_url()).content.decode()

    assert "You are number 1 in line." in html
    assert "Leave the waitlist" in html


def test_the_participant_changes_their_details(english, registration, company_a):
    data = {
        "name": "Kari Hansen",
        "email": "kari@bedrift.example",
        "phone": "",
        "company": company_a.org_number,
    }

    response = english.post(registration.get_absolute_url(), data)

    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.phone, registration.company) == (
        "Kari Hansen",
        "",
        company_a,
    )
    assert AuditEntry.objects.filter(action="registration.updated").exists()


def test_an_unchanged_company_stays_linked(english, registration, company_a):
    CompanyFactory(name=company_a.name)  # a namesake in the register
    Registration.objects.filter(pk=registration.pk).update(
        company=company_a, company_name=company_a.name
    )
    data = {"name": "Kari", "email": registration.email, "company": company_a.name}

    english.post(registration.get_absolute_url(), data)

    registration.refresh_from_db()
    assert (registration.name, registration.company) == ("Kari", company_a)


def test_a_bad_change_gets_field_messages(english, registration):
    data = {"name": "", "email": "kari@", "phone": "12", "company": ""}

    response = english.post(registration.get_absolute_url(), data)

    html = response.content.decode()
    assert response.status_code == 200
    for field in ("name", "email", "phone"):
        assert f'id="id_{field}_error"' in html
    registration.refresh_from_db()
    assert registration.name == "Kari Nordmann"


def test_cancelling_asks_first_then_frees_the_place(
    english, event, registration, django_capture_on_commit_callbacks
):
    waiting = RegistrationFactory(event=event, status="waitlisted", language="en")

    confirm = english.get(url("registration_cancel", registration))
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(url("registration_cancel", registration))

    assert "Cancel your registration?" in confirm.content.decode()
    assert response.status_code == 302
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert (registration.status, waiting.status) == ("cancelled", "confirmed")
    assert any(m.subject.startswith("You got a place") for m in mail.outbox)
    page = english.get(registration.get_absolute_url()).content.decode()
    assert "This registration is cancelled." in page


def test_an_offered_place_is_accepted_through_the_link(english, garden_b):
    event = EventFactory(hosts=[garden_b], capacity=1, waitlist_mode=WaitlistMode.OFFER)
    offered = RegistrationFactory(
        event=event,
        status="offered",
        offer_expires_at=timezone.now() + datetime.timedelta(hours=5),
    )

    page = english.get(offered.get_absolute_url()).content.decode()
    response = english.post(url("registration_accept", offered))

    assert "Accept the place" in page
    assert response.status_code == 302
    offered.refresh_from_db()
    assert offered.status == "confirmed"


def test_an_offer_accepted_too_late_says_so(english, garden_b):
    event = EventFactory(hosts=[garden_b], capacity=1, waitlist_mode=WaitlistMode.OFFER)
    offered = RegistrationFactory(
        event=event,
        status="offered",
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )

    response = english.post(url("registration_accept", offered), follow=True)

    assert "The time to accept this place has run out." in response.content.decode()
    offered.refresh_from_db()
    assert offered.status == "cancelled"


def test_the_participant_deletes_their_personal_data(english, registration):
    token = registration.token

    confirm = english.get(url("registration_erase", registration))
    response = english.post(url("registration_erase", registration))

    assert "Delete your personal data?" in confirm.content.decode()
    assert "Your personal data has been deleted" in response.content.decode()
    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.phone) == ("", "", "")
    assert registration.status == "cancelled"
    # The old link leads nowhere now.
    gone = english.get(reverse("programme:registration", args=[token]))
    assert gone.status_code == 404


@pytest.mark.parametrize("token", ["not-a-token", "x" * 80, "A" * 32])
def test_a_wrong_link_gets_a_clear_page(english, db, token):
    for name in ("registration", "registration_cancel", "registration_erase"):
        response = english.get(reverse(f"programme:{name}", args=[token]))

        assert response.status_code == 404
        assert "We cannot find this registration" in response.content.decode()


def test_a_tampered_link_finds_nothing(english, registration):
    tampered = registration.token[:-1] + ("A" if registration.token[-1] != "A" else "B")

    response = english.post(reverse("programme:registration_cancel", args=[tampered]))

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_an_event_that_is_over_cannot_be_changed_any_more(english, garden_b):
    starts = timezone.now() - datetime.timedelta(days=2)
    event = EventFactory(hosts=[garden_b], starts_at=starts, ends_at=starts)
    registration = RegistrationFactory(event=event, name="Kari")

    page = english.get(registration.get_absolute_url()).content.decode()
    response = english.post(
        registration.get_absolute_url(), {"name": "Other", "email": "o@x.example"}
    )

    assert "Change your details" not in page
    assert "Delete my personal data" in page
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.name == "Kari"
