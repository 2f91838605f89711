"""API of collaboration: projects, work sessions (agenda, minutes, decisions, invitations)
and actions. Every staff member reads all of them; writes follow the same rules as the UI
because they call the same access helpers and services. Lists are paginated (limit/offset).
"""

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import PatchDict, Router, Status
from ninja.pagination import paginate

from kollegium.api.auth import require_staff
from kollegium.api.errors import invalid_field, reject_nulls
from kollegium.api.pagination import LimitOffset
from kollegium.collaboration import access, selectors, services
from kollegium.collaboration.api_schemas import (
    ActionIn,
    ActionOut,
    ActionPatch,
    ActionStatusValue,
    AgendaItemIn,
    AgendaItemOut,
    AgendaOrderIn,
    AnswerIn,
    DecisionIn,
    DecisionOut,
    InviteIn,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    ProjectStatusValue,
    SessionIn,
    SessionOut,
    SessionPatch,
    SummaryOut,
)
from kollegium.collaboration.models import AgendaItem, Invitation, Project, WorkSession
from kollegium.methods.models import Method
from kollegium.methods.selectors import visible_methods
from kollegium.network import permissions
from kollegium.network.api import garden_from_slug
from kollegium.network.models import Garden, Person
from kollegium.programme.models import Event

router = Router(tags=["collaboration"])

# --- look-ups of natural keys ------------------------------------------------------------------


def _people(field: str, emails: list[str]) -> list[Person]:
    wanted = [e.lower() for e in emails]
    found = {
        p.user.email.lower(): p
        for p in Person.objects.select_related("user", "garden").filter(
            user__email__in=wanted, user__is_active=True
        )
    }
    for email in wanted:
        if email not in found:
            raise invalid_field(
                field, _("There is no staff member “%(email)s”.") % {"email": email}
            )
    return [found[e] for e in dict.fromkeys(wanted)]


def _person(field: str, email: str | None) -> Person | None:
    return _people(field, [email])[0] if email else None


def _events(field: str, refs: list[str]) -> list[Event]:
    found = {e.ref: e for e in selectors.linkable_events().filter(ref__in=refs)}
    for ref in refs:
        if ref not in found:
            raise invalid_field(field, _("There is no event “%(ref)s”.") % {"ref": ref})
    return [found[r] for r in dict.fromkeys(refs)]


def _methods(user, field: str, refs: list[str]) -> list[Method]:
    found = {m.ref: m for m in visible_methods(user).filter(ref__in=refs)}
    for ref in refs:
        if ref not in found:
            raise invalid_field(field, _("There is no method “%(ref)s”.") % {"ref": ref})
    return [found[r] for r in dict.fromkeys(refs)]


def _project_ref(field: str, slug: str | None) -> Project | None:
    if not slug:
        return None
    project = selectors.projects_for_page().filter(slug=slug).first()
    if project is None:
        raise invalid_field(field, _("There is no project “%(slug)s”.") % {"slug": slug})
    return project


# --- projects ----------------------------------------------------------------------------------


def _projects() -> QuerySet[Project]:
    return (
        Project.objects.select_related("leader__user", "leader__garden")
        .prefetch_related(
            Prefetch("gardens", queryset=Garden.objects.order_by("name")),
            "links",
            Prefetch("events", queryset=Event.objects.order_by("starts_at", "pk")),
            Prefetch("methods", queryset=Method.objects.order_by("title", "pk")),
        )
        .order_by("name", "pk")
    )


def _project_data(user, data: dict) -> dict:
    if "links" in data:
        data["links"] = [(link["url"], link.get("title", "")) for link in data["links"]]
    if "events" in data:
        data["events"] = _events("events", data["events"])
    if "methods" in data:
        data["methods"] = _methods(user, "methods", data["methods"])
    return data


def _gardens(slugs: list[str]) -> list[Garden]:
    return [garden_from_slug("gardens", slug) for slug in dict.fromkeys(slugs)]


@router.get("/projects", response=list[ProjectOut])
@paginate(LimitOffset)
def project_list(request, q: str = "", status: ProjectStatusValue | None = None):
    """Every project (all staff read them), by name."""
    require_staff(request)
    wanted = selectors.projects(q=q[:100], status=status or "").values("pk")
    return _projects().filter(pk__in=wanted)


@router.get("/projects/{slug}", response=ProjectOut)
def project_detail(request, slug: str):
    access.get_project_for_view(require_staff(request), slug)
    return _projects().get(slug=slug)


@router.post("/projects", response={201: ProjectOut})
def project_create(request, payload: ProjectIn):
    user = require_staff(request)
    data = _project_data(user, payload.model_dump())
    data["gardens"] = _gardens(data["gardens"])
    data["leader"] = _person("leader", data["leader"])
    project = services.project_create(actor=user, **data)
    return Status(201, _projects().get(pk=project.pk))


@router.patch("/projects/{slug}", response=ProjectOut)
def project_update(request, slug: str, payload: PatchDict[ProjectPatch]):
    """Change a project (staff of its gardens, the coordinator); ``gardens`` and ``leader``
    only the project leader and the coordinator."""
    user = require_staff(request)
    data = reject_nulls(payload, nullable=("starts_on", "ends_on", "leader"))
    gardens, leader = data.pop("gardens", None), data.pop("leader", None)
    members = gardens is not None or leader is not None
    # Both checks before any write, so a refused membership change leaves the text unchanged.
    project = access.get_project_for_edit(user, slug) if data or not members else None
    if members:
        project = access.get_project_for_members(user, slug)
    with transaction.atomic():
        if data:
            services.project_update(actor=user, project=project, **_project_data(user, data))
        if members:
            services.project_set_members(
                actor=user,
                project=project,
                gardens=_gardens(gardens) if gardens is not None else list(project.gardens.all()),
                leader=_person("leader", leader),
            )
    return _projects().get(slug=slug)


# --- work sessions -----------------------------------------------------------------------------


def _sessions() -> QuerySet[WorkSession]:
    people = ("person__user", "person__garden")
    return (
        WorkSession.objects.select_related("project", "organiser__user", "organiser__garden")
        .prefetch_related(
            Prefetch(
                "agenda", queryset=AgendaItem.objects.select_related("owner__user", "owner__garden")
            ),
            "decisions",
            Prefetch("invitations", queryset=Invitation.objects.select_related(*people)),
        )
        .order_by("-starts_at", "pk")
    )


@router.get("/work-sessions", response=list[SessionOut])
@paginate(LimitOffset)
def session_list(request, project: str | None = None):
    """Work sessions, the latest first, with agenda, minutes, decisions and invitations."""
    require_staff(request)
    sessions = _sessions()
    if project:
        sessions = sessions.filter(project=_project_ref("project", project))
    return sessions


@router.get("/work-sessions/{int:session_id}", response=SessionOut)
def session_detail(request, session_id: int):
    access.get_session_for_view(require_staff(request), session_id)
    return _sessions().get(pk=session_id)


@router.post("/work-sessions", response={201: SessionOut})
def session_create(request, payload: SessionIn):
    user = require_staff(request)
    data = payload.model_dump()
    data["project"] = _project_ref("project", data["project"])
    data["invitees"] = _people("invitees", data["invitees"])
    session = services.session_create(actor=user, **data)
    return Status(201, _sessions().get(pk=session.pk))


@router.patch("/work-sessions/{int:session_id}", response=SessionOut)
def session_update(request, session_id: int, payload: PatchDict[SessionPatch]):
    user = require_staff(request)
    session = access.get_session_for_edit(user, session_id)
    services.session_update(actor=user, session=session, **reject_nulls(payload))
    return _sessions().get(pk=session_id)


@router.post("/work-sessions/{int:session_id}/invitations", response=SessionOut)
def session_invite(request, session_id: int, payload: InviteIn):
    """Invite staff members; those already invited stay as they are. Each new one is notified."""
    user = require_staff(request)
    session = access.get_session_for_edit(user, session_id)
    services.session_invite(actor=user, session=session, people=_people("people", payload.people))
    return _sessions().get(pk=session_id)


@router.put("/work-sessions/{int:session_id}/answer", response=SessionOut)
def session_answer(request, session_id: int, payload: AnswerIn):
    """The caller's own answer to their invitation (404 when not invited)."""
    user = require_staff(request)
    session = access.get_session_for_view(user, session_id)
    invitation = access.get_own_invitation(user, session)
    services.invitation_answer(actor=user, invitation=invitation, answer=payload.answer)
    return _sessions().get(pk=session_id)


@router.post("/work-sessions/{int:session_id}/agenda", response={201: AgendaItemOut})
def agenda_add(request, session_id: int, payload: AgendaItemIn):
    user = require_staff(request)
    session = access.get_session_for_edit(user, session_id)
    data = payload.model_dump()
    data["owner"] = _person("owner", data["owner"])
    item = services.agenda_item_add(actor=user, session=session, **data)
    return Status(201, item)


@router.put("/work-sessions/{int:session_id}/agenda/order", response=list[AgendaItemOut])
def agenda_order(request, session_id: int, payload: AgendaOrderIn):
    user = require_staff(request)
    session = access.get_session_for_edit(user, session_id)
    services.agenda_reorder(actor=user, session=session, order=payload.order)
    return list(session.agenda.select_related("owner__user", "owner__garden").order_by("position"))


@router.patch("/agenda-items/{int:item_id}", response=AgendaItemOut)
def agenda_update(request, item_id: int, payload: PatchDict[AgendaItemIn]):
    """Change an agenda item or write its minutes."""
    user = require_staff(request)
    session_id = get_object_or_404(
        AgendaItem.objects.values_list("session_id", flat=True), pk=item_id
    )
    item = access.get_agenda_item_for_edit(user, session_id, item_id)
    data = reject_nulls(payload, nullable=("owner", "minutes_allotted"))
    if "owner" in data:
        data["owner"] = _person("owner", data["owner"])
    services.agenda_item_update(actor=user, item=item, **data)
    return AgendaItem.objects.select_related("owner__user", "owner__garden").get(pk=item_id)


@router.post("/work-sessions/{int:session_id}/decisions", response={201: DecisionOut})
def decision_add(request, session_id: int, payload: DecisionIn):
    user = require_staff(request)
    session = access.get_session_for_edit(user, session_id)
    item = None
    if payload.agenda_item is not None:
        item = session.agenda.filter(pk=payload.agenda_item).first()
        if item is None:
            raise invalid_field("agenda_item", _("Choose a point of this session's agenda."))
    decision = services.decision_add(
        actor=user, session=session, text=payload.text, agenda_item=item
    )
    return Status(201, decision)


@router.post("/work-sessions/{int:session_id}/summary", response=SummaryOut)
def summary_send(request, session_id: int):
    """E-mail the summary to everyone invited, once; 422 when it has already gone."""
    user = require_staff(request)
    session = access.get_session_for_edit(user, session_id)
    sent = services.summary_send(actor=user, session=session)
    session.refresh_from_db(fields=["summary_sent_at"])
    return {"sent": sent, "summary_sent_at": session.summary_sent_at}


# --- actions -----------------------------------------------------------------------------------


def _action_links(user, data: dict) -> dict:
    if "owner" in data:
        data["owner"] = _person("owner", data["owner"])
    if "method" in data:
        data["method"] = _methods(user, "method", [data["method"]])[0] if data["method"] else None
    if "event" in data:
        data["event"] = _events("event", [data["event"]])[0] if data["event"] else None
    return data


@router.get("/actions", response=list[ActionOut])
@paginate(LimitOffset)
def action_list(
    request,
    owner: str | None = None,
    status: ActionStatusValue | None = None,
    project: str | None = None,
    overdue: bool = False,
):
    """Actions, the earliest due first; ``owner`` an e-mail (``me`` for the caller)."""
    user = require_staff(request)
    person = None
    if owner == "me":
        person = permissions.person_of(user)
        if person is None:
            return selectors.actions().none()
    elif owner:
        person = _person("owner", owner)
    return selectors.actions(
        owner=person,
        status=status or "",
        project=_project_ref("project", project),
        overdue=overdue,
    )


@router.get("/actions/{int:action_id}", response=ActionOut)
def action_detail(request, action_id: int):
    return access.get_action_for_view(require_staff(request), action_id)


@router.post("/actions", response={201: ActionOut})
def action_create(request, payload: ActionIn):
    """A new action of a work session (``session``) or of a project (``project``)."""
    user = require_staff(request)
    data = _action_links(user, payload.model_dump())
    session_id, slug = data.pop("session"), data.pop("project")
    session = access.get_session_for_view(user, session_id) if session_id else None
    project = None if session else _project_ref("project", slug)
    action = services.action_create(actor=user, session=session, project=project, **data)
    return Status(201, access.get_action_for_view(user, action.pk))


@router.patch("/actions/{int:action_id}", response=ActionOut)
def action_update(request, action_id: int, payload: PatchDict[ActionPatch]):
    """Change an action: its owner, or those who edit its session or project."""
    user = require_staff(request)
    action = access.get_action_for_edit(user, action_id)
    data = reject_nulls(payload, nullable=("due_on", "method", "event"))
    services.action_update(actor=user, action=action, **_action_links(user, data))
    return access.get_action_for_view(user, action_id)
