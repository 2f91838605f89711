"""The event day's API: registrations for the hosts (with check-in), feedback and reach."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kollegium.api.tests.conftest import Api
from kollegium.api.tests.helpers import error_of
from kollegium.core.models import AuditEntry
from kollegium.programme.models import EventStatus, Feedback, RegistrationStatus
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def event(garden_a):
    starts = timezone.now() - datetime.timedelta(minutes=15)
    return EventFactory(hosts=[garden_a], ref="frokost", starts_at=starts, ends_at=starts)


def test_it_lists_the_registrations_of_the_hosts_events(api, alice, event, garden_b, company_b):
    kari = RegistrationFactory(event=event, name="Kari", company=company_b)
    first = RegistrationFactory(
        event=event, status=RegistrationStatus.WAITLISTED, queued_at=timezone.now()
    )
    RegistrationFactory(event=EventFactory(hosts=[garden_b]), name="Annen hage")

    body = api.get("/registrations", who=alice).json()

    assert body["count"] == 2
    by_id = {item["id"]: item for item in body["items"]}
    assert by_id[kari.pk]["event"] == "frokost"
    assert by_id[kari.pk]["company"] == {"org_number": company_b.org_number, "name": "Røros Mat AS"}
    assert by_id[kari.pk]["gardens"] == [garden_b.slug]
    assert by_id[kari.pk]["waitlist_position"] is None
    assert by_id[first.pk]["status"] == "waitlisted"
    assert by_id[first.pk]["waitlist_position"] == 1


def test_the_coordinator_lists_every_event(api, cora, event, garden_b):
    RegistrationFactory(event=event)
    RegistrationFactory(event=EventFactory(hosts=[garden_b]))

    assert api.get("/registrations", who=cora).json()["count"] == 2


def test_it_filters_by_event_status_and_attendance(api, alice, event, garden_a):
    RegistrationFactory(event=event, attended=True)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(event=EventFactory(hosts=[garden_a]))

    assert api.get("/registrations?event=frokost", who=alice).json()["count"] == 2
    assert api.get("/registrations?event=frokost&status=cancelled", who=alice).json()["count"] == 1
    assert api.get("/registrations?attended=true", who=alice).json()["count"] == 1


def test_it_refuses_an_event_of_another_garden(api, charlie, event):
    response = api.get("/registrations?event=frokost", who=charlie)

    assert response.status_code == 403
    error_of(response)


def test_it_lists_in_a_fixed_number_of_queries(api, alice, event, company_b):
    RegistrationFactory.create_batch(10, event=event, company=company_b)
    api.get("/registrations", who=alice)
    with CaptureQueriesContext(connection) as few:
        api.get("/registrations?limit=200", who=alice)
    RegistrationFactory.create_batch(
        190, event=event, status=RegistrationStatus.WAITLISTED, queued_at=timezone.now()
    )
    with CaptureQueriesContext(connection) as many:
        body = api.get("/registrations?limit=200", who=alice).json()

    assert len(body["items"]) == 200
    assert len(many) == len(few)


def test_it_checks_someone_in(api, alice, event):
    kari = RegistrationFactory(event=event)

    response = api.request("PUT", f"/registrations/{kari.pk}/attendance", alice, {"attended": True})

    assert response.status_code == 200
    assert response.json()["attended"] is True
    kari.refresh_from_db()
    assert kari.attended is True
    assert AuditEntry.objects.filter(action="registration.checked_in").count() == 1


def test_it_answers_422_for_someone_not_confirmed(api, alice, event):
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)

    response = api.request(
        "PUT", f"/registrations/{waiting.pk}/attendance", alice, {"attended": True}
    )

    assert error_of(response)["status"] == 422


def test_a_registration_of_another_garden_is_not_found(api, charlie, event):
    kari = RegistrationFactory(event=event)

    assert api.get(f"/registrations/{kari.pk}", who=charlie).status_code == 404
    response = api.request(
        "PUT", f"/registrations/{kari.pk}/attendance", charlie, {"attended": True}
    )
    assert response.status_code == 404


def test_it_gives_an_events_feedback_to_its_hosts(api, alice, event):
    came = RegistrationFactory(event=event, attended=True)
    Feedback.objects.create(registration=came, rating=4, useful="Bra")

    body = api.get("/events/frokost/feedback", who=alice).json()

    assert body["summary"] == {"responses": 1, "average": 4.0, "distribution": [0, 0, 0, 1, 0]}
    assert body["comments"][0]["useful"] == "Bra"
    assert "name" not in body["comments"][0]


def test_it_gives_the_feedback_summary_to_all_staff(api, charlie, event, company_b):
    came = RegistrationFactory(event=event, attended=True, company=company_b)
    Feedback.objects.create(registration=came, rating=3)

    body = api.get("/feedback/summary", who=charlie).json()

    assert body["overall"]["average"] == 3.0
    assert body["by_format"][0]["key"] == "breakfast"
    assert body["reach"] == {
        "participants": 1,
        "other_gardens": 1,
        "host_gardens": 0,
        "outside": 0,
        "attended": True,
    }


def test_the_reach_of_a_published_event_is_public(api, event, company_b):
    RegistrationFactory(event=event, company=company_b)

    assert api.get("/events/frokost/reach").json()["other_gardens"] == 1


def test_the_reach_of_a_draft_is_not_found(api, event):
    event.status = EventStatus.DRAFT
    event.save()

    assert api.get("/events/frokost/reach").status_code == 404
