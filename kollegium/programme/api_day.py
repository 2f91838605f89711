"""API of the event day and after: registrations for the hosts (with check-in), feedback
results, averages and the cross-garden reach. Writes go through the services.

Registrations carry personal data: they are listed only for events the caller runs (staff of
a host garden, the coordinator); other registrations answer 404.
"""

import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import ConfigDict

from kollegium.api.auth import require_staff, session_auth, token_auth
from kollegium.api.pagination import LimitOffset
from kollegium.network import permissions
from kollegium.programme import access_day
from kollegium.programme.models import Event, EventHost, Registration
from kollegium.programme.selectors.feedback import (
    event_feedback,
    feedback_averages,
    past_events,
)
from kollegium.programme.selectors.participants import waitlist_positions, with_company_gardens
from kollegium.programme.selectors.reach import event_reach, total_reach
from kollegium.programme.services import day

router = Router()

StatusValue = Literal["confirmed", "waitlisted", "offered", "cancelled"]


def _caller(request):
    """The user behind a token or session, or None: public reads work without either."""
    return token_auth(request) or session_auth(request) or None


# --- registrations ----------------------------------------------------------------------------


class CompanyRef(Schema):
    org_number: str
    name: str


class RegistrationOut(Schema):
    id: int
    event: str
    name: str
    email: str
    phone: str
    company: CompanyRef | None
    company_name: str
    gardens: list[str]
    status: StatusValue
    waitlist_position: int | None
    attended: bool
    checked_in_at: datetime.datetime | None
    walk_in: bool
    created_at: datetime.datetime

    @staticmethod
    def resolve_event(obj) -> str:
        return obj.event.ref

    @staticmethod
    def resolve_gardens(obj) -> list[str]:
        if obj.company is None:
            return []
        return [relation.garden.slug for relation in obj.company.relations.all()]

    @staticmethod
    def resolve_waitlist_position(obj, context) -> int | None:
        positions = getattr(context["request"], "_waitlist_positions", {})
        return positions.get(obj.pk)


def _run_events(user) -> QuerySet[Event]:
    """The events whose registrations the user may see."""
    # The coordinator (and the operator) run every event: the rule holds without a host.
    if permissions.can_run_event_day(user, set()):
        return Event.objects.all()
    person = permissions.person_of(user)
    hosted = EventHost.objects.filter(garden_id=person.garden_id if person else None)
    return Event.objects.filter(pk__in=hosted.values("event_id"))


def _registrations(request, registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """With event, company and gardens loaded, and the waitlist positions of their events
    worked out once for the whole page (resolve_waitlist_position reads them)."""
    request._waitlist_positions = waitlist_positions(registrations.values("event_id"))
    return with_company_gardens(registrations.select_related("event")).order_by(
        "event__starts_at", "event_id", "created_at", "pk"
    )


@router.get("/registrations", response=list[RegistrationOut], tags=["registrations"])
@paginate(LimitOffset)
def registration_list(
    request,
    event: str | None = Query(None, description="The event's ref"),
    status: StatusValue | None = None,
    attended: bool | None = None,
):
    """Registrations of the events you run (host garden staff, the coordinator), by event
    start; anonymised registrations are left out."""
    user = require_staff(request)
    registrations = Registration.objects.filter(
        event__in=_run_events(user), anonymised_at__isnull=True
    )
    if event is not None:
        found = access_day.get_event_to_run(user, event)
        registrations = registrations.filter(event=found)
    if status:
        registrations = registrations.filter(status=status)
    if attended is not None:
        registrations = registrations.filter(attended=attended)
    return _registrations(request, registrations)


def _registration_to_run(user, registration_id: int) -> Registration:
    """A registration of an event the user runs; any other answers 404."""
    links = EventHost.objects.order_by("pk")
    registration = get_object_or_404(
        Registration.objects.select_related("event").prefetch_related(
            Prefetch("event__host_links", queryset=links)
        ),
        pk=registration_id,
        anonymised_at__isnull=True,
    )
    if not permissions.can_run_event_day(user, access_day.host_ids(registration.event)):
        raise Http404
    return registration


@router.get(
    "/registrations/{int:registration_id}", response=RegistrationOut, tags=["registrations"]
)
def registration_detail(request, registration_id: int):
    registration = _registration_to_run(require_staff(request), registration_id)
    return _registrations(request, Registration.objects.filter(pk=registration.pk)).get()


class AttendanceIn(Schema):
    model_config = ConfigDict(extra="forbid")
    attended: bool


@router.put(
    "/registrations/{int:registration_id}/attendance",
    response=RegistrationOut,
    tags=["registrations"],
)
def registration_attendance(request, registration_id: int, payload: AttendanceIn):
    """Check a confirmed participant in (``{"attended": true}``) or take it back; the same
    rules as the check-in page (idempotent, from the day of the event)."""
    user = require_staff(request)
    registration = _registration_to_run(user, registration_id)
    day.attendance_mark(actor=user, registration=registration, attended=payload.attended)
    return _registrations(request, Registration.objects.filter(pk=registration.pk)).get()


# --- feedback and reach -----------------------------------------------------------------------


class SummaryOut(Schema):
    responses: int
    average: float | None
    distribution: list[int]


class CommentOut(Schema):
    rating: int
    useful: str
    improve: str
    created_at: datetime.datetime


class EventFeedbackOut(Schema):
    event: str
    summary: SummaryOut
    attended: int
    requested: int
    response_rate: int | None
    comments: list[CommentOut]


@router.get("/events/{ref}/feedback", response=EventFeedbackOut, tags=["feedback"])
def event_feedback_detail(request, ref: str):
    """One event's ratings and comments (without names): its hosts and the coordinator."""
    event = access_day.get_event_feedback(require_staff(request), ref)
    results = event_feedback(event)
    return {
        "event": event.ref,
        "summary": results.summary,
        "attended": results.attended,
        "requested": results.requested,
        "response_rate": results.response_rate,
        "comments": results.comments,
    }


class AverageOut(Schema):
    key: str
    label: str
    events: int
    responses: int
    average: float | None

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj.label)


class ReachOut(Schema):
    participants: int
    other_gardens: int
    host_gardens: int
    outside: int
    attended: bool


class FeedbackSummaryOut(Schema):
    overall: SummaryOut
    by_format: list[AverageOut]
    by_garden: list[AverageOut]
    by_area: list[AverageOut]
    reach: ReachOut


@router.get("/feedback/summary", response=FeedbackSummaryOut, tags=["feedback"])
def feedback_summary(
    request, since: datetime.date | None = None, until: datetime.date | None = None
):
    """Average ratings per format, host garden and competence area, and the cross-garden
    reach, for events that started within the period (local dates, both optional)."""
    user = require_staff(request)
    if not permissions.can_see_feedback_summary(user):
        raise PermissionDenied
    averages = feedback_averages(since=since, until=until)
    return {
        "overall": averages.overall,
        "by_format": averages.by_format,
        "by_garden": averages.by_garden,
        "by_area": averages.by_area,
        "reach": total_reach(past_events(since=since, until=until)),
    }


@router.get("/events/{ref}/reach", response=ReachOut, auth=None, tags=["feedback"])
def event_reach_detail(request, ref: str):
    """How many participants came from companies of other gardens than the hosts (public for
    a published or cancelled event; see docs/programme.md for who counts)."""
    event = access_day.get_event_for_reach(_caller(request), ref)
    return event_reach(event)
