"""The network's activity feed (home page) and the hooks in other apps' services."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.methods.services import comment_add
from kollegium.methods.services.stages import method_move_stage
from kollegium.methods.tests.factories import MethodFactory
from kollegium.network.tests.factories import PersonFactory
from kollegium.notifications.models import Activity, Notification
from kollegium.notifications.services import record_activity
from kollegium.programme.models import EventStatus
from kollegium.programme.services.events import event_publish
from kollegium.programme.services.registrations import registration_create
from kollegium.programme.tests.factories import EventFactory


def _feed(client, person) -> str:
    client.force_login(person.user)
    response = client.get(reverse("notifications:activity"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_event_shows_to_every_staff_member(client, alice, charlie, garden_b):
    event = EventFactory(status=EventStatus.DRAFT, hosts=[garden_b], title="Eksportfrokost")

    event_publish(actor=charlie.user, event=event)

    activity = Activity.objects.get()
    assert (activity.kind, activity.text, activity.all_staff) == (
        "event_published",
        "Eksportfrokost",
        True,
    )
    assert "Eksportfrokost" in _feed(client, alice)
    assert event.get_absolute_url() in _feed(client, alice)


def test_a_garden_only_methods_move_shows_to_its_garden_and_the_coordinator(
    client, alice, cora, charlie, diana, garden_b
):
    method = MethodFactory(owner=garden_b, visibility="garden", title="Intern sjekkliste")

    method_move_stage(actor=diana.user, method=method, to="systematisation")

    assert Activity.objects.get().params == {"stage": "systematisation"}
    assert "Intern sjekkliste" in _feed(client, charlie)
    assert "Intern sjekkliste" in _feed(client, cora)
    assert "Intern sjekkliste" not in _feed(client, alice)


def test_items_for_some_gardens_stay_with_them(client, alice, charlie, garden_a):
    record_activity(kind="session_minutes", text="Oppdal-økta", url="/x/", gardens=[garden_a])
    stranger = PersonFactory()

    assert "Oppdal-økta" in _feed(client, alice)
    assert "Oppdal-økta" not in _feed(client, charlie)
    assert "Oppdal-økta" not in _feed(client, stranger)


def test_the_sentence_is_rendered_in_the_readers_language(client, settings, alice):
    record_activity(kind="session_minutes", text="Oppdal-økta", url="/x/")
    client.force_login(alice.user)
    url = reverse("notifications:activity")

    bokmal = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url, HTTP_HX_REQUEST="true").content.decode()

    assert "Referat fra arbeidsøkten «Oppdal-økta»" in bokmal
    assert "Minutes from the work session “Oppdal-økta”" in english


def test_the_home_page_loads_the_feed(client, alice):
    client.force_login(alice.user)

    assert reverse("notifications:activity") in client.get(reverse("home")).content.decode()


def test_the_feed_keeps_its_queries_bounded(client, alice, garden_a):
    client.force_login(alice.user)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("notifications:activity"), HTTP_HX_REQUEST="true")
        return len(queries)

    def add(n):
        for i in range(n):
            record_activity(kind="event_published", text=f"E{i}", url="/e/", actor=alice.user)
            record_activity(kind="method_stage", text=f"M{i}", url="/m/", gardens=[garden_a])

    count()
    add(10)
    few = count()
    add(190)
    assert count() == few


def test_a_sign_up_tells_the_events_creator_in_two_queries(alice, garden_a):
    event = EventFactory(hosts=[garden_a], created_by=alice, title="Frokost")

    def sign_up(n):
        with CaptureQueriesContext(connection) as queries:
            registration_create(
                event=event, name=f"Kari {n}", email=f"kari{n}@x.example", consent=True
            )
        return len(queries)

    with_contact = sign_up(1)
    event.created_by = None
    event.save()
    without = sign_up(2)

    assert with_contact - without == 2
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (alice, "event_signup")
    assert "Kari 1" in notification.text
    assert notification.delivery == "digest"


def test_a_comment_notifies_the_methods_contributors(alice, charlie, garden_a):
    method = MethodFactory(owner=garden_a, title="Frokostmøte")
    method.contributors.set([alice])

    comment_add(actor=charlie.user, method=method, text="Fint!")

    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (alice, "method_comment")
    assert "Charlie Dahl" in notification.text
