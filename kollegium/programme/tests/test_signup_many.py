"""An advisor signs up several employees of a client company at once (staff page)."""

import pytest
from django.conf import settings
from django.urls import reverse

from kollegium.core.models import AuditEntry
from kollegium.programme.models import Registration
from kollegium.programme.tests.factories import EventFactory


@pytest.fixture
def event(garden_b):
    return EventFactory(hosts=[garden_b], capacity=2)


def url(event):
    return reverse("programme:signup_many", args=[event.ref])


def form_data(company, people, extra=5):
    data = {
        "company": company.pk,
        "people-TOTAL_FORMS": str(extra),
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "100",
    }
    for n, person in enumerate(people):
        for key, value in person.items():
            data[f"people-{n}-{key}"] = value
    return data


@pytest.fixture
def english(signed_in, alice):
    client = signed_in(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_it_offers_the_companies_of_the_advisors_garden(english, event, company_a, company_b):
    html = english.get(url(event)).content.decode()

    assert company_a.name in html
    assert company_b.name not in html
    assert 'name="people-0-email"' in html


def test_it_signs_up_the_filled_rows_in_order(english, event, company_a, alice):
    people = [
        {"name": "Per Sveis", "email": "per@orkla.example"},
        {},
        {"name": "Pål Sveis", "email": "pal@orkla.example", "phone": "41234567"},
        {"name": "Espen Sveis", "email": "espen@orkla.example"},
    ]

    response = english.post(url(event), form_data(company_a, people))

    assert response.status_code == 302
    rows = list(Registration.objects.filter(event=event).order_by("pk"))
    assert [(r.email, r.status) for r in rows] == [
        ("per@orkla.example", "confirmed"),
        ("pal@orkla.example", "confirmed"),
        ("espen@orkla.example", "waitlisted"),
    ]
    assert {r.registered_by for r in rows} == {alice}
    assert AuditEntry.objects.filter(action="registration.created", actor=alice.user).count() == 3
    follow = english.get(response["Location"]).content.decode()
    assert "2 people signed up with a place. 1 is on the waitlist." in follow


def test_a_bad_row_keeps_everyone_out_and_says_which(english, event, company_a):
    people = [
        {"name": "Per Sveis", "email": "per@orkla.example"},
        {"name": "Pål Sveis", "email": "pal@orkla.example", "phone": "12"},
        {"name": "Nils", "email": "PER@orkla.example"},
    ]

    response = english.post(url(event), form_data(company_a, people))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_people-1-phone_error"' in html
    assert 'id="id_people-2-email_error"' in html
    assert "This address is listed twice." in html
    assert not Registration.objects.exists()


def test_a_company_the_garden_does_not_serve_cannot_be_chosen(english, event, company_b):
    people = [{"name": "Ola", "email": "ola@roros.example"}]

    response = english.post(url(event), form_data(company_b, people))

    assert response.status_code == 200
    assert 'id="id_company_error"' in response.content.decode()
    assert not Registration.objects.exists()


def test_the_event_page_links_staff_to_it(english, event):
    html = english.get(event.get_absolute_url()).content.decode()

    assert url(event) in html


def test_anonymous_visitors_are_sent_to_sign_in(client, event):
    page = client.get(event.get_absolute_url()).content.decode()
    response = client.get(url(event))

    assert url(event) not in page

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
