"""The programme letter: consent, the monthly run, sending on demand and unsubscribing."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kollegium.companies.models import Contact, LetterDelivery, LetterKind
from kollegium.companies.tests.factories import ContactFactory, NeedFactory
from kollegium.core.models import AuditEntry
from kollegium.programme.services.letter import (
    letters_send_monthly,
    unsubscribe_token,
)
from kollegium.programme.tests.factories import EventFactory, in_days


@pytest.fixture
def export_event(garden_b, area):
    return EventFactory(
        ref="eksport-frokost",
        title="Frokostmøte om eksportstrategi",
        description="Slik lager du en eksportstrategi for nye markeder.",
        hosts=[garden_b],
        areas=[area],
        starts_at=in_days(40),
        ends_at=in_days(40, hour=10),
    )


@pytest.fixture
def consenting(company_b, charlie):
    """Company B's contact who said yes, and one more who did not."""
    contact = company_b.contacts.get()
    contact.letter_consent = True
    contact.letter_consent_how = "Sa ja på telefon"
    contact.save()
    ContactFactory(company=company_b, name="Nils Nei", email="nils@bedrift.example")
    return contact


def _send_monthly(capture, now=None):
    with capture(execute=True):
        return letters_send_monthly(now=now)


def test_it_sends_the_monthly_letter_only_to_contacts_who_opted_in(
    django_capture_on_commit_callbacks, consenting, export_event
):
    counts = _send_monthly(django_capture_on_commit_callbacks)

    assert counts["letters"] == 1
    assert [m.to for m in mail.outbox] == [[consenting.email]]
    body = mail.outbox[0].body
    assert "Frokostmøte om eksportstrategi" in body
    assert reverse("programme:signup", args=["eksport-frokost"]) in body
    site = settings.SITE_URL
    assert site + reverse("programme:signup", args=["eksport-frokost"]) in body
    assert (
        site + reverse("programme:letter_unsubscribe", args=[unsubscribe_token(consenting)]) in body
    )
    delivery = LetterDelivery.objects.get()
    assert (delivery.contact, delivery.kind, delivery.events) == (
        consenting,
        LetterKind.MONTHLY,
        ["eksport-frokost"],
    )


def test_it_sends_nobody_the_letter_without_consent(
    django_capture_on_commit_callbacks, company_b, export_event
):
    counts = _send_monthly(django_capture_on_commit_callbacks)

    assert counts["letters"] == 0
    assert mail.outbox == []
    assert not LetterDelivery.objects.exists()


def test_it_sends_the_monthly_letter_once_per_month(
    django_capture_on_commit_callbacks, consenting, export_event
):
    now = timezone.now()
    _send_monthly(django_capture_on_commit_callbacks, now)
    again = _send_monthly(django_capture_on_commit_callbacks, now + datetime.timedelta(hours=1))
    next_month = _send_monthly(
        django_capture_on_commit_callbacks, now + datetime.timedelta(days=32)
    )

    assert again["letters"] == 0
    assert next_month["letters"] == 1
    assert len(mail.outbox) == 2
    assert LetterDelivery.objects.filter(kind=LetterKind.MONTHLY).count() == 2


def test_it_sends_nothing_when_no_event_fits(django_capture_on_commit_callbacks, consenting):
    counts = _send_monthly(django_capture_on_commit_callbacks)

    assert counts == {"companies": 0, "letters": 0, "nothing_to_send": 1}
    assert mail.outbox == []


def test_it_runs_as_a_command(django_capture_on_commit_callbacks, consenting, export_event, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_programme_letters")

    assert "letters: 1" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_it_lets_staff_serving_the_company_send_the_letter_now(
    django_capture_on_commit_callbacks, signed_in, charlie, consenting, export_event, company_b
):
    client = signed_in(charlie)
    url = reverse("programme:letter_send", args=[company_b.org_number])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[consenting.email]]
    delivery = LetterDelivery.objects.get()
    assert (delivery.kind, delivery.sent_by) == (LetterKind.ON_DEMAND, charlie.user)
    assert AuditEntry.objects.filter(action="programme.letter.sent").exists()


def test_it_refuses_the_letter_to_staff_of_another_garden(
    signed_in, alice, consenting, export_event, company_b
):
    response = signed_in(alice).post(reverse("programme:letter_send", args=[company_b.org_number]))

    assert response.status_code == 403
    assert not LetterDelivery.objects.exists()


def test_it_says_so_when_there_is_nobody_to_send_to(signed_in, charlie, company_b, export_event):
    response = signed_in(charlie).post(
        reverse("programme:letter_send", args=[company_b.org_number]), follow=True
    )

    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not LetterDelivery.objects.exists()


def test_it_unsubscribes_by_link_without_an_account(client, consenting):
    url = reverse("programme:letter_unsubscribe", args=[unsubscribe_token(consenting)])

    page = client.get(url)
    consenting.refresh_from_db()
    assert page.status_code == 200
    assert consenting.letter_consent  # a GET (a mail scanner) changes nothing

    done = client.post(url)
    consenting.refresh_from_db()
    assert done.status_code == 200
    assert not consenting.letter_consent
    assert consenting.letter_consent_at is not None
    assert consenting.letter_consent_by is None
    assert consenting.letter_consent_how
    entry = AuditEntry.objects.get(action="contact.letter_consent_withdrawn")
    assert entry.object_id == str(consenting.pk)


def test_it_sends_no_more_letters_after_unsubscribing(
    django_capture_on_commit_callbacks, client, consenting, export_event
):
    client.post(reverse("programme:letter_unsubscribe", args=[unsubscribe_token(consenting)]))

    counts = _send_monthly(django_capture_on_commit_callbacks)

    assert counts["letters"] == 0
    assert mail.outbox == []


def test_it_refuses_a_forged_or_outdated_unsubscribe_link(client, consenting):
    token = unsubscribe_token(consenting)
    Contact.objects.filter(pk=consenting.pk).update(email="ny@bedrift.example")

    outdated = client.post(reverse("programme:letter_unsubscribe", args=[token]))
    forged = client.get(reverse("programme:letter_unsubscribe", args=[token[:-3] + "abc"]))

    assert (outdated.status_code, forged.status_code) == (404, 404)
    consenting.refresh_from_db()
    assert consenting.letter_consent


def test_it_ranks_events_by_the_company_needs(
    django_capture_on_commit_callbacks, consenting, export_event, garden_b
):
    EventFactory(
        ref="strikk", title="Strikkekafé", description="Vi strikker votter.", hosts=[garden_b]
    )
    NeedFactory(
        company=consenting.company, text="Vi vil selge til Tyskland og trenger eksportstrategi"
    )

    _send_monthly(django_capture_on_commit_callbacks)

    assert LetterDelivery.objects.get().events == ["eksport-frokost"]
