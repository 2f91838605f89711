"""Work sessions: plan, invite, answer, agenda, minutes, decisions and the summary e-mail."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kollegium.collaboration import selectors
from kollegium.collaboration.models import (
    AgendaItem,
    Answer,
    Decision,
    Invitation,
    Project,
    SessionStatus,
    WorkSession,
)
from kollegium.core.audit import audit
from kollegium.core.mail import queue_email
from kollegium.network import permissions
from kollegium.network.models import Person
from kollegium.notifications.services import notify, record_activity

SESSION_FIELDS = ("title", "purpose", "starts_at", "ends_at", "place", "online_url", "status")
AGENDA_FIELDS = ("title", "owner", "minutes_allotted", "minutes")


def _check_edit(actor, session: WorkSession) -> None:
    if not permissions.can_edit_session(actor, session, selectors.session_garden_ids(session)):
        raise PermissionDenied


def _check_times(starts_at, ends_at) -> None:
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The session must end after it starts.")})


def _notify_invited(actor, session: WorkSession, people: list[Person]) -> None:
    when = date_format(timezone.localtime(session.starts_at), "SHORT_DATETIME_FORMAT")
    for person in people:
        notify(
            recipient=person,
            kind="session_invitation",
            text=_("You are invited to the work session “%(title)s” on %(when)s.")
            % {"title": session.title, "when": when},
            url=session.get_absolute_url(),
            actor=actor,
        )


@transaction.atomic
def session_create(
    *,
    actor,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    project: Project | None = None,
    purpose: str = "",
    place: str = "",
    online_url: str = "",
    invitees: list[Person] = (),
) -> WorkSession:
    """Plan a work session; the actor organises it. For a project: those who edit it."""
    if not permissions.can_read_collaboration(actor):
        raise PermissionDenied
    if project is not None and not permissions.can_edit_project(
        actor, selectors.garden_ids(project)
    ):
        raise PermissionDenied
    if not title.strip():
        raise ValidationError({"title": _("Give the session a title.")})
    _check_times(starts_at, ends_at)
    session = WorkSession.objects.create(
        project=project,
        title=title.strip(),
        purpose=purpose,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        organiser=permissions.person_of(actor),
    )
    audit(
        actor=actor,
        action="collaboration.session.create",
        obj=session,
        project=project.slug if project else None,
        starts_at=starts_at.isoformat(),
    )
    if invitees:
        _invite(actor, session, list(invitees))
    return session


@transaction.atomic
def session_update(*, actor, session: WorkSession, **fields) -> WorkSession:
    """Change a session's title, purpose, time, place, link or status."""
    _check_edit(actor, session)
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "title" in fields and not (fields["title"] or "").strip():
        raise ValidationError({"title": _("Give the session a title.")})
    if "status" in fields and fields["status"] not in SessionStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    _check_times(fields.get("starts_at", session.starts_at), fields.get("ends_at", session.ends_at))
    changed = sorted(k for k, v in fields.items() if getattr(session, k) != v)
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()
    audit(actor=actor, action="collaboration.session.update", obj=session, fields=changed)
    return session


def _invite(actor, session: WorkSession, people: list[Person]) -> list[Person]:
    already = set(session.invitations.values_list("person_id", flat=True))
    new = [p for p in dict.fromkeys(people) if p.pk not in already and p.user.is_active]
    Invitation.objects.bulk_create(Invitation(session=session, person=p) for p in new)
    if new:
        audit(
            actor=actor,
            action="collaboration.session.invite",
            obj=session,
            people=[p.pk for p in new],
        )
        _notify_invited(actor, session, new)
    return new


@transaction.atomic
def session_invite(*, actor, session: WorkSession, people: list[Person]) -> list[Person]:
    """Invite staff members (from any garden); those already invited are left as they are.
    Each new invitee is notified. Returns the newly invited."""
    _check_edit(actor, session)
    return _invite(actor, session, people)


@transaction.atomic
def invitation_answer(*, actor, invitation: Invitation, answer: str) -> Invitation:
    """Coming or not coming: the invitee answers for themselves, and only for themselves."""
    if not permissions.can_answer_invitation(actor, invitation):
        raise PermissionDenied
    if answer not in (Answer.COMING, Answer.NOT_COMING):
        raise ValidationError({"answer": _("Answer coming or not coming.")})
    invitation.answer = answer
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["answer", "answered_at"])
    audit(
        actor=actor,
        action="collaboration.session.answer",
        obj=invitation.session,
        answer=answer,
    )
    return invitation


# --- agenda, minutes and decisions -------------------------------------------------------------


def _check_minutes_allotted(value) -> None:
    if value is not None and not 0 < value <= 600:
        raise ValidationError({"minutes_allotted": _("Give the time in minutes, from 1 to 600.")})


@transaction.atomic
def agenda_item_add(
    *,
    actor,
    session: WorkSession,
    title: str,
    owner: Person | None = None,
    minutes_allotted: int | None = None,
    minutes: str = "",
) -> AgendaItem:
    """Add a point at the end of the agenda."""
    _check_edit(actor, session)
    if not title.strip():
        raise ValidationError({"title": _("Give the agenda item a title.")})
    _check_minutes_allotted(minutes_allotted)
    last = session.agenda.aggregate(last=Max("position"))["last"]
    item = AgendaItem.objects.create(
        session=session,
        position=0 if last is None else last + 1,
        title=title.strip(),
        owner=owner,
        minutes_allotted=minutes_allotted,
        minutes=minutes,
    )
    audit(actor=actor, action="collaboration.agenda.add", obj=session, item=item.pk)
    return item


@transaction.atomic
def agenda_item_update(*, actor, item: AgendaItem, **fields) -> AgendaItem:
    """Change an agenda point, or write its minutes."""
    _check_edit(actor, item.session)
    unknown = set(fields) - set(AGENDA_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "title" in fields and not (fields["title"] or "").strip():
        raise ValidationError({"title": _("Give the agenda item a title.")})
    _check_minutes_allotted(fields.get("minutes_allotted"))
    changed = sorted(k for k, v in fields.items() if getattr(item, k) != v)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    audit(
        actor=actor,
        action="collaboration.agenda.update",
        obj=item.session,
        item=item.pk,
        fields=changed,
    )
    return item


@transaction.atomic
def agenda_reorder(*, actor, session: WorkSession, order: list[int]) -> None:
    """Put the agenda in this order of item ids (every item of the session, once)."""
    _check_edit(actor, session)
    items = {i.pk: i for i in AgendaItem.objects.filter(session=session).select_for_update()}
    if sorted(order) != sorted(items) or len(set(order)) != len(order):
        raise ValidationError({"order": _("List every item of the agenda once.")})
    for position, pk in enumerate(order):
        items[pk].position = position
    AgendaItem.objects.bulk_update(items.values(), ["position"])
    audit(actor=actor, action="collaboration.agenda.reorder", obj=session, order=order)


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, direction: str) -> None:
    """Move a point one place up or down."""
    order = list(item.session.agenda.order_by("position", "pk").values_list("pk", flat=True))
    index = order.index(item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    agenda_reorder(actor=actor, session=item.session, order=order)


@transaction.atomic
def agenda_item_delete(*, actor, item: AgendaItem) -> None:
    session = item.session
    _check_edit(actor, session)
    title = item.title
    item.delete()
    audit(actor=actor, action="collaboration.agenda.delete", obj=session, title=title)


@transaction.atomic
def decision_add(
    *, actor, session: WorkSession, text: str, agenda_item: AgendaItem | None = None
) -> Decision:
    """Record a decision, under an agenda point of the same session or for the session."""
    _check_edit(actor, session)
    if not text.strip():
        raise ValidationError({"text": _("Write the decision.")})
    if agenda_item is not None and agenda_item.session_id != session.pk:
        raise ValidationError({"agenda_item": _("Choose a point of this session's agenda.")})
    decision = Decision.objects.create(session=session, text=text.strip(), agenda_item=agenda_item)
    audit(actor=actor, action="collaboration.decision.add", obj=session, decision=decision.pk)
    return decision


@transaction.atomic
def decision_delete(*, actor, decision: Decision) -> None:
    session = decision.session
    _check_edit(actor, session)
    text = decision.text
    decision.delete()
    audit(actor=actor, action="collaboration.decision.delete", obj=session, text=text[:200])


# --- the summary -------------------------------------------------------------------------------


@transaction.atomic
def summary_send(*, actor, session: WorkSession) -> int:
    """E-mail the agenda with minutes, the decisions and the actions to every invitee, once.
    The session counts as held from then on, and its minutes join the network's feed.
    Returns the number of e-mails queued."""
    _check_edit(actor, session)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("The session is cancelled: there is no summary to send."))
    if session.starts_at > timezone.now():
        raise ValidationError(_("The summary goes out after the session has started."))
    now = timezone.now()
    me = permissions.person_of(actor)
    # Claim the sending with a conditional update, so two clicks (or two servers) send once.
    claimed = WorkSession.objects.filter(pk=session.pk, summary_sent_at__isnull=True).update(
        summary_sent_at=now,
        summary_sent_by=me,
        status=SessionStatus.HELD,
        updated_at=now,
    )
    if not claimed:
        raise ValidationError(_("The summary of this session has already been sent."))
    session = selectors.session_for_page(session.pk)
    context = {
        "session": session,
        "agenda": list(session.agenda.all()),
        "decisions": list(session.decisions.all()),
        "actions": list(session.actions.all()),
        "url": settings.SITE_URL + session.get_absolute_url(),
        "sender": me.name if me else "",
    }
    recipients = [i.person for i in session.invitations.all() if i.person.user.is_active]
    for person in recipients:
        queue_email(
            to=person.email,
            template="collaboration/email/summary",
            context={**context, "recipient": person},
        )
    record_activity(
        kind="session_minutes",
        text=session.title,
        url=session.get_absolute_url(),
        actor=actor,
    )
    audit(
        actor=actor,
        action="collaboration.session.summary_sent",
        obj=session,
        recipients=len(recipients),
    )
    return len(recipients)
