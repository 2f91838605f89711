"""Every write to referrals: ask, answer, talk, record the outcome.

Each service checks who may, audits, notifies the other person ("referral" notifications)
and, where the brief asks, moves the need's status through kollegium.companies.services.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.companies import access as company_access
from kollegium.companies import services as company_services
from kollegium.companies.models import Need, NeedStatus
from kollegium.core.audit import audit
from kollegium.network import permissions
from kollegium.network.models import Person
from kollegium.notifications.models import ActivityKind
from kollegium.notifications.services import notify, record_activity
from kollegium.referrals.models import Message, Referral, Status

MAX_PEOPLE = 10


def _me(actor) -> Person:
    person = permissions.person_of(actor)
    if person is None:
        raise PermissionDenied
    return person


@transaction.atomic
def referral_create(*, actor, need: Need, to_people: list[Person], message: str) -> list[Referral]:
    """Ask one or more colleagues (own or other gardens) for help with ``need``.

    Only staff of a garden serving the need's company may ask. Asking yourself, an inactive
    account, or someone already asked (and not declined) about this need is refused.
    """
    if not permissions.can_refer_need(actor, company_access.served_garden_ids(need.company)):
        raise PermissionDenied
    me = _me(actor)
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write a message to your colleagues.")})
    if not to_people:
        raise ValidationError({"to_people": _("Choose at least one colleague.")})
    if len(to_people) > MAX_PEOPLE:
        raise ValidationError(
            {"to_people": _("Ask at most %(count)d colleagues at a time.") % {"count": MAX_PEOPLE}}
        )
    if any(p.pk == me.pk for p in to_people):
        raise ValidationError({"to_people": _("You cannot ask yourself.")})
    if any(not p.user.is_active for p in to_people):
        raise ValidationError({"to_people": _("Only active staff members can be asked.")})
    already = set(
        Referral.objects.filter(need=need, to_person__in=to_people)
        .exclude(status=Status.DECLINED)
        .values_list("to_person_id", flat=True)
    )
    if already:
        names = ", ".join(p.name for p in to_people if p.pk in already)
        raise ValidationError(
            {"to_people": _("Already asked about this need: %(names)s.") % {"names": names}}
        )
    referrals = []
    for person in dict((p.pk, p) for p in to_people).values():
        try:
            with transaction.atomic():
                referral = Referral.objects.create(
                    need=need,
                    company=need.company,
                    from_person=me,
                    from_garden_id=me.garden_id,
                    to_person=person,
                    to_garden_id=person.garden_id,
                    message=message,
                )
        except IntegrityError as error:  # asked at the same moment by a parallel request
            raise ValidationError({"to_people": _("Already asked about this need.")}) from error
        audit(
            actor=actor,
            action="referral.created",
            obj=referral,
            need=need.pk,
            company=need.company.org_number,
            to=person.email,
        )
        notify(
            recipient=person,
            kind="referral",
            text=_("%(name)s asks for your help with a need of %(company)s")
            % {"name": me.name, "company": need.company.name},
            url=referral.get_absolute_url(),
            actor=actor,
        )
        referrals.append(referral)
    return referrals


def _locked(referral: Referral) -> Referral:
    """The referral re-read under a row lock, so two answers cannot both win."""
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related(
            "need__company", "from_person__user", "to_person__user", "from_garden", "to_garden"
        )
        .get(pk=referral.pk)
    )


@transaction.atomic
def referral_answer(*, actor, referral: Referral, accept: bool, reason: str = "") -> Referral:
    """The asked colleague accepts (the need and the company's contacts become readable to
    them, and the sharing is logged) or declines with a reason."""
    me = _me(actor)
    referral = _locked(referral)
    if referral.to_person_id != me.pk:
        raise PermissionDenied
    if referral.status != Status.PENDING:
        raise ValidationError(_("This referral has already been answered."))
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Say briefly why you decline.")})
    referral.status = Status.ACCEPTED if accept else Status.DECLINED
    referral.decline_reason = "" if accept else reason
    referral.answered_at = timezone.now()
    referral.save(update_fields=["status", "decline_reason", "answered_at"])
    audit(
        actor=actor,
        action="referral.accepted" if accept else "referral.declined",
        obj=referral,
        reason=referral.decline_reason,
    )
    if accept:
        # The sharing itself, logged on the company: who may now read which need.
        audit(
            actor=actor,
            action="referral.data_shared",
            obj=referral.company,
            referral=referral.pk,
            need=referral.need_id,
            shared_with=me.email,
            shared_by=referral.from_person.email if referral.from_person else "",
        )
        if referral.need.status == NeedStatus.OPEN:
            company_services.need_status_from_referral(
                actor=actor,
                need=referral.need,
                status=NeedStatus.IN_PROGRESS,
                referral_id=referral.pk,
            )
    if referral.from_person is not None:
        text = (
            _("%(name)s accepted your referral about %(company)s")
            if accept
            else _("%(name)s declined your referral about %(company)s")
        )
        notify(
            recipient=referral.from_person,
            kind="referral",
            text=text % {"name": me.name, "company": referral.company.name},
            url=referral.get_absolute_url(),
            actor=actor,
        )
    return referral


@transaction.atomic
def message_add(*, actor, referral: Referral, text: str) -> Message:
    """A message in the referral's thread, from either of its two people."""
    me = _me(actor)
    if not permissions.is_referral_party(actor, referral):
        raise PermissionDenied
    if referral.status == Status.DECLINED:
        raise ValidationError(_("This referral was declined."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a message.")})
    if len(text) > 2000:
        raise ValidationError({"text": _("Keep the message under 2000 characters.")})
    message = Message.objects.create(referral=referral, author=me, author_name=me.name, text=text)
    audit(actor=actor, action="referral.message", obj=referral, message=message.pk)
    other_pk = (
        referral.to_person_id if me.pk == referral.from_person_id else referral.from_person_id
    )
    other = Person.objects.select_related("user").filter(pk=other_pk).first()
    if other is not None:
        notify(
            recipient=other,
            kind="referral",
            text=_("%(name)s wrote about the referral for %(company)s")
            % {"name": me.name, "company": referral.company.name},
            url=referral.get_absolute_url() + "#thread",
            actor=actor,
        )
    return message


@transaction.atomic
def referral_complete(
    *,
    actor,
    referral: Referral,
    helped: bool,
    note: str = "",
    hours_spent: Decimal | None = None,
    need_status: str = "",
) -> Referral:
    """Record the outcome of an accepted referral (either of its two people) and move the need
    (by default: met when it helped, else open again). The helper's access ends here."""
    me = _me(actor)
    referral = _locked(referral)
    if me.pk not in (referral.from_person_id, referral.to_person_id):
        raise PermissionDenied
    if referral.status != Status.ACCEPTED:
        raise ValidationError(_("Only an accepted referral can be completed."))
    if hours_spent is not None and (hours_spent < 0 or hours_spent > 10000):
        raise ValidationError({"hours_spent": _("Give the hours spent as a positive number.")})
    need_status = need_status or (NeedStatus.MET if helped else NeedStatus.OPEN)
    if need_status not in NeedStatus.values:
        raise ValidationError({"need_status": _("Unknown status.")})
    referral.status = Status.COMPLETED
    referral.completed_at = timezone.now()
    referral.helped = helped
    referral.outcome_note = (note or "").strip()
    referral.hours_spent = hours_spent
    referral.save(update_fields=["status", "completed_at", "helped", "outcome_note", "hours_spent"])
    audit(
        actor=actor,
        action="referral.completed",
        obj=referral,
        helped=helped,
        hours_spent=str(hours_spent) if hours_spent is not None else None,
        need_status=need_status,
    )
    company_services.need_status_from_referral(
        actor=actor, need=referral.need, status=need_status, referral_id=referral.pk
    )
    other = referral.from_person if me.pk == referral.to_person_id else referral.to_person
    if other is not None:
        notify(
            recipient=other,
            kind="referral",
            text=_("%(name)s recorded the outcome of the referral for %(company)s")
            % {"name": me.name, "company": referral.company.name},
            url=referral.get_absolute_url(),
            actor=actor,
        )
    helper = referral.to_person
    record_activity(
        kind=ActivityKind.REFERRAL_COMPLETED,
        text=helper.name if helper else "",
        url=referral.get_absolute_url(),
        actor=actor,
        gardens=[referral.from_garden_id, referral.to_garden_id],
        params={"garden": referral.to_garden.name, "from_garden": referral.from_garden.name},
    )
    return referral
