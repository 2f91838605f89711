"""Feedback after an event: requests to those who attended, and their answers.

The request goes only to participants marked attended, once each, after the event has ended.
``feedback_requests_due`` is the sweep that ``programme_tick`` runs every few minutes; a
participant checked in late is asked at the next sweep. The answer comes through an
unguessable link (the registration's token), without an account.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.core.mail import queue_email
from kollegium.programme.models import (
    Event,
    EventStatus,
    Feedback,
    Registration,
    RegistrationStatus,
)
from kollegium.programme.models_day import FeedbackRequest

# Events that ended longer ago than this get no requests: a past programme imported (or a
# check-in list typed in weeks later) must not mail people about events they have forgotten.
REQUEST_WINDOW = datetime.timedelta(days=14)
TEXT_LIMIT = 2000


def feedback_link(registration: Registration) -> str:
    return settings.SITE_URL + reverse("programme:feedback_form", args=[registration.token])


def events_due_for_feedback(now: datetime.datetime) -> list[Event]:
    """Published events that ended within the request window."""
    return list(
        Event.objects.filter(
            status=EventStatus.PUBLISHED,
            ends_at__lte=now,
            ends_at__gt=now - REQUEST_WINDOW,
            registrations__attended=True,
            registrations__feedback_request__isnull=True,
        )
        .distinct()
        .order_by("ends_at", "pk")
    )


@transaction.atomic
def feedback_requests_send(*, event: Event, now: datetime.datetime | None = None) -> int:
    """Ask everyone marked attended at an event that has ended for feedback, once each.

    Returns how many requests were sent now. Safe to run twice at once: the request row is
    inserted before the e-mail is queued, and the one sweep that inserts it sends it.
    """
    now = now or timezone.now()
    if event.ends_at > now or event.status != EventStatus.PUBLISHED:
        return 0
    due = Registration.objects.filter(
        event=event,
        status=RegistrationStatus.CONFIRMED,
        attended=True,
        anonymised_at__isnull=True,
        feedback_request__isnull=True,
        feedback__isnull=True,
    ).order_by("pk")
    sent = 0
    for registration in due:
        try:
            with transaction.atomic():
                FeedbackRequest.objects.create(registration=registration, sent_at=now)
        except IntegrityError:
            continue
        registration.event = event
        queue_email(
            to=registration.email,
            template="programme/email/feedback_request",
            language=registration.language,
            context={
                "event": event,
                "registration": registration,
                "link": feedback_link(registration),
            },
        )
        sent += 1
    if sent:
        audit(actor=None, action="feedback.requested", obj=event, count=sent)
    return sent


def feedback_requests_due(*, now: datetime.datetime | None = None) -> int:
    """The periodic sweep: send the requests of every event that is due; returns the count."""
    now = now or timezone.now()
    return sum(feedback_requests_send(event=e, now=now) for e in events_due_for_feedback(now))


class FeedbackClosed(Exception):
    """This registration cannot give feedback; the message is for the participant."""


def check_feedback_open(registration: Registration) -> None:
    """Feedback is for those checked in at an event that has begun and was not cancelled."""
    event = registration.event
    if registration.anonymised_at is not None:
        raise FeedbackClosed(_("This link is no longer valid."))
    if event.status != EventStatus.PUBLISHED:
        raise FeedbackClosed(_("This event was cancelled, so there is nothing to rate."))
    if not registration.attended:
        raise FeedbackClosed(_("Feedback is for participants who were checked in at the event."))
    if event.starts_at > timezone.now():
        raise FeedbackClosed(_("You can give feedback once the event has begun."))


def _clean(rating, useful: str, improve: str) -> tuple[int, str, str]:
    errors = {}
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        errors["rating"] = _("Choose a rating from 1 to 5.")
    useful, improve = (useful or "").strip(), (improve or "").strip()
    for field, text in (("useful", useful), ("improve", improve)):
        if len(text) > TEXT_LIMIT:
            errors[field] = _("Write at most %(limit)s characters.") % {"limit": TEXT_LIMIT}
    if errors:
        raise ValidationError(errors)
    return rating, useful, improve


@transaction.atomic
def feedback_submit(
    *, registration: Registration, rating: int, useful: str = "", improve: str = ""
) -> tuple[Feedback, bool]:
    """Save a participant's feedback (rating 1-5, what was useful, what to improve); sending
    the form again changes the answer. Returns (feedback, created).

    Raises FeedbackClosed when this registration may not give feedback, ValidationError with
    field keys for bad input.
    """
    registration = (
        Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    )
    check_feedback_open(registration)
    rating, useful, improve = _clean(rating, useful, improve)
    feedback, created = Feedback.objects.update_or_create(
        registration=registration,
        defaults={"rating": rating, "useful": useful, "improve": improve},
    )
    audit(
        actor=None,
        action="feedback.submitted" if created else "feedback.changed",
        obj=feedback,
        event=registration.event.ref,
        rating=rating,
    )
    return feedback, created
