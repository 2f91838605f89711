"""notify(): in-app always, e-mail per the person's setting; the bell; marking read; settings."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.notifications import selectors, services
from kollegium.notifications.models import Delivery, Notification, NotificationSetting


def _notify(person, kind="referral", text="Alice ber om hjelp", actor=None):
    services.notify(recipient=person, kind=kind, text=text, url="/referrals/1/", actor=actor)


def test_at_once_stores_it_and_emails_on_commit(charlie, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(charlie)

    notification = Notification.objects.get()
    assert (notification.recipient, notification.delivery) == (charlie, Delivery.IMMEDIATE)
    assert [m.to for m in mail.outbox] == [["charlie@roros.example"]]
    assert "Alice ber om hjelp" in mail.outbox[0].subject
    assert "/referrals/1/" in mail.outbox[0].body


@pytest.mark.parametrize("delivery", ["digest", "off"])
def test_digest_and_off_send_nothing_now_but_show_under_the_bell(
    charlie, delivery, django_capture_on_commit_callbacks
):
    NotificationSetting.objects.create(person=charlie, kind="referral", delivery=delivery)

    with django_capture_on_commit_callbacks(execute=True):
        _notify(charlie)

    assert mail.outbox == []
    assert Notification.objects.get().delivery == delivery
    assert selectors.unread_count(charlie) == 1


def test_nobody_is_notified_of_their_own_doing(charlie):
    _notify(charlie, actor=charlie.user)

    assert not Notification.objects.exists()


def test_an_unknown_kind_is_a_programming_error(charlie):
    with pytest.raises(ValueError):
        _notify(charlie, kind="gossip")


def test_the_bell_counts_unread_notifications(client, charlie, alice):
    for n in range(3):
        _notify(charlie, text=f"Melding {n}")
    _notify(alice)
    client.force_login(charlie.user)

    body = client.get(reverse("notifications:bell"), HTTP_HX_REQUEST="true").content.decode()

    assert 'data-testid="bell-count">3<' in body
    services.mark_read(person=charlie)
    body = client.get(reverse("notifications:bell")).content.decode()
    assert "bell-count" not in body
    assert selectors.unread_count(alice) == 1


def test_the_bell_is_in_the_header_for_staff(client, charlie):
    client.force_login(charlie.user)

    body = client.get(reverse("home")).content.decode()

    assert reverse("notifications:bell") in body


def test_marking_one_read_leaves_the_others(client, charlie):
    _notify(charlie, text="En")
    _notify(charlie, text="To")
    first = Notification.objects.get(text="En")
    client.force_login(charlie.user)

    client.post(reverse("notifications:mark_read"), {"pk": first.pk})

    assert list(Notification.objects.filter(read_at__isnull=True).values_list("text", flat=True))
    assert Notification.objects.get(text="En").read_at is not None
    assert Notification.objects.get(text="To").read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, charlie, alice):
    _notify(charlie)
    notification = Notification.objects.get()
    client.force_login(alice.user)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    client.force_login(charlie.user)

    response = client.get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302 and response["Location"] == "/referrals/1/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_settings_are_saved_per_kind(client, charlie):
    client.force_login(charlie.user)
    data = {
        "referral": "immediate",
        "action": "digest",
        "method_comment": "off",
        "session_invitation": "immediate",
        "event_signup": "off",
    }

    response = client.post(reverse("notifications:settings"), data)

    assert response.status_code == 302
    assert selectors.settings_for(charlie) == data
    bad = client.post(reverse("notifications:settings"), {**data, "action": "x"})
    assert bad.status_code == 200
    assert selectors.settings_for(charlie)["action"] == "digest"


def test_the_notification_list_keeps_its_queries_bounded(client, charlie):
    client.force_login(charlie.user)
    url = reverse("notifications:list")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()
    for n in range(10):
        _notify(charlie, text=f"{n}")
    few = count()
    for n in range(190):
        _notify(charlie, text=f"{n}")

    assert count() == few


def test_the_api_lists_and_marks_read(client, charlie):
    from kollegium.api.services import token_issue

    _notify(charlie, text="En")
    _notify(charlie, text="To")
    _token, raw = token_issue(actor=None, user=charlie.user)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    listed = client.get("/api/v1/notifications?unread=true", **auth).json()
    assert listed["count"] == 2
    marked = client.post(
        "/api/v1/notifications/read",
        data={"ids": [listed["items"][0]["id"]]},
        content_type="application/json",
        **auth,
    ).json()

    assert marked == {"marked": 1, "unread": 1}


def test_the_api_list_keeps_its_queries_bounded(client, charlie):
    from kollegium.api.services import token_issue

    _token, raw = token_issue(actor=None, user=charlie.user)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                "/api/v1/notifications?limit=200", HTTP_AUTHORIZATION=f"Bearer {raw}"
            )
            assert response.status_code == 200
        return len(queries)

    count()
    for n in range(10):
        _notify(charlie, text=f"{n}")
    few = count()
    for n in range(190):
        _notify(charlie, text=f"{n}")
    assert count() == few


def test_the_bell_answers_a_signed_out_poll_without_a_login_page(client, db):
    response = client.get(reverse("notifications:bell"), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "bell-count" not in response.content.decode()
