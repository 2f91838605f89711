"""Feedback results: per event, and averages per format, per host garden and per competence
area over a period.

Averages are over the answers (every rating counts once), so a big event weighs more than a
small one. A co-hosted event counts for each of its host gardens, an event with several
competence areas for each area.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Q
from django.utils import timezone

from kollegium.programme.models import Event, EventStatus, Feedback, Format, RegistrationStatus
from kollegium.programme.models_day import FeedbackRequest


@dataclass(frozen=True)
class Summary:
    responses: int
    average: float | None
    # Answers per rating, 1 to 5, for a bar or a table.
    distribution: tuple[int, ...] = ()


def _summary(feedback) -> Summary:
    figures = feedback.aggregate(
        responses=Count("pk"),
        average=Avg("rating"),
        **{f"r{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)},
    )
    average = figures["average"]
    return Summary(
        responses=figures["responses"],
        average=round(float(average), 1) if average is not None else None,
        distribution=tuple(figures[f"r{n}"] for n in range(1, 6)),
    )


@dataclass(frozen=True)
class EventFeedback:
    summary: Summary
    attended: int
    requested: int
    comments: list

    @property
    def response_rate(self) -> int | None:
        """Answers per participant checked in, in whole per cent."""
        return round(100 * self.summary.responses / self.attended) if self.attended else None


def event_feedback(event: Event) -> EventFeedback:
    """The ratings of one event, its comments (newest first, without names) and how many were
    checked in and asked. Four queries."""
    feedback = Feedback.objects.filter(registration__event=event)
    comments = list(
        feedback.exclude(useful="", improve="")
        .only("rating", "useful", "improve", "created_at")
        .order_by("-created_at", "-pk")
    )
    attended = event.registrations.filter(
        status=RegistrationStatus.CONFIRMED, attended=True
    ).count()
    requested = FeedbackRequest.objects.filter(registration__event=event).count()
    return EventFeedback(
        summary=_summary(feedback), attended=attended, requested=requested, comments=comments
    )


@dataclass(frozen=True)
class AverageRow:
    key: str
    label: str
    events: int
    responses: int
    average: float | None


def _rows(feedback, key: str, label: str, labels: dict | None = None) -> list[AverageRow]:
    grouped = (
        feedback.exclude(**{f"{key}__isnull": True})
        .values(key, label)
        .annotate(
            events=Count("registration__event", distinct=True),
            responses=Count("pk"),
            average=Avg("rating"),
        )
        .order_by(label, key)
    )
    return [
        AverageRow(
            key=str(row[key]),
            label=(labels or {}).get(row[label], row[label]),
            events=row["events"],
            responses=row["responses"],
            average=round(float(row["average"]), 1),
        )
        for row in grouped
    ]


@dataclass(frozen=True)
class Averages:
    overall: Summary
    by_format: list[AverageRow]
    by_garden: list[AverageRow]
    by_area: list[AverageRow]


def feedback_averages(
    *, since: datetime.date | None = None, until: datetime.date | None = None
) -> Averages:
    """Averages over the events that started within [since, until] (local dates, both
    optional). Four queries whatever the number of events and answers."""
    feedback = Feedback.objects.all()
    if since:
        feedback = feedback.filter(registration__event__starts_at__gte=_start_of(since))
    if until:
        feedback = feedback.filter(
            registration__event__starts_at__lt=_start_of(until + datetime.timedelta(days=1))
        )
    formats = dict(Format.choices)
    return Averages(
        overall=_summary(feedback),
        by_format=sorted(
            _rows(feedback, "registration__event__format", "registration__event__format", formats),
            key=lambda row: str(row.label),
        ),
        by_garden=_rows(
            feedback,
            "registration__event__host_links__garden__slug",
            "registration__event__host_links__garden__name",
        ),
        by_area=_rows(
            feedback, "registration__event__areas__slug", "registration__event__areas__name"
        ),
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def past_events(*, since: datetime.date | None = None, until: datetime.date | None = None):
    """Published events that have ended and started within [since, until] (local dates)."""
    events = Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__lte=timezone.now())
    if since:
        events = events.filter(starts_at__gte=_start_of(since))
    if until:
        events = events.filter(starts_at__lt=_start_of(until + datetime.timedelta(days=1)))
    return events
