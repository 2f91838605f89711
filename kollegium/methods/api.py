"""API of the method bank: methods, their stages and their pilots. Writes go through services.

Reading methods is open: without a token the list and the method show only what is shared
publicly (the open library); staff see what they may see in the UI. Everything else needs a
staff member. A stage move the lifecycle refuses answers 409 with what the gate misses.
"""

import datetime
from typing import Literal

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, PatchDict, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import ConfigDict

from kollegium.api.auth import require_staff, token_auth
from kollegium.api.errors import error_body, invalid_field, reject_nulls
from kollegium.api.pagination import LimitOffset
from kollegium.core import freshness
from kollegium.methods import access, selectors, services
from kollegium.methods.models import Method, MethodLink, Pilot
from kollegium.network import permissions
from kollegium.network.api import areas_from_slugs, garden_from_slug
from kollegium.network.models import CompetenceArea, Garden, Person, User

router = Router(tags=["methods"])

StageValue = Literal[
    "collection",
    "systematisation",
    "development",
    "pilot",
    "refinement",
    "implementation",
    "shared",
]
KindValue = Literal["method", "tool", "template", "concept"]
VisibilityValue = Literal["garden", "network", "public"]
LicenceValue = Literal["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC0-1.0", ""]
RecommendationValue = Literal["adopt", "revise", "drop", ""]


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


def _caller(request):
    """Who reads an open endpoint: a token's user, the signed-in session, or anonymous.
    A token that is sent but not valid answers 401 rather than quietly reading as anonymous."""
    if request.headers.get("Authorization"):
        user = token_auth(request)
        if user is None:
            raise HttpError(401, "")
        return user
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else AnonymousUser()


# --- schemas ----------------------------------------------------------------------------------


class GardenRef(Schema):
    slug: str
    name: str


class AreaRef(Schema):
    slug: str
    name: str


class LinkOut(Schema):
    url: str
    title: str


class ContributorOut(Schema):
    email: str
    name: str


class MethodOut(Schema):
    ref: str
    title: str
    kind: str
    summary: str
    body: str = Field(description="Markdown")
    stage: str
    visibility: str
    licence: str
    owner: GardenRef
    areas: list[AreaRef]
    links: list[LinkOut]
    contributors: list[ContributorOut] = Field(description="Empty for anonymous callers")
    imported: bool
    shared_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_areas(obj) -> list:
        return list(obj.areas.all())

    @staticmethod
    def resolve_links(obj) -> list:
        return list(obj.links.all())

    @staticmethod
    def resolve_imported(obj) -> bool:
        return obj.is_imported

    @staticmethod
    def resolve_contributors(obj, context) -> list:
        caller = getattr(context["request"], "caller", None)
        if caller is None or not permissions.is_staff_member(caller):
            return []
        return list(obj.contributors.all())


class LinkIn(InputSchema):
    url: str = Field(max_length=500)
    title: str = Field("", max_length=200)


class MethodPatch(InputSchema):
    title: str = Field(max_length=200)
    kind: KindValue = "method"
    summary: str = Field("", max_length=1000)
    body: str = Field("", max_length=50000, description="Markdown")
    visibility: VisibilityValue = "garden"
    licence: LicenceValue = "CC-BY-4.0"
    areas: list[str] = Field([], description="Competence area slugs")
    contributors: list[str] = Field([], description="E-mail addresses of staff members")
    links: list[LinkIn] = []


class MethodIn(MethodPatch):
    garden: str | None = Field(None, description="Owner garden's slug; the operator only")


class StageIn(InputSchema):
    to: StageValue
    note: str = Field("", max_length=2000, description="Needed when moving back")


class StageOut(Schema):
    ref: str
    stage: str
    from_stage: str
    note: str
    at: datetime.datetime
    by: str


class MoveOut(Schema):
    from_stage: str
    to_stage: str
    note: str
    at: datetime.datetime
    by: str = Field(alias="actor_name")


class GateMissOut(Schema):
    code: str
    message: str


class StageErrorBody(Schema):
    status: int
    code: str = Field(description="gate_not_met or invalid_transition")
    message: str
    missing: list[GateMissOut] = []


class StageErrorOut(Schema):
    error: StageErrorBody


class PilotOut(Schema):
    id: int
    method: str
    garden: GardenRef
    starts_on: datetime.date
    ends_on: datetime.date | None
    participants: int | None
    context: str
    event_ref: str
    rating: int | None
    worked: str
    to_change: str
    recommendation: str
    evaluated_on: datetime.date | None
    completed: bool

    @staticmethod
    def resolve_method(obj) -> str:
        return obj.method.ref

    @staticmethod
    def resolve_completed(obj) -> bool:
        return obj.is_completed


class PilotPatch(InputSchema):
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    participants: int | None = Field(None, ge=0)
    context: str = Field("", max_length=2000)
    event_ref: str = Field("", max_length=80)
    rating: int | None = Field(None, ge=1, le=5)
    worked: str = Field("", max_length=4000)
    to_change: str = Field("", max_length=4000)
    recommendation: RecommendationValue = ""
    evaluated_on: datetime.date | None = None


class PilotIn(PilotPatch):
    garden: str | None = Field(None, description="Garden slug; the operator only")


# --- helpers ----------------------------------------------------------------------------------


def _with_details(methods: QuerySet[Method]) -> QuerySet[Method]:
    people = Person.objects.select_related("user").order_by("user__name", "pk")
    return methods.prefetch_related("links", Prefetch("contributors", queryset=people))


def _method(user, ref: str) -> Method:
    return get_object_or_404(_with_details(selectors.visible_methods(user)), ref=ref)


def _contributors(emails: list[str]) -> list[Person]:
    wanted = [email.lower() for email in emails]
    found = {
        p.user.email.lower(): p
        for p in Person.objects.select_related("user").filter(
            user__email__in=wanted, user__is_active=True
        )
    }
    for email in wanted:
        if email not in found:
            message = _("There is no staff member “%(email)s”.") % {"email": email}
            raise invalid_field("contributors", message)
    return [found[email] for email in dict.fromkeys(wanted)]


def _method_data(payload: dict) -> dict:
    data = dict(payload)
    if "areas" in data:
        data["areas"] = areas_from_slugs("areas", data["areas"])
    if "contributors" in data:
        data["contributors"] = _contributors(data["contributors"])
    if "links" in data:
        data["links"] = [(link["url"], link.get("title", "")) for link in data["links"]]
    return data


def _pilots(method: Method) -> QuerySet[Pilot]:
    return method.pilots.select_related("garden", "method").order_by("starts_on", "pk")


# --- methods ----------------------------------------------------------------------------------


def _identify(request) -> None:
    """The list's access check, run on every request (cached or not): who calls, 401 for a
    token that is not valid. The caller is ``request.auth`` too, as the cache keys on it."""
    request.caller = _caller(request)
    request.auth = request.caller if request.caller.is_authenticated else None


def _caller_scope(request) -> tuple:
    """What decides what the list shows its caller: which methods they may see, and whether
    they see the contributors (their garden and role as they are now)."""
    person = permissions.person_of(request.caller)
    return (
        getattr(request.caller, "is_superuser", False),
        getattr(person, "garden_id", None),
        getattr(person, "role", None),
    )


# What a method in the list shows: owner, areas, links, contributors (people and their users).
METHOD_LIST_TABLES = [
    Method,
    Garden,
    CompetenceArea,
    Method.areas.through,
    MethodLink,
    Method.contributors.through,
    Person,
    User,
]


@router.get("/methods", response=list[MethodOut], auth=None)
@freshness.api_cached("api.methods", METHOD_LIST_TABLES, _identify, vary=_caller_scope)
@paginate(LimitOffset)
def method_list(
    request,
    q: str = "",
    stage: StageValue | None = None,
    kind: KindValue | None = None,
    garden: str | None = None,
    area: str | None = None,
):
    """Methods the caller may see; without a token, those shared publicly. (``_identify``,
    run by ``api_cached`` first, has set ``request.caller``.)"""
    methods = selectors.filter_methods(
        selectors.visible_methods(request.caller),
        q=q,
        stage=stage or "",
        kind=kind or "",
        garden=garden_from_slug("garden", garden) if garden else None,
        area=areas_from_slugs("area", [area])[0] if area else None,
    )
    return _with_details(methods).order_by("title", "pk")


@router.get("/methods/{ref}", response=MethodOut, auth=None)
def method_detail(request, ref: str):
    request.caller = _caller(request)
    return _method(request.caller, ref)


@router.post("/methods", response={201: MethodOut})
def method_create(request, payload: MethodIn):
    request.caller = user = require_staff(request)
    data = _method_data(payload.model_dump())
    slug = data.pop("garden")
    if slug and permissions.is_operator(user):
        data["owner"] = garden_from_slug("garden", slug)
    method = services.method_create(actor=user, **data)
    return Status(201, _method(user, method.ref))


@router.patch("/methods/{ref}", response=MethodOut)
def method_update(request, ref: str, payload: PatchDict[MethodPatch]):
    request.caller = user = require_staff(request)
    method = access.get_method_for_edit(user, ref)
    services.method_update(actor=user, method=method, **_method_data(reject_nulls(payload)))
    return _method(user, ref)


# --- stages -----------------------------------------------------------------------------------


@router.get("/methods/{ref}/stages", response=list[MoveOut])
@paginate(LimitOffset)
def stage_history(request, ref: str):
    """Every move of the method: who, when, from, to and why."""
    return selectors.history(access.get_method_for_view(require_staff(request), ref))


@router.post("/methods/{ref}/stage", response={200: StageOut, 409: StageErrorOut})
def stage_move(request, ref: str, payload: StageIn):
    """Move the method forward one stage, or back to any earlier stage with a note. 409 when
    the lifecycle refuses: ``gate_not_met`` lists in ``missing`` what the gate misses."""
    user = require_staff(request)
    method = access.get_method_for_move(user, ref)
    try:
        method = services.method_move_stage(
            actor=user, method=method, to=payload.to, note=payload.note
        )
    except services.StageMoveRefused as exc:
        body = error_body(409, exc.message, code=exc.code)
        body["error"]["missing"] = [{"code": m.code, "message": m.message} for m in exc.missing]
        return Status(409, body)
    move = method.moves.order_by("-at", "-pk").first()
    return {
        "ref": method.ref,
        "stage": method.stage,
        "from_stage": move.from_stage,
        "note": move.note,
        "at": move.at,
        "by": move.actor_name,
    }


# --- pilots -----------------------------------------------------------------------------------


@router.get("/methods/{ref}/pilots", response=list[PilotOut])
@paginate(LimitOffset)
def pilot_list(request, ref: str):
    return _pilots(access.get_method_for_view(require_staff(request), ref))


@router.post("/methods/{ref}/pilots", response={201: PilotOut})
def pilot_create(request, ref: str, payload: PilotIn):
    user = require_staff(request)
    method = access.get_method_for_discussion(user, ref)
    data = payload.model_dump()
    slug = data.pop("garden")
    garden = garden_from_slug("garden", slug) if slug and permissions.is_operator(user) else None
    pilot = services.pilot_save(actor=user, method=method, garden=garden, **data)
    return Status(201, _pilots(method).get(pk=pilot.pk))


@router.patch("/pilots/{int:pilot_id}", response=PilotOut)
def pilot_update(request, pilot_id: int, payload: PatchDict[PilotPatch]):
    """Change a pilot or record its evaluation: the piloting garden, or the coordinator."""
    user = require_staff(request)
    pilot = get_object_or_404(
        Pilot.objects.select_related("garden", "method").filter(
            method__in=selectors.visible_methods(user)
        ),
        pk=pilot_id,
    )
    if not permissions.can_edit_pilot(user, pilot):
        raise PermissionDenied
    data = reject_nulls(payload, nullable=("ends_on", "participants", "rating", "evaluated_on"))
    services.pilot_save(actor=user, method=pilot.method, pilot=pilot, **data)
    return _pilots(pilot.method).get(pk=pilot.pk)
