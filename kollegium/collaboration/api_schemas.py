"""Input and output schemas of the collaboration API (kollegium/collaboration/api.py)."""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from kollegium.network import permissions

ProjectStatusValue = Literal["planned", "active", "completed"]
SessionStatusValue = Literal["planned", "held", "cancelled"]
ActionStatusValue = Literal["open", "done", "cancelled"]
AnswerValue = Literal["coming", "not_coming"]


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


class GardenRef(Schema):
    slug: str
    name: str


class PersonRef(Schema):
    email: str
    name: str
    garden: str

    @staticmethod
    def resolve_garden(obj) -> str:
        return obj.garden.slug


class LinkOut(Schema):
    url: str
    title: str


class LinkIn(InputSchema):
    url: str = Field(max_length=500)
    title: str = Field("", max_length=200)


class ProjectOut(Schema):
    slug: str
    name: str
    description: str
    goals: str
    status: str
    gardens: list[GardenRef]
    leader: PersonRef | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    funding_note: str
    links: list[LinkOut]
    events: list[str] = Field(description="Refs of linked events (published or cancelled)")
    methods: list[str] = Field(description="Refs of linked methods the caller may see")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_gardens(obj) -> list:
        return list(obj.gardens.all())

    @staticmethod
    def resolve_links(obj) -> list:
        return list(obj.links.all())

    @staticmethod
    def resolve_events(obj) -> list[str]:
        return [e.ref for e in obj.events.all() if e.status != "draft"]

    @staticmethod
    def resolve_methods(obj, context) -> list[str]:
        caller = context["request"].auth
        return [m.ref for m in obj.methods.all() if permissions.can_see_method(caller, m)]


class ProjectPatch(InputSchema):
    name: str = Field(max_length=200)
    description: str = Field("", max_length=10000)
    goals: str = Field("", max_length=10000)
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    funding_note: str = Field("", max_length=2000)
    status: ProjectStatusValue = "planned"
    links: list[LinkIn] = []
    events: list[str] = Field([], description="Event refs")
    methods: list[str] = Field([], description="Method refs")
    gardens: list[str] = Field(
        [], description="Participating gardens' slugs; changed by the leader or coordinator"
    )
    leader: str | None = Field(None, description="The project leader's e-mail")


class ProjectIn(ProjectPatch):
    slug: str = Field("", max_length=80, description="Made from the name when left out")


class DecisionOut(Schema):
    id: int
    text: str
    agenda_item: int | None = Field(None, alias="agenda_item_id")
    created_at: datetime.datetime


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    owner: PersonRef | None
    minutes_allotted: int | None
    minutes: str


class AgendaItemIn(InputSchema):
    title: str = Field(max_length=200)
    owner: str | None = Field(None, description="E-mail of the staff member responsible")
    minutes_allotted: int | None = Field(None, ge=1, le=600)
    minutes: str = Field("", max_length=20000, description="The minutes of this item")


class AgendaOrderIn(InputSchema):
    order: list[int] = Field(description="Every agenda item id of the session, in order")


class InvitationOut(Schema):
    person: PersonRef
    answer: str
    answered_at: datetime.datetime | None


class SessionOut(Schema):
    id: int
    title: str
    purpose: str
    project: str | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    online_url: str
    status: str
    organiser: PersonRef | None
    summary_sent_at: datetime.datetime | None
    agenda: list[AgendaItemOut]
    decisions: list[DecisionOut]
    invitations: list[InvitationOut]

    @staticmethod
    def resolve_project(obj) -> str | None:
        return obj.project.slug if obj.project_id else None

    @staticmethod
    def resolve_agenda(obj) -> list:
        return list(obj.agenda.all())

    @staticmethod
    def resolve_decisions(obj) -> list:
        return list(obj.decisions.all())

    @staticmethod
    def resolve_invitations(obj) -> list:
        return list(obj.invitations.all())


class SessionPatch(InputSchema):
    title: str = Field(max_length=200)
    purpose: str = Field("", max_length=4000)
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str = Field("", max_length=300)
    online_url: str = Field("", max_length=500)
    status: SessionStatusValue = "planned"


class SessionIn(InputSchema):
    title: str = Field(max_length=200)
    purpose: str = Field("", max_length=4000)
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str = Field("", max_length=300)
    online_url: str = Field("", max_length=500)
    project: str | None = Field(None, description="The project's slug; none for a session alone")
    invitees: list[str] = Field([], description="E-mail addresses of staff members")


class InviteIn(InputSchema):
    people: list[str] = Field(description="E-mail addresses of staff members")


class AnswerIn(InputSchema):
    answer: AnswerValue


class DecisionIn(InputSchema):
    text: str = Field(max_length=4000)
    agenda_item: int | None = None


class SummaryOut(Schema):
    sent: int = Field(description="E-mails queued")
    summary_sent_at: datetime.datetime


class ActionOut(Schema):
    id: int
    what: str
    owner: PersonRef
    due_on: datetime.date | None
    status: str
    done_at: datetime.datetime | None
    session: int | None = Field(None, alias="session_id")
    project: str | None
    method: str | None
    event: str | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_project(obj) -> str | None:
        return obj.project.slug if obj.project_id else None

    @staticmethod
    def resolve_method(obj) -> str | None:
        return obj.method.ref if obj.method_id else None

    @staticmethod
    def resolve_event(obj) -> str | None:
        return obj.event.ref if obj.event_id else None


class ActionBase(InputSchema):
    what: str = Field(max_length=300)
    owner: str = Field(description="E-mail of the staff member responsible")
    due_on: datetime.date | None = None
    method: str | None = Field(None, description="Ref of a method it produced")
    event: str | None = Field(None, description="Ref of an event it produced")


class ActionPatch(ActionBase):
    status: ActionStatusValue = "open"


class ActionIn(ActionBase):
    session: int | None = Field(None, description="The work session it comes from")
    project: str | None = Field(None, description="Or the project's slug")
