"""Action items: create, update (status, owner, due date) and the one reminder when overdue."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kollegium.collaboration import selectors
from kollegium.collaboration.models import ActionItem, ActionStatus, Project, WorkSession
from kollegium.core.audit import audit
from kollegium.core.mail import queue_email
from kollegium.network import permissions
from kollegium.network.models import Person
from kollegium.notifications.services import notify

ACTION_FIELDS = ("what", "owner", "due_on", "status", "method", "event")


def _notify_owner(actor, action: ActionItem) -> None:
    text = _("You have a new action: %(what)s") % {"what": action.what}
    if action.due_on:
        text = _("You have a new action, due %(due)s: %(what)s") % {
            "what": action.what,
            "due": date_format(action.due_on, "SHORT_DATE_FORMAT"),
        }
    notify(recipient=action.owner, kind="action", text=text, url=_url(action), actor=actor)


def _url(action: ActionItem) -> str:
    if action.session_id:
        return action.session.get_absolute_url() + "#actions"
    return action.project.get_absolute_url() + "#actions"


def _check_owner(owner: Person | None) -> None:
    if owner is None or not owner.user.is_active:
        raise ValidationError({"owner": _("Choose an active staff member as responsible.")})


@transaction.atomic
def action_create(
    *,
    actor,
    what: str,
    owner: Person,
    session: WorkSession | None = None,
    project: Project | None = None,
    due_on: datetime.date | None = None,
    method=None,
    event=None,
) -> ActionItem:
    """A new action from a work session (which also ties it to the session's project) or
    from a project. The owner is notified."""
    if session is not None:
        garden_ids = selectors.session_garden_ids(session)
        if not permissions.can_edit_session(actor, session, garden_ids):
            raise PermissionDenied
        project = session.project
    elif project is not None:
        if not permissions.can_edit_project(actor, selectors.garden_ids(project)):
            raise PermissionDenied
    else:
        raise ValidationError(_("An action belongs to a work session or a project."))
    if not what.strip():
        raise ValidationError({"what": _("Say what is to be done.")})
    _check_owner(owner)
    action = ActionItem.objects.create(
        session=session,
        project=project,
        what=what.strip(),
        owner=owner,
        due_on=due_on,
        method=method,
        event=event,
        created_by=permissions.person_of(actor),
    )
    audit(
        actor=actor,
        action="collaboration.action.create",
        obj=action,
        owner=owner.pk,
        due_on=due_on.isoformat() if due_on else None,
    )
    _notify_owner(actor, action)
    return action


@transaction.atomic
def action_update(*, actor, action: ActionItem, **fields) -> ActionItem:
    """Change an action: its owner, due date, status (open, done, cancelled), what it produced.
    A new owner is notified; a new due date earns a new reminder when that one passes."""
    if not permissions.can_edit_action(actor, action, selectors.action_garden_ids(action)):
        raise PermissionDenied
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "what" in fields and not (fields["what"] or "").strip():
        raise ValidationError({"what": _("Say what is to be done.")})
    if "status" in fields and fields["status"] not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    if "owner" in fields:
        _check_owner(fields["owner"])
    changed = sorted(k for k, v in fields.items() if getattr(action, k) != v)
    new_owner = "owner" in changed
    for name, value in fields.items():
        setattr(action, name, value)
    if "status" in changed:
        action.done_at = timezone.now() if action.status == ActionStatus.DONE else None
    if "due_on" in changed:
        action.reminded_at = None
    action.save()
    audit(actor=actor, action="collaboration.action.update", obj=action, fields=changed)
    if new_owner:
        _notify_owner(actor, action)
    return action


def remind_overdue_actions() -> int:
    """E-mail each open action past its due date to its owner, once (``reminded_at``).

    Each action is claimed with a conditional update before its e-mail is queued, in its own
    transaction, so a doubled or overlapping run (also on another machine) reminds once.
    """
    sent = 0
    for action in selectors.overdue_unreminded().iterator():
        with transaction.atomic():
            claimed = ActionItem.objects.filter(pk=action.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not claimed or not action.owner.user.is_active:
                continue
            queue_email(
                to=action.owner.email,
                template="collaboration/email/action_reminder",
                context={
                    "action": action,
                    "recipient": action.owner,
                    "url": settings.SITE_URL + action.get_absolute_url(),
                },
            )
            audit(actor=None, action="collaboration.action.reminded", obj=action)
            sent += 1
    return sent
