"""The public programme, the event page and the API's event list with the fragment cache on
(core/freshness.py): a repeated request is served from the cache, a committed change shows at
once, the sign-up form keeps each visitor's own CSRF token, and a draft its hosts have seen
stays hidden from everyone else."""

import pytest
from django.test import Client
from django.urls import reverse

from kollegium.api.tests.conftest import Api
from kollegium.core.tests.pages import TOKEN
from kollegium.core.tests.pages import main_content as _main
from kollegium.core.tests.pages import page_html as _html
from kollegium.programme.models import EventStatus, RegistrationStatus
from kollegium.programme.tests.factories import (
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kept_pages")]

LIST = reverse("programme:list")
API = "/events"


@pytest.fixture
def client(client, settings):
    """A visitor who chose English with the language switch (the msgids are English)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- the programme ----------------------------------------------------------------------------


def test_the_programme_shows_a_committed_change_at_once(
    client, garden_a, garden_b, django_capture_on_commit_callbacks
):
    event = EventFactory(hosts=[garden_a], title="Frokost om KI", capacity=1)
    html = _html(client, LIST)
    assert "Frokost om KI" in html
    assert "Full – waitlist open" not in html

    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Frokost om kunstig intelligens"
        event.save()
        EventFactory(hosts=[garden_b], title="Eksportverksted")
    html = _html(client, LIST)
    assert "Frokost om kunstig intelligens" in html
    assert "Eksportverksted" in html

    with django_capture_on_commit_callbacks(execute=True):
        RegistrationFactory(event=event)
    assert "Full – waitlist open" in _html(client, LIST)


def test_a_repeated_visit_to_the_programme_is_served_from_the_cache(
    client, garden_a, django_assert_max_num_queries
):
    EventFactory(hosts=[garden_a], title="Frokost om KI")
    _html(client, LIST)  # the first request creates the network settings
    first = _html(client, LIST, data={"format": "breakfast"})

    # Table versions, network settings (the page chrome).
    with django_assert_max_num_queries(2):
        again = _html(client, LIST, data={"format": "breakfast"})
    assert "Frokost om KI" in again and _main(again) == _main(first)


def test_the_filters_and_htmx_have_keys_of_their_own(client, garden_a):
    EventFactory(hosts=[garden_a], title="Frokost om KI")
    EventFactory(hosts=[garden_a], title="Forum om eksport", format="forum")
    assert "Frokost om KI" in _html(client, LIST)

    forum = _html(client, LIST, data={"format": "forum"})
    assert "Forum om eksport" in forum and "Frokost om KI" not in forum

    partial = _html(client, LIST, headers={"HX-Request": "true"})
    assert "<h1" not in partial and "Frokost om KI" in partial
    assert "<h1" in _html(client, LIST)


def test_the_programme_keeps_the_visitors_own_links_outside_the_cache(client, signed_in, alice):
    manage = reverse("programme:manage")
    assert manage not in _html(client, LIST)
    assert manage in _html(signed_in(alice), LIST)
    assert manage not in _html(Client(), LIST)


# --- the event page ---------------------------------------------------------------------------


def test_the_event_page_shows_a_committed_change_at_once(
    client, garden_a, area, django_capture_on_commit_callbacks
):
    event = EventFactory(hosts=[garden_a], title="Frokost om KI", capacity=1)
    url = event.get_absolute_url()
    html = _html(client, url)
    assert "Frokost om KI" in html
    assert "Sign me up" in html

    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Frokost om kunstig intelligens"
        event.description = "**Ny tekst**"
        event.save()
        event.areas.add(area)
    html = _html(client, url)
    assert "<title>Frokost om kunstig intelligens" in html
    assert '"name": "Frokost om kunstig intelligens"' in html  # the JSON-LD in the head
    assert "<strong>Ny tekst</strong>" in html
    assert area.name in html

    # A full event: the box and the form's button both say so.
    with django_capture_on_commit_callbacks(execute=True):
        RegistrationFactory(event=event)
    html = _html(client, url)
    assert "All places are taken" in html
    assert "Join the waitlist</button>" in html


def test_the_sign_up_form_follows_its_questions(
    client, garden_a, django_capture_on_commit_callbacks
):
    event = EventFactory(hosts=[garden_a])
    url = event.get_absolute_url()
    assert "Allergier" not in _html(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        QuestionFactory(event=event, label="Allergier")
    assert "Allergier" in _html(client, url)


def test_a_closed_sign_up_has_no_form(client, garden_a, django_capture_on_commit_callbacks):
    event = EventFactory(hosts=[garden_a])
    url = event.get_absolute_url()
    form = f'action="{reverse("programme:signup", args=[event.ref])}"'
    assert form in _html(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        event.status = EventStatus.CANCELLED
        event.save()
    html = _html(client, url)
    assert "This event has been cancelled." in html
    assert form not in html
    assert 'data-testid="signup-closed"' in html


def test_a_repeated_visit_to_the_event_page_is_served_from_the_cache(
    client, garden_a, django_assert_max_num_queries
):
    event = EventFactory(hosts=[garden_a], capacity=10, description="**Viktig**")
    QuestionFactory(event=event, label="Allergier")
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    url = event.get_absolute_url()
    _html(client, url)  # the first request creates the network settings
    first = _html(client, url)

    # The event (who may see it), the versions of the page and of the form's fields, the
    # network settings (the page chrome).
    with django_assert_max_num_queries(4):
        again = _html(client, url)
    assert "<strong>Viktig</strong>" in again and "Allergier" in again
    assert _main(again) == _main(first)


def test_each_visitor_gets_a_form_with_their_own_csrf_token(client, garden_a):
    event = EventFactory(hosts=[garden_a])
    url = event.get_absolute_url()
    _html(client, url)  # now cached

    other = Client(enforce_csrf_checks=True)
    token = TOKEN.search(_html(other, url))[1]
    signup = reverse("programme:signup", args=[event.ref])

    # Their token is theirs: the sign-up answers (here: with the form's errors), no 403.
    assert other.post(signup, {"csrfmiddlewaretoken": token}).status_code == 200
    stranger = Client(enforce_csrf_checks=True)
    assert stranger.post(signup, {"csrfmiddlewaretoken": token}).status_code == 403


def test_a_draft_seen_by_its_hosts_stays_hidden_from_others(signed_in, charlie, alice, garden_b):
    event = EventFactory(hosts=[garden_b], status=EventStatus.DRAFT, title="Hemmelig utkast")
    url = event.get_absolute_url()
    publish = reverse("programme:event_publish", args=[event.ref])

    html = _html(signed_in(charlie), url)  # cached with a host looking
    assert "Hemmelig utkast" in html and publish in html

    assert Client().get(url).status_code == 404
    other_garden = Client()
    other_garden.force_login(alice.user)
    assert other_garden.get(url).status_code == 404


def test_the_hosts_actions_stay_outside_the_cache(signed_in, charlie, garden_b):
    event = EventFactory(hosts=[garden_b])
    url = event.get_absolute_url()
    edit = reverse("programme:event_edit", args=[event.ref])
    many = reverse("programme:signup_many", args=[event.ref])

    html = _html(signed_in(charlie), url)  # cached with the host looking
    assert edit in html and many in html

    html = _html(Client(), url)
    assert edit not in html and many not in html
    assert "For the hosts" not in html


# --- the API ----------------------------------------------------------------------------------


def test_the_event_list_shows_a_committed_change_at_once(
    client, garden_a, django_capture_on_commit_callbacks
):
    api = Api(client)
    event = EventFactory(hosts=[garden_a], title="Frokost om KI", capacity=1)
    assert [e["title"] for e in api.get(API).json()["items"]] == ["Frokost om KI"]

    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Frokost om kunstig intelligens"
        event.save()
        RegistrationFactory(event=event)
    (item,) = api.get(API).json()["items"]
    assert item["title"] == "Frokost om kunstig intelligens"
    assert item["places_taken"] == 1


def test_a_repeated_event_list_is_served_from_the_cache(
    client, garden_a, alice, django_assert_max_num_queries
):
    api = Api(client)
    EventFactory(hosts=[garden_a], title="Frokost om KI")
    first = api.get(API, who=alice).content

    # The table versions only: the list is public, the same answer for every caller.
    with django_assert_max_num_queries(1):
        again = api.get(API).content
    assert again == first


def test_the_event_list_leaves_out_drafts_for_every_caller(client, garden_a, alice):
    api = Api(client)
    EventFactory(hosts=[garden_a], title="Publisert")
    EventFactory(hosts=[garden_a], title="Utkast", status=EventStatus.DRAFT)

    for who in (alice, None, alice):
        assert [e["title"] for e in api.get(API, who=who).json()["items"]] == ["Publisert"]


def test_a_bad_period_is_refused_on_a_cache_hit_too(client, garden_a):
    api = Api(client)
    EventFactory(hosts=[garden_a])
    assert api.get(API).status_code == 200

    for _ in range(2):
        assert api.get(f"{API}?period=someday").status_code in (400, 422)


# --- the month calendar and the printed semester ------------------------------------------------


def test_the_calendar_and_the_printed_semester_show_a_change_at_once(client, garden_b):
    from kollegium.programme.selectors.events import Semester
    from kollegium.programme.tests.test_events_public_pages import _oslo

    event = EventFactory(
        hosts=[garden_b],
        title="Eksportfrokost",
        starts_at=_oslo(2099, 10, 7, 8),
        ends_at=_oslo(2099, 10, 7, 9),
    )
    calendar = reverse("programme:calendar_month", args=[2099, 10])
    printed = reverse("programme:print", args=[Semester.of(event.starts_at).slug])
    assert "Eksportfrokost" in _html(client, calendar)
    assert "Eksportfrokost" in _html(client, printed)
    # The calendar's feed link is part of what is kept.
    assert reverse("ical:network") in _html(client, calendar)

    event.title = "Eksportlunsj"
    event.save()

    assert "Eksportlunsj" in _html(client, calendar)
    assert "Eksportlunsj" in _html(client, printed)
