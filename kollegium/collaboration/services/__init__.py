"""Every write of kollegium.collaboration: projects, work sessions, actions."""

from kollegium.collaboration.services.actions import (
    action_create,
    action_update,
    remind_overdue_actions,
)
from kollegium.collaboration.services.projects import (
    project_create,
    project_file_add,
    project_file_delete,
    project_set_members,
    project_update,
)
from kollegium.collaboration.services.sessions import (
    agenda_item_add,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
    agenda_reorder,
    decision_add,
    decision_delete,
    invitation_answer,
    session_create,
    session_invite,
    session_update,
    summary_send,
)

__all__ = [
    "action_create",
    "action_update",
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_update",
    "agenda_reorder",
    "decision_add",
    "decision_delete",
    "invitation_answer",
    "project_create",
    "project_file_add",
    "project_file_delete",
    "project_set_members",
    "project_update",
    "remind_overdue_actions",
    "session_create",
    "session_invite",
    "session_update",
    "summary_send",
]
