"""Check-in on two phones at once (375×812): search, tap, the other phone sees the mark.

Also axe-core and "no sideways scrolling" on the event-day pages a host uses on a phone.
"""

import datetime

import pytest
from django.utils import timezone

from kollegium.programme.models import Registration
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory
from tests.browser.test_accessibility import PHONE, WIDTH_JS, assert_no_blocking_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def event(garden_a, company_a):
    starts = timezone.now() - datetime.timedelta(minutes=20)
    event = EventFactory(
        hosts=[garden_a],
        title="Frokostmøte om eksport",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    RegistrationFactory(event=event, name="Kari Nordmann", company=company_a)
    RegistrationFactory(event=event, name="Ola Østby", company_name="Østby Fisk AS")
    RegistrationFactory(event=event, name="Per Hansen-Søderstrøm Bakkeløkken")
    return event


@pytest.fixture
def phone(browser, live_server, settings):
    """A new phone-sized browser profile signed in as ``who``."""
    from django.test import Client

    contexts = []

    def open_phone(who):
        context = browser.new_context(base_url=live_server.url, viewport=PHONE)
        client = Client()
        client.force_login(who.user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [
                {"name": cookie.key, "value": cookie.value, "url": live_server.url},
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
            ]
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


def _row(page, name):
    return page.locator(".k-checkin-row", has_text=name)


def test_two_phones_check_people_in_at_once(phone, alice, bob, event):
    url = f"/programme/events/{event.ref}/check-in/"
    first, second = phone(alice), phone(bob)
    first.goto(url)
    second.goto(url)

    first.get_by_label("Search by name").fill("østby")
    _row(first, "Kari Nordmann").wait_for(state="detached")
    _row(first, "Ola Østby").get_by_role("button", name="Check in").click()
    _row(second, "Kari Nordmann").get_by_role("button", name="Check in").click()

    _row(first, "Ola Østby").get_by_text("Checked in").wait_for()
    _row(second, "Kari Nordmann").get_by_text("Checked in").wait_for()
    # The second phone still shows Ola unmarked; its list refreshes itself every 15 s.
    _row(second, "Ola Østby").get_by_text("Checked in").wait_for(timeout=20_000)
    assert second.locator("#checkin-count").inner_text() == "2 of 3 checked in"
    marked = Registration.objects.filter(event=event, attended=True)
    assert set(marked.values_list("name", flat=True)) == {"Kari Nordmann", "Ola Østby"}


def test_a_walk_in_is_added_from_the_phone(phone, alice, event):
    page = phone(alice)
    page.goto(f"/programme/events/{event.ref}/check-in/")

    page.get_by_role("link", name="Add a walk-in").click()
    page.get_by_label("Name").fill("Gunn Gjest")
    page.get_by_label("E-mail").fill("gunn@gjest.example")
    page.get_by_role("button", name="Add and check in").click()

    _row(page, "Gunn Gjest").get_by_text("Checked in").wait_for()
    assert Registration.objects.get(name="Gunn Gjest").walk_in is True


@pytest.mark.parametrize("path", ["check-in/", "check-in/walk-in/", "participants/"])
def test_the_hosts_pages_fit_a_phone_and_pass_axe(phone, alice, event, path):
    page = phone(alice)
    response = page.goto(f"/programme/events/{event.ref}/{path}")

    assert response.status == 200
    overflow = page.evaluate(WIDTH_JS)
    assert overflow["scrollWidth"] <= overflow["innerWidth"] + 1, overflow["wide"]
    assert_no_blocking_violations(page)


def test_the_feedback_form_fits_a_phone_and_passes_axe(phone, alice, event):
    came = event.registrations.first()
    came.attended = True
    came.save()
    page = phone(alice)

    page.goto(f"/programme/feedback/{came.token}/")
    page.get_by_role("button", name="Send feedback").click()
    page.locator("#id_rating_error").wait_for()

    overflow = page.evaluate(WIDTH_JS)
    assert overflow["scrollWidth"] <= overflow["innerWidth"] + 1, overflow["wide"]
    assert_no_blocking_violations(page)
