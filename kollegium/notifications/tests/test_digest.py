"""The daily digest: only digest notifications, once per person and day."""

import datetime
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command

from kollegium.notifications import services
from kollegium.notifications.models import DigestLog, Notification, NotificationSetting

OSLO = ZoneInfo("Europe/Oslo")


def _notify(person, kind, text):
    services.notify(recipient=person, kind=kind, text=text, url="/x/")


def test_it_sends_one_digest_a_day_with_only_the_digest_kinds(
    charlie, alice, django_capture_on_commit_callbacks
):
    NotificationSetting.objects.create(person=charlie, kind="method_comment", delivery="digest")
    NotificationSetting.objects.create(person=charlie, kind="action", delivery="off")
    with django_capture_on_commit_callbacks(execute=True):
        _notify(charlie, "event_signup", "Kari meldte seg på")  # digest by default
        _notify(charlie, "method_comment", "Ny kommentar")
        _notify(charlie, "action", "Ny oppgave")  # off
        _notify(charlie, "referral", "Alice spør")  # at once
    mail.outbox.clear()
    morning = datetime.datetime(2026, 3, 2, 7, 0, tzinfo=OSLO)
    Notification.objects.update(created_at=morning - datetime.timedelta(hours=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(now=morning) == 1
        assert services.send_digests(now=morning + datetime.timedelta(hours=3)) == 0

    [digest] = mail.outbox
    assert digest.to == ["charlie@roros.example"]
    assert "Kari meldte seg på" in digest.body and "Ny kommentar" in digest.body
    assert "Ny oppgave" not in digest.body and "Alice spør" not in digest.body
    assert DigestLog.objects.get().count == 2
    assert Notification.objects.filter(digested_at__isnull=False).count() == 2


def test_what_arrives_after_todays_digest_waits_for_tomorrow(
    charlie, django_capture_on_commit_callbacks
):
    morning = datetime.datetime(2026, 3, 2, 7, 0, tzinfo=OSLO)
    _notify(charlie, "event_signup", "Første")
    Notification.objects.update(created_at=morning - datetime.timedelta(hours=1))
    assert services.send_digests(now=morning) == 1
    mail.outbox.clear()
    _notify(charlie, "event_signup", "Andre")
    Notification.objects.filter(text="Andre").update(created_at=morning)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests(now=morning + datetime.timedelta(hours=5)) == 0
        assert services.send_digests(now=morning + datetime.timedelta(days=1)) == 1

    assert len(mail.outbox) == 1 and "Andre" in mail.outbox[0].body
    assert "Første" not in mail.outbox[0].body


def test_nothing_pending_sends_nothing(charlie, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")

    assert mail.outbox == []
    assert not DigestLog.objects.exists()
