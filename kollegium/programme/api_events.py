"""API of the programme's events: public reads, writes for the staff who manage an event.

Anyone reads published and cancelled events; a caller who manages a draft (a host garden's
staff, the coordinator) reads it too. Writes go through the same services as the pages.
"""

import datetime
from typing import Literal

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, PatchDict, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AwareDatetime, ConfigDict

from kollegium.api.auth import require_staff, session_auth, token_auth
from kollegium.api.errors import invalid_field, reject_nulls
from kollegium.api.pagination import LimitOffset
from kollegium.core import freshness
from kollegium.network.api import areas_from_slugs, garden_from_slug
from kollegium.network.models import CompetenceArea, Garden, Person, User
from kollegium.programme import access_events
from kollegium.programme.models import (
    Event,
    EventHost,
    Format,
    Question,
    QuestionKind,
    Registration,
    WaitlistMode,
)
from kollegium.programme.selectors import events as selectors
from kollegium.programme.services import event_questions, events

router = Router(tags=["events"])

FormatValue = Literal["breakfast", "workshop", "forum", "webinar", "course", "other"]


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


def _caller(request):
    """The user behind a token or session, or None: public reads work without either."""
    user = token_auth(request) or session_auth(request)
    return user or None


# --- output -----------------------------------------------------------------------------------


class HostOut(Schema):
    garden: str
    garden_name: str
    reserved_places: int
    reserved_until: datetime.datetime | None

    @staticmethod
    def resolve_garden(obj) -> str:
        return obj.garden.slug

    @staticmethod
    def resolve_garden_name(obj) -> str:
        return obj.garden.name


class AreaRef(Schema):
    slug: str
    name: str


class SpeakerOut(Schema):
    name: str
    garden: str

    @staticmethod
    def resolve_garden(obj) -> str:
        return obj.garden.slug


class QuestionOut(Schema):
    id: int
    label: str
    kind: Literal["text", "choice"]
    choices: list[str]
    required: bool


class EventOut(Schema):
    ref: str
    title: str
    format: FormatValue
    format_label: str
    description: str = Field(description="Markdown")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue: str
    address: str
    online_url: str
    hosts: list[HostOut]
    areas: list[AreaRef]
    speakers: list[SpeakerOut]
    external_speakers: list[str]
    capacity: int | None
    places_taken: int = Field(description="Confirmed places and places offered")
    registration_opens: datetime.datetime | None
    registration_closes: datetime.datetime | None = Field(
        description="null: registration closes when the event starts"
    )
    registration_open: bool
    status: Literal["draft", "published", "cancelled"]
    has_waitlist: bool
    waitlist_mode: Literal["promote", "offer"]
    offer_hours: int
    network_priority: bool
    questions: list[QuestionOut]
    url: str
    ical_url: str

    @staticmethod
    def resolve_format_label(obj) -> str:
        return str(Format(obj.format).label)

    @staticmethod
    def resolve_hosts(obj) -> list:
        return list(obj.host_links.all())

    @staticmethod
    def resolve_areas(obj) -> list:
        return list(obj.areas.all())

    @staticmethod
    def resolve_speakers(obj) -> list:
        return list(obj.speakers.all())

    @staticmethod
    def resolve_external_speakers(obj) -> list[str]:
        return obj.external_speaker_list

    @staticmethod
    def resolve_places_taken(obj) -> int:
        return obj.taken

    @staticmethod
    def resolve_registration_open(obj) -> bool:
        return obj.registration_is_open()

    @staticmethod
    def resolve_questions(obj) -> list:
        return list(obj.questions.all())

    @staticmethod
    def resolve_url(obj) -> str:
        return settings.SITE_URL + obj.get_absolute_url()

    @staticmethod
    def resolve_ical_url(obj) -> str:
        return settings.SITE_URL + reverse("programme:event_ics", args=[obj.ref])


# --- input ------------------------------------------------------------------------------------


class HostIn(InputSchema):
    garden: str = Field(description="Garden slug")
    reserved_places: int = Field(0, ge=0)
    reserved_until: AwareDatetime | None = None


class EventPatch(InputSchema):
    title: str = Field(max_length=200)
    format: FormatValue
    description: str = Field("", max_length=20000)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    venue: str = Field("", max_length=200)
    address: str = Field("", max_length=300)
    online_url: str = Field("", max_length=200)
    hosts: list[HostIn] = Field(
        [], description="Host gardens; staff must include their own (default: their garden)"
    )
    areas: list[str] = Field([], description="Competence area slugs")
    speakers: list[str] = Field([], description="E-mail addresses of staff members")
    external_speakers: list[str] = []
    capacity: int | None = Field(None, ge=1)
    registration_opens: AwareDatetime | None = None
    registration_closes: AwareDatetime | None = None
    has_waitlist: bool = True
    waitlist_mode: Literal["promote", "offer"] = WaitlistMode.PROMOTE.value
    offer_hours: int = Field(24, ge=1, le=720)
    network_priority: bool = False


class EventIn(EventPatch):
    ref: str = Field("", max_length=80, pattern=r"^([a-z0-9]+(-[a-z0-9]+)*)?$")


class CancelIn(InputSchema):
    reason: str = Field("", max_length=1000)


class CopyIn(InputSchema):
    starts_at: AwareDatetime


class QuestionIn(InputSchema):
    label: str = Field(max_length=200)
    kind: Literal["text", "choice"] = QuestionKind.TEXT.value
    choices: list[str] = []
    required: bool = False


def _service_data(data: dict) -> dict:
    """API input -> the keyword arguments of the event services."""
    data = dict(data)
    if "hosts" in data:
        data["hosts"] = [
            events.HostInput(
                garden_from_slug("hosts", h["garden"]), h["reserved_places"], h["reserved_until"]
            )
            for h in data["hosts"]
        ]
    if "areas" in data:
        data["areas"] = areas_from_slugs("areas", data["areas"])
    if "speakers" in data:
        data["speakers"] = _speakers(data["speakers"])
    if "external_speakers" in data:
        data["external_speakers"] = ", ".join(n.strip() for n in data["external_speakers"])
    return data


def _speakers(emails: list[str]) -> list[Person]:
    wanted = [e.lower() for e in emails]
    people = {
        p.user.email: p
        for p in Person.objects.select_related("user").filter(user__email__in=wanted)
    }
    for email in wanted:
        if email not in people:
            message = _("There is no staff member “%(email)s”.") % {"email": email}
            raise invalid_field("speakers", message)
    return [people[e] for e in dict.fromkeys(wanted)]


def _fresh(ref: str) -> Event:
    return selectors.events_with_details().get(ref=ref)


def _managed(request, ref: str) -> Event:
    return access_events.get_event_for_manage(require_staff(request), ref)


# What the public list reads (core/freshness.py): a change to any of these answers it anew.
LIST_TABLES = [
    *(Event, EventHost, Garden, Event.areas.through, CompetenceArea),
    *(Event.speakers.through, Person, User, Question, Registration),
]


def _anyone(request) -> None:
    """The public list's access check: none. The operation authenticates nobody (no
    ``request.auth``), so every caller shares one kept answer: the same public programme."""


def _clock(request) -> tuple:
    # "upcoming" and whether registration is open move with the clock.
    return (freshness.minute(),)


# --- endpoints --------------------------------------------------------------------------------


@router.get("/events", response=list[EventOut], auth=None)
@freshness.api_cached("api.events", LIST_TABLES, _anyone, vary=_clock)
@paginate(LimitOffset)
def event_list(
    request,
    garden: str | None = None,
    format: FormatValue | None = None,
    area: str | None = None,
    attendance: Literal["online", "onsite"] | None = None,
    period: str = Query(
        "upcoming", description='"upcoming", "past", "all" or a semester: "2026-autumn"'
    ),
):
    """The public programme, with the same filters as the programme page."""
    named = period in (selectors.UPCOMING, selectors.PAST, selectors.ALL)
    if not named and selectors.Semester.from_slug(period) is None:
        raise invalid_field("period", _("Choose upcoming, past, all or a semester."))
    return selectors.programme(
        garden=garden_from_slug("garden", garden) if garden else None,
        format=format or "",
        area=areas_from_slugs("area", [area])[0] if area else None,
        attendance=attendance or "",
        period=period,
    )


@router.get("/events/{ref}", response=EventOut, auth=None)
def event_detail(request, ref: str):
    return access_events.get_event_for_view(_caller(request), ref)


@router.post("/events", response={201: EventOut})
def event_create(request, payload: EventIn):
    user = require_staff(request)
    event = events.event_create(actor=user, **_service_data(payload.model_dump()))
    return Status(201, _fresh(event.ref))


@router.patch("/events/{ref}", response=EventOut)
def event_update(request, ref: str, payload: PatchDict[EventPatch]):
    event = _managed(request, ref)
    data = reject_nulls(payload, nullable=("capacity", "registration_opens", "registration_closes"))
    events.event_update(actor=request.auth, event=event, **_service_data(data))
    return _fresh(ref)


@router.post("/events/{ref}/publish", response=EventOut)
def event_publish(request, ref: str):
    events.event_publish(actor=request.auth, event=_managed(request, ref))
    return _fresh(ref)


@router.post("/events/{ref}/cancel", response=EventOut)
def event_cancel(request, ref: str, payload: CancelIn):
    events.event_cancel(actor=request.auth, event=_managed(request, ref), reason=payload.reason)
    return _fresh(ref)


@router.post("/events/{ref}/copy", response={201: EventOut})
def event_copy(request, ref: str, payload: CopyIn):
    copy = events.event_copy(
        actor=request.auth, event=_managed(request, ref), starts_at=payload.starts_at
    )
    return Status(201, _fresh(copy.ref))


@router.put("/events/{ref}/questions", response=list[QuestionOut])
def questions_replace(request, ref: str, payload: list[QuestionIn]):
    """Replace the sign-up questions; the n-th existing question keeps its id."""
    event = _managed(request, ref)
    items = [q.model_dump() for q in payload]
    return event_questions.questions_replace(actor=request.auth, event=event, questions=items)
