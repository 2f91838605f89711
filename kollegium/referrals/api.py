"""API of referrals ("spør nettverket"): mine, ask, answer, talk, complete.

Writes go through kollegium.referrals.services; reads follow the UI's rules: staff of both
gardens and the coordinator see that a referral exists, its messages are for the two people
and those who see the need.
"""

import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from kollegium.api.auth import require_staff
from kollegium.api.errors import invalid_field
from kollegium.api.pagination import LimitOffset
from kollegium.companies import selectors as company_selectors
from kollegium.network import permissions
from kollegium.network.models import Person
from kollegium.referrals import access, selectors, services

router = Router(tags=["referrals"])


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


class PersonRef(Schema):
    email: str | None = None
    name: str | None = None
    garden: str = Field(description="The garden's slug")


class ReferralOut(Schema):
    id: int
    company: str = Field(description="Organisation number")
    company_name: str
    need: int
    status: Literal["pending", "accepted", "declined", "completed"]
    asked_by: PersonRef
    asked: PersonRef
    created_at: datetime.datetime
    answered_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    helped: bool | None
    hours_spent: Decimal | None

    @staticmethod
    def resolve_company(obj) -> str:
        return obj.company.org_number

    @staticmethod
    def resolve_company_name(obj) -> str:
        return obj.company.name

    @staticmethod
    def resolve_need(obj) -> int:
        return obj.need_id

    @staticmethod
    def resolve_asked_by(obj) -> dict:
        return _person(obj.from_person, obj.from_garden)

    @staticmethod
    def resolve_asked(obj) -> dict:
        return _person(obj.to_person, obj.to_garden)


def _person(person, garden) -> dict:
    return {
        "email": person.email if person else None,
        "name": person.name if person else None,
        "garden": garden.slug,
    }


class ReferralIn(InputSchema):
    to: list[str] = Field(min_length=1, max_length=10, description="Colleagues' e-mails")
    message: str = Field(min_length=1, max_length=4000)


class AnswerIn(InputSchema):
    accept: bool
    reason: str = Field("", max_length=2000, description="Needed when declining")


class MessageIn(InputSchema):
    text: str = Field(min_length=1, max_length=2000)


class MessageOut(Schema):
    id: int
    author: str = Field(alias="author_name")
    text: str
    created_at: datetime.datetime


class CompleteIn(InputSchema):
    helped: bool
    note: str = Field("", max_length=4000)
    hours_spent: Decimal | None = Field(None, ge=0, le=10000, decimal_places=1)
    need_status: Literal["open", "in_progress", "met", ""] = Field(
        "", description="Default: met when it helped, else open"
    )


def _referral(user, referral_id: int):
    return access.get_referral_for_view(user, referral_id)


def _colleagues(emails: list[str]) -> list[Person]:
    wanted = {e.strip().lower() for e in emails}
    people = list(
        Person.objects.select_related("user").filter(user__email__in=wanted, user__is_active=True)
    )
    missing = wanted - {p.email.lower() for p in people}
    if missing:
        raise invalid_field("to", f"No active staff member: {', '.join(sorted(missing))}")
    return people


@router.get("/referrals", response=list[ReferralOut])
@paginate(LimitOffset)
def referral_list(request, role: Literal["sent", "received", "all"] = "all"):
    """My referrals (sent and received); ``role=all`` for the coordinator: the network's."""
    user = require_staff(request)
    me = permissions.person_of(user)
    if me is None or (role == "all" and permissions.is_coordinator(user)):
        return selectors.visible_referrals(user)
    mine = selectors.my_referrals(me)
    if role in ("sent", "received"):
        return mine[role]
    return mine["sent"] | mine["received"]


@router.post("/needs/{int:need_id}/referrals", response={201: list[ReferralOut]})
def referral_create(request, need_id: int, payload: ReferralIn):
    """Ask colleagues (by e-mail) about a need of a company your garden serves."""
    user = require_staff(request)
    need = get_object_or_404(company_selectors.visible_needs(user), pk=need_id)
    referrals = services.referral_create(
        actor=user, need=need, to_people=_colleagues(payload.to), message=payload.message
    )
    rows = selectors.referrals_with_people().filter(pk__in=[r.pk for r in referrals])
    return Status(201, list(rows.order_by("pk")))


@router.get("/referrals/{int:referral_id}", response=ReferralOut)
def referral_detail(request, referral_id: int):
    return _referral(require_staff(request), referral_id)


@router.post("/referrals/{int:referral_id}/answer", response=ReferralOut)
def referral_answer(request, referral_id: int, payload: AnswerIn):
    """The asked colleague accepts or declines (with a reason)."""
    user = require_staff(request)
    referral = _referral(user, referral_id)
    services.referral_answer(
        actor=user, referral=referral, accept=payload.accept, reason=payload.reason
    )
    return _referral(user, referral_id)


@router.get("/referrals/{int:referral_id}/messages", response=list[MessageOut])
@paginate(LimitOffset)
def message_list(request, referral_id: int):
    user = require_staff(request)
    referral = _referral(user, referral_id)
    if not access.can_read_content(user, referral):
        raise PermissionDenied
    return selectors.thread(referral)


@router.post("/referrals/{int:referral_id}/messages", response={201: MessageOut})
def message_add(request, referral_id: int, payload: MessageIn):
    user = require_staff(request)
    referral = _referral(user, referral_id)
    return Status(201, services.message_add(actor=user, referral=referral, text=payload.text))


@router.post("/referrals/{int:referral_id}/complete", response=ReferralOut)
def referral_complete(request, referral_id: int, payload: CompleteIn):
    """Record the outcome of an accepted referral; the need's status moves with it."""
    user = require_staff(request)
    referral = _referral(user, referral_id)
    services.referral_complete(
        actor=user,
        referral=referral,
        helped=payload.helped,
        note=payload.note,
        hours_spent=payload.hours_spent,
        need_status=payload.need_status,
    )
    return _referral(user, referral_id)
