"""Object access for collaboration: return the object or raise 404 / 403.

Every staff member reads every project, session and action (see the Collaboration section of
kollegium/network/permissions.py); editing answers 403 to those who may read but not change.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from kollegium.collaboration import selectors
from kollegium.collaboration.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Invitation,
    Project,
    ProjectFile,
    WorkSession,
)
from kollegium.network import permissions


def _staff(user) -> None:
    if not permissions.can_read_collaboration(user):
        raise PermissionDenied


def get_project_for_view(user, slug: str) -> Project:
    """A project with its leader and gardens; every staff member reads every project."""
    _staff(user)
    return get_object_or_404(selectors.projects_for_page(), slug=slug)


def get_project_for_edit(user, slug: str) -> Project:
    """A project of one of the user's gardens (any, for the coordinator); else 403."""
    project = get_project_for_view(user, slug)
    if not permissions.can_edit_project(user, selectors.garden_ids(project)):
        raise PermissionDenied
    return project


def get_project_for_members(user, slug: str) -> Project:
    """A project whose gardens the user may change: its leader, the coordinator."""
    project = get_project_for_view(user, slug)
    if not permissions.can_manage_project_members(user, project):
        raise PermissionDenied
    return project


def get_file_for_view(user, slug: str, pk: int) -> ProjectFile:
    project = get_project_for_view(user, slug)
    stored = get_object_or_404(ProjectFile, project=project, pk=pk)
    stored.project = project
    return stored


def get_file_for_edit(user, slug: str, pk: int) -> ProjectFile:
    project = get_project_for_edit(user, slug)
    stored = get_object_or_404(ProjectFile, project=project, pk=pk)
    stored.project = project
    return stored


def get_session_for_view(user, pk: int) -> WorkSession:
    """A work session with its agenda, minutes, decisions, actions and invitations."""
    _staff(user)
    try:
        return selectors.session_for_page(pk)
    except WorkSession.DoesNotExist:
        raise Http404 from None


def get_session_for_edit(user, pk: int) -> WorkSession:
    """A session the user may change: organiser, editors of its project (or staff of the
    organiser's garden), the coordinator; else 403."""
    session = get_session_for_view(user, pk)
    if not permissions.can_edit_session(user, session, selectors.session_garden_ids(session)):
        raise PermissionDenied
    return session


def get_own_invitation(user, session: WorkSession) -> Invitation:
    """The user's own invitation to the session; 404 for anyone not invited."""
    person = permissions.person_of(user)
    invitation = next(
        (i for i in session.invitations.all() if person and i.person_id == person.pk), None
    )
    if invitation is None:
        raise Http404
    return invitation


def get_agenda_item_for_edit(user, session_pk: int, pk: int) -> AgendaItem:
    session = get_session_for_edit(user, session_pk)
    item = get_object_or_404(AgendaItem, session=session, pk=pk)
    item.session = session
    return item


def get_decision_for_edit(user, session_pk: int, pk: int) -> Decision:
    session = get_session_for_edit(user, session_pk)
    decision = get_object_or_404(Decision, session=session, pk=pk)
    decision.session = session
    return decision


def get_action_for_view(user, pk: int) -> ActionItem:
    _staff(user)
    return get_object_or_404(
        selectors.actions_with_details().select_related("session__organiser"), pk=pk
    )


def get_action_for_edit(user, pk: int) -> ActionItem:
    """An action its owner, or an editor of its session or project, may change; else 403."""
    action = get_action_for_view(user, pk)
    if not permissions.can_edit_action(user, action, selectors.action_garden_ids(action)):
        raise PermissionDenied
    return action
