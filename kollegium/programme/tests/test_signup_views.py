"""The public sign-up form on the event page: signing up, field-level errors, closed events,
the honeypot, the rate limit, the company look-up and the privacy notice."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kollegium.companies.tests.factories import CompanyFactory
from kollegium.programme.models import EventStatus, Question, QuestionKind, Registration
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory, in_days

VALID = {
    "name": "Kari Nordmann",
    "email": "kari@bedrift.example",
    "phone": "912 34 567",
    "company": "",
    "consent": "on",
}


@pytest.fixture
def event(garden_b):
    return EventFactory(hosts=[garden_b], capacity=2, title="Frokostmøte om eksport")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def signup_url(event):
    return reverse("programme:signup", args=[event.ref])


def page(client, event) -> str:
    response = client.get(reverse("programme:event", args=[event.ref]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_event_page_has_the_sign_up_form(english, event):
    Question.objects.create(
        event=event, label="Which session?", kind=QuestionKind.CHOICE, choices=["A", "B"]
    )

    html = page(english, event)

    assert 'id="signup"' in html
    assert f'action="{signup_url(event)}"' in html
    for field in ("name", "email", "phone", "company", "consent"):
        assert f'for="id_{field}"' in html
    assert "Which session?" in html
    assert reverse("programme:privacy") in html
    # The honeypot is there for bots, out of sight and out of the tab order.
    assert 'name="website"' in html
    assert 'tabindex="-1"' in html
    assert "Sign me up" in html


def test_it_signs_up_and_shows_the_registration(english, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(signup_url(event), VALID)

    registration = Registration.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == registration.get_absolute_url()
    assert (registration.name, registration.phone, registration.status) == (
        "Kari Nordmann",
        "+4791234567",
        "confirmed",
    )
    # The participant used English: the e-mails follow.
    assert registration.language == "en"
    assert mail.outbox[0].subject.startswith("You are signed up")
    follow = english.get(response["Location"])
    assert "You are signed up!" in follow.content.decode()


def test_an_htmx_sign_up_goes_to_the_registration_page(english, event):
    response = english.post(signup_url(event), VALID, headers={"HX-Request": "true"})

    registration = Registration.objects.get(event=event)
    assert response["HX-Redirect"] == registration.get_absolute_url()


def test_it_puts_each_error_next_to_its_field(english, event):
    question = Question.objects.create(event=event, label="Allergies?", required=True)
    data = {**VALID, "email": "kari@", "phone": "123", "consent": ""}

    response = english.post(signup_url(event), data, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    # htmx gets the box alone, to swap in place.
    assert "<html" not in html
    for field in ("email", "phone", "consent", f"q{question.pk}"):
        assert f'id="id_{field}_error"' in html, field
    assert "Enter a Norwegian phone number" in html
    assert not Registration.objects.exists()


def test_the_services_errors_land_on_the_form_fields(english, event):
    data = {**VALID, "phone": "+0 12"}

    response = english.post(signup_url(event), data)

    html = response.content.decode()
    assert 'id="id_phone_error"' in html
    assert "<h1" in html
    assert not Registration.objects.exists()


def test_signing_up_twice_says_so_and_sends_the_confirmation_again(
    english, event, django_capture_on_commit_callbacks
):
    RegistrationFactory(event=event, email="kari@bedrift.example")

    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(signup_url(event), {**VALID, "email": "KARI@bedrift.example"})

    assert response.status_code == 200
    assert "You are already signed up for this event" in response.content.decode()
    assert Registration.objects.filter(event=event).count() == 1
    assert [m.to for m in mail.outbox] == [["kari@bedrift.example"]]


def test_a_full_event_offers_the_waitlist(english, event):
    RegistrationFactory.create_batch(2, event=event)

    html = page(english, event)
    response = english.post(signup_url(event), VALID)

    assert "Join the waitlist" in html
    assert Registration.objects.get(email=VALID["email"]).status == "waitlisted"
    follow = english.get(response["Location"]).content.decode()
    assert "You are number 1 in line." in follow


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": EventStatus.CANCELLED}, "This event has been cancelled."),
        ({"registration_opens": in_days(3)}, "Registration opens"),
        (
            {"registration_closes": timezone.now() - datetime.timedelta(hours=1)},
            "Registration for this event has closed.",
        ),
        ({"starts_at": in_days(-3), "ends_at": in_days(-3, hour=10)}, "This event is over."),
    ],
)
def test_a_closed_event_says_why_on_the_page_and_on_a_post(english, garden_b, changes, message):
    event = EventFactory(hosts=[garden_b], **changes)

    html = page(english, event)
    response = english.post(signup_url(event), VALID)

    assert message in html
    assert 'name="email"' not in html
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_a_full_event_without_a_waitlist_says_so(english, garden_b):
    event = EventFactory(hosts=[garden_b], capacity=1, has_waitlist=False)
    RegistrationFactory(event=event)

    html = page(english, event)
    response = english.post(signup_url(event), VALID)

    assert "This event is full, and it has no waitlist." in html
    assert "This event is full, and it has no waitlist." in response.content.decode()
    assert Registration.objects.filter(event=event).count() == 1


def test_a_draft_cannot_be_signed_up_for(client, garden_b):
    event = EventFactory(hosts=[garden_b], status=EventStatus.DRAFT)

    assert client.post(signup_url(event), VALID).status_code == 404


def test_a_bot_filling_the_honeypot_gets_thanks_and_nothing_is_stored(english, event):
    response = english.post(signup_url(event), {**VALID, "website": "http://spam.example"})

    assert response.status_code == 200
    assert "Thank you!" in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_too_many_sign_ups_from_one_address_get_a_429_with_a_message(english, event, settings):
    settings.SIGNUP_RATE_LIMIT = (2, 60)
    for n in range(2):
        english.post(signup_url(event), {**VALID, "email": f"p{n}@x.example"})

    response = english.post(signup_url(event), {**VALID, "email": "p3@x.example"})

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "Too many sign-ups from your network" in response.content.decode()
    assert not Registration.objects.filter(email="p3@x.example").exists()


def test_the_limit_counts_per_client_address(client, event, settings):
    settings.SIGNUP_RATE_LIMIT = (1, 60)
    client.post(signup_url(event), VALID, REMOTE_ADDR="10.0.0.1")

    other = client.post(
        signup_url(event), {**VALID, "email": "o@x.example"}, REMOTE_ADDR="10.0.0.2"
    )

    assert other.status_code == 302


def test_the_limit_can_be_turned_off(client, event, settings):
    settings.SIGNUP_RATE_LIMIT = None
    event.capacity = None
    event.save()

    codes = {
        client.post(signup_url(event), {**VALID, "email": f"p{n}@x.example"}).status_code
        for n in range(5)
    }

    assert codes == {302}


def test_the_default_limit_lets_an_office_sign_up_its_staff():
    assert settings.SIGNUP_RATE_LIMIT == (60, 60)


def test_the_company_look_up_finds_by_name_and_org_number(client, db):
    orkla = CompanyFactory(name="Orkla Sveis AS", post_town="Orkanger")
    CompanyFactory(name="Orkla Bakeri AS")
    CompanyFactory(name="Ola Orkla", org_form="ENK")
    url = reverse("programme:signup_company_lookup")

    by_name = client.get(url, {"company": "orkla"}).content.decode()
    by_number = client.get(url, {"company": orkla.org_number}).content.decode()

    assert "Orkla Sveis AS" in by_name and "Orkla Bakeri AS" in by_name
    # A sole proprietorship bears a person's name: never found by name.
    assert "Ola Orkla" not in by_name
    assert f'value="{orkla.org_number}"' in by_number
    assert "Orkla Bakeri" not in by_number
    assert client.get(url, {"company": "o"}).content == b""


def test_the_company_look_up_runs_a_fixed_number_of_queries(client, db):
    url = reverse("programme:signup_company_lookup")
    # Once before counting: the first request of a process loads the network's settings.
    client.get(url, {"company": "fjord"})

    def queries(n):
        CompanyFactory.create_batch(n, name=f"Fjord {n}")
        with CaptureQueriesContext(connection) as captured:
            client.get(url, {"company": "fjord"})
        return len(captured)

    assert queries(10) == queries(200)


def test_a_company_picked_in_the_look_up_is_linked(client, event, company_a):
    data = {**VALID, "company": "Orkla", "company_org": company_a.org_number}

    client.post(signup_url(event), data)

    registration = Registration.objects.get()
    assert registration.company == company_a
    assert registration.company_name == company_a.name


def test_a_typed_org_number_links_the_company_and_a_typed_name_stays_as_typed(
    client, event, company_a
):
    client.post(signup_url(event), {**VALID, "company": company_a.org_number})
    client.post(signup_url(event), {**VALID, "email": "o@x.example", "company": "Ny Bedrift"})

    linked, typed = Registration.objects.order_by("pk")
    assert linked.company == company_a
    assert (typed.company, typed.company_name) == (None, "Ny Bedrift")


def test_the_privacy_notice_says_what_is_stored_and_when_it_goes(english, settings, db):
    settings.ANONYMISE_AFTER_MONTHS = 18

    html = english.get(reverse("programme:privacy")).content.decode()

    assert "anonymised 18 months after the event" in html
    assert "e-mail address" in html
