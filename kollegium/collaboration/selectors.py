"""Reads of projects, work sessions and actions, with their related rows fetched up front so
each page costs a fixed number of queries."""

import datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from kollegium.collaboration.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Invitation,
    Project,
    WorkSession,
)
from kollegium.methods.selectors import visible_methods
from kollegium.network.models import Garden
from kollegium.programme.models import Event, EventStatus


def today() -> datetime.date:
    """Today in the site's time zone (Europe/Oslo): due dates are local dates."""
    return timezone.localdate()


def projects(*, q: str = "", status: str = "", garden: Garden | None = None) -> QuerySet[Project]:
    """Projects for the list: gardens, leader and the number of sessions, in two queries."""
    rows = Project.objects.select_related("leader__user").prefetch_related(
        Prefetch("gardens", queryset=Garden.objects.order_by("name"))
    )
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(description__icontains=q))
    if status:
        rows = rows.filter(status=status)
    if garden is not None:
        rows = rows.filter(
            pk__in=Project.gardens.through.objects.filter(garden=garden).values("project_id")
        )
    return rows.annotate(session_count=Count("sessions", distinct=True)).order_by("name", "pk")


def garden_ids(project: Project | None) -> list[int]:
    """The participating gardens' ids (from the prefetch cache when there is one)."""
    if project is None:
        return []
    return [g.pk for g in project.gardens.all()]


def session_garden_ids(session: WorkSession) -> list[int]:
    """Whose staff edit the session: the project's gardens, else the organiser's garden."""
    if session.project_id is not None:
        return garden_ids(session.project)
    return [session.organiser.garden_id] if session.organiser_id else []


def action_garden_ids(action: ActionItem) -> list[int]:
    if action.session_id is not None:
        return session_garden_ids(action.session)
    return garden_ids(action.project)


def sessions() -> QuerySet[WorkSession]:
    """Work sessions with their project, organiser and the number invited and coming."""
    return (
        WorkSession.objects.select_related("project", "organiser__user")
        .annotate(
            invited_count=Count("invitations", distinct=True),
            coming_count=Count(
                "invitations", filter=Q(invitations__answer="coming"), distinct=True
            ),
        )
        .order_by("-starts_at", "pk")
    )


def session_for_page(pk: int) -> WorkSession:
    """One session with everything its page, print view and summary show."""
    people = "person__user", "person__garden"
    return (
        WorkSession.objects.select_related("project", "organiser__user", "organiser__garden")
        .prefetch_related(
            Prefetch("project__gardens", queryset=Garden.objects.order_by("name")),
            Prefetch(
                "agenda",
                queryset=AgendaItem.objects.select_related("owner__user").prefetch_related(
                    "decisions"
                ),
            ),
            Prefetch("invitations", queryset=Invitation.objects.select_related(*people)),
            Prefetch("decisions"),
            Prefetch("actions", queryset=actions_with_details()),
        )
        .get(pk=pk)
    )


def actions_with_details() -> QuerySet[ActionItem]:
    return ActionItem.objects.select_related(
        "owner__user", "owner__garden", "session", "project", "method", "event"
    ).order_by("due_on", "pk")


def actions(
    *, owner=None, status: str = "", project: Project | None = None, overdue: bool = False
) -> QuerySet[ActionItem]:
    rows = actions_with_details()
    if owner is not None:
        rows = rows.filter(owner=owner)
    if status:
        rows = rows.filter(status=status)
    if project is not None:
        rows = rows.filter(project=project)
    if overdue:
        rows = rows.filter(status=ActionStatus.OPEN, due_on__lt=today())
    return rows


def open_actions_for(person) -> QuerySet[ActionItem]:
    """A person's open actions, the earliest due first (no due date last)."""
    return actions(owner=person, status=ActionStatus.OPEN).order_by(
        F("due_on").asc(nulls_last=True), "pk"
    )


def overdue_unreminded() -> QuerySet[ActionItem]:
    """Open actions past their due date that have not had their reminder."""
    return actions(overdue=True).filter(reminded_at__isnull=True)


def project_page(project: Project, user) -> dict:
    """What the project page gathers: sessions, open actions, linked events and methods."""
    return {
        "sessions": list(sessions().filter(project=project)),
        "open_actions": list(actions(project=project, status=ActionStatus.OPEN)),
        # Drafts are their hosts' business; the project page shows what is published.
        "events": list(
            project.events.exclude(status=EventStatus.DRAFT).order_by("starts_at", "pk")
        ),
        "methods": list(
            visible_methods(user)
            .filter(projects=project)
            .select_related("owner")
            .order_by("title", "pk")
        ),
        "links": list(project.links.all()),
        "files": list(project.files.all()),
    }


def projects_for_page() -> QuerySet[Project]:
    """Projects with their leader and gardens, for one project's page or edit."""
    return Project.objects.select_related("leader__user", "leader__garden").prefetch_related(
        Prefetch("gardens", queryset=Garden.objects.order_by("name"))
    )


def linkable_events() -> QuerySet[Event]:
    """Events a project or an action may point to: all but drafts."""
    return Event.objects.exclude(status=EventStatus.DRAFT).order_by("-starts_at", "pk")
