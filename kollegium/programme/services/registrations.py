"""Sign-up: every write to a participant's registration (engineer B's entry points).

The capacity rule (see services/places.py and docs/programme.md): every service that takes or
frees a place runs in one transaction that first locks the event row, then re-counts the
confirmed and offered places, then writes. So there are never more confirmed places than the
capacity, however many people press the button at the same moment.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.network import permissions
from kollegium.network.models import Person, Role
from kollegium.notifications.services import notify, recipient_for
from kollegium.programme.models import (
    Event,
    EventHost,
    Registration,
    RegistrationStatus,
    new_token,
)
from kollegium.programme.services import notices
from kollegium.programme.services.places import (
    TAKEN,
    company_gardens,
    count_places,
    live_q,
    lock_event,
)
from kollegium.programme.services.signup_input import (
    clean_answers,
    clean_language,
    clean_person,
    raise_if,
)

# RegistrationClosed and check_open live in signup_rules; callers may import them from here.
from kollegium.programme.services.signup_rules import (  # noqa: F401
    RegistrationClosed,
    check_open,
    full_error,
)
from kollegium.programme.services.waitlist import fill_locked, waitlist_position
from kollegium.programme.tasks_signup import schedule_reminder

COMPANY_NAME_MAX_LENGTH = 200
UPDATE_FIELDS = ("name", "email", "phone", "company", "company_name", "answers", "language")


def _host_ids(event: Event) -> set[int]:
    return set(event.host_links.values_list("garden_id", flat=True))


def _check_sign_up_others(actor, event: Event, company) -> None:
    gardens = company_gardens(company.pk if company else None)
    if not permissions.can_sign_up_others(actor, gardens, _host_ids(event)):
        raise PermissionDenied


def _clean_company_name(company, company_name: str, errors: dict) -> str:
    name = " ".join((company_name or "").split()) or (company.name if company else "")
    if len(name) > COMPANY_NAME_MAX_LENGTH:
        errors["company_name"] = [
            _("Enter at most %(n)d characters.") % {"n": COMPANY_NAME_MAX_LENGTH}
        ]
    return name


def _existing(event: Event, email: str) -> Registration | None:
    return Registration.objects.filter(live_q(), event=event, email=email).first()


def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    phone: str = "",
    company=None,
    company_name: str = "",
    answers: dict | None = None,
    language: str = "nb",
    consent: bool,
    registered_by=None,
    actor=None,
) -> tuple[Registration, bool]:
    """Sign someone up for an event: a confirmed place, or a place on the waitlist when full.

    Returns ``(registration, created)``. Signing up twice with the same e-mail (case does not
    matter) while the first registration is live creates nothing: the confirmation (or waitlist
    notice) is sent again and ``(existing, False)`` is returned.

    Raises ``RegistrationClosed`` when the event is not open for sign-up (draft, cancelled, window
    not open or closed, over, or full without a waitlist) and ``ValidationError`` with field keys
    (name, email, phone, consent, company_name, answers.<question id>) for bad input.

    ``registered_by`` (a Person) marks a sign-up made by staff on someone's behalf; ``actor`` is
    then that staff member's user and must manage the event or serve ``company``. Staff (and
    the operator) may add people outside the registration window and after the event, not to a
    draft or cancelled one, and need no ``consent`` (``consent_at`` records it when given).
    The public form and API pass no actor.

    The input is checked before, and the e-mails rendered after, the one transaction that
    locks the event, re-counts and writes (with its audit entry): the lock is held briefly.
    """
    by_staff = registered_by is not None or permissions.is_operator(actor)
    return _create(
        event=event,
        person={"name": name, "email": email, "phone": phone},
        company=company,
        company_name=company_name,
        answers=answers,
        language=language,
        consent=consent,
        registered_by=registered_by,
        actor=actor,
        by_staff=by_staff,
    )


def _validated(event, person, company, company_name, answers, consent, by_staff):
    cleaned, errors = clean_person(**person)
    cleaned["answers"], answer_errors = clean_answers(event, answers, require=not by_staff)
    errors.update(answer_errors)
    cleaned["company_name"] = _clean_company_name(company, company_name, errors)
    if not consent and not by_staff:
        errors["consent"] = [_("You must accept the privacy notice to sign up.")]
    raise_if(errors)
    return cleaned


def _create(
    *,
    event,
    person,
    company,
    company_name,
    answers,
    language,
    consent,
    registered_by,
    actor,
    by_staff,
) -> tuple[Registration, bool]:
    if by_staff:
        _check_sign_up_others(actor, event, company)
    cleaned = _validated(event, person, company, company_name, answers, consent, by_staff)
    registration, created = _take_place_or_line(
        event,
        cleaned,
        company=company,
        language=clean_language(language),
        consent=consent,
        registered_by=registered_by,
        actor=actor,
        by_staff=by_staff,
    )
    # E-mails go once the transaction commits (now, unless a caller's transaction is open).
    if not created:
        notices.current_state(registration, waitlist_position(registration))
    elif registration.status == RegistrationStatus.CONFIRMED:
        notices.confirmed(registration)
        schedule_reminder(registration)
    else:
        notices.waitlisted(registration, waitlist_position(registration))
    return registration, created


@transaction.atomic
def _take_place_or_line(
    event, cleaned, *, company, language, consent, registered_by, actor, by_staff
) -> tuple[Registration, bool]:
    # From here on this transaction holds the event: re-read, re-count, then write. The time
    # is read after the lock, so the order in line is the order in which sign-ups got it.
    event = lock_event(event)
    now = timezone.now()
    check_open(event, by_staff=by_staff, now=now)
    existing = _existing(event, cleaned["email"])
    if existing is not None:
        existing.event = event
        return existing, False
    places = count_places(event, now)
    # Those already in line come before a newcomer (places freed without a fill, e.g. when a
    # reserved share has just opened to all).
    fill_locked(event, places, now=now)
    got_place, reserved_for = places.place_for(company_gardens(company.pk if company else None))
    if not got_place and not event.has_waitlist:
        raise full_error()
    registration = Registration(
        event=event,
        company=company,
        language=language,
        consent_at=now if consent else None,
        registered_by=registered_by,
        status=RegistrationStatus.CONFIRMED if got_place else RegistrationStatus.WAITLISTED,
        reserved_for_id=reserved_for,
        queued_at=None if got_place else now,
        **cleaned,
    )
    # The related rows are the ones in hand, and the unique constraint is kept by the lock
    # above (and by the database itself): no queries for those checks.
    registration.full_clean(
        exclude=["event", "company", "registered_by", "reserved_for", "token"],
        validate_unique=False,
        validate_constraints=False,
    )
    registration.save()
    audit(
        actor=actor,
        action="registration.created",
        obj=registration,
        event=event.ref,
        status=registration.status,
        by_staff=by_staff,
        reserved_for=reserved_for,
    )
    _notify_event_contact(event, registration, actor)
    return registration, True


def _notify_event_contact(event: Event, registration: Registration, actor) -> None:
    """Tell the event's creator (its contact; while a host garden's staff or the coordinator)
    of the sign-up: one query for the person and their setting, one for the notification."""
    if event.created_by_id is None:
        return
    hosts = EventHost.objects.filter(event_id=event.pk).values("garden_id")
    contact = recipient_for(
        "event_signup",
        Person.objects.filter(pk=event.created_by_id).filter(
            Q(garden_id__in=hosts) | Q(role=Role.COORDINATOR)
        ),
    )
    if contact is not None:
        notify(
            recipient=contact,
            kind="event_signup",
            text=_("%(name)s signed up for %(event)s")
            % {
                "name": registration.name,
                "event": event.title,
            },
            url=reverse("programme:day_participants", args=[event.ref]),
            actor=actor,
        )


@transaction.atomic
def registration_create_many(
    *, actor, event: Event, company, people: list[dict]
) -> list[Registration]:
    """An advisor signs up several employees of a company their garden serves, in one go.

    Each dict in ``people`` has "name", "email" and optionally "phone", "answers", "language".
    All or nothing: bad rows raise one ``ValidationError`` keyed ``people.<row>.<field>`` (row
    counted from 0); people already signed up are returned as they are. Places are taken in
    list order (the rest go on the waitlist). Staff rules as for ``registration_create``.
    """
    _check_sign_up_others(actor, event, company)
    if not people:
        raise ValidationError({"people": [_("Add at least one person.")]})
    errors: dict[str, list] = {}
    seen: set[str] = set()
    for row, person in enumerate(people):
        cleaned, row_errors = clean_person(
            name=person.get("name", ""), email=person.get("email", ""), phone=person.get("phone")
        )
        row_errors.update(clean_answers(event, person.get("answers"), require=False)[1])
        if cleaned["email"] and cleaned["email"] in seen:
            row_errors["email"] = [_("This address is listed twice.")]
        seen.add(cleaned["email"])
        errors.update({f"people.{row}.{field}": msgs for field, msgs in row_errors.items()})
    raise_if(errors)
    registered_by = permissions.person_of(actor)
    return [
        _create(
            event=event,
            person={k: person.get(k, "") for k in ("name", "email", "phone")},
            company=company,
            company_name="",
            answers=person.get("answers"),
            language=person.get("language", "nb"),
            consent=False,
            registered_by=registered_by,
            actor=actor,
            by_staff=True,
        )[0]
        for person in people
    ]


def _reread(registration: Registration) -> tuple[Event, Registration]:
    """Lock the event, then re-read the registration (its status may have changed meanwhile)."""
    event = lock_event(registration.event)
    registration = Registration.objects.get(pk=registration.pk)
    registration.event = event
    return event, registration


@transaction.atomic
def registration_cancel(*, registration: Registration, actor=None) -> Registration:
    """Cancel a registration (by the participant through the link, or by staff as ``actor``).

    A confirmed or offered place is freed and goes to the next in line. Cancelling a cancelled
    registration changes nothing. Sends the cancellation notice.
    """
    event, registration = _reread(registration)
    by_staff = actor is not None and actor.is_authenticated
    if by_staff and not permissions.can_move_registration(actor, _host_ids(event)):
        raise PermissionDenied
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    _cancel_locked(event, registration, actor=actor, action="registration.cancelled")
    notices.cancelled(registration, by_staff=by_staff)
    return registration


def _cancel_locked(event: Event, registration: Registration, *, actor, action: str, **data):
    """Set cancelled, audit, and give a freed place to the line (event locked by the caller)."""
    held_place = registration.status in TAKEN
    before = registration.status
    registration.status = RegistrationStatus.CANCELLED
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    audit(actor=actor, action=action, obj=registration, event=event.ref, was=before, **data)
    if held_place:
        fill_locked(event, count_places(event))


@transaction.atomic
def registration_update(*, registration: Registration, actor=None, **fields) -> Registration:
    """The participant changes their own data through the link: name, email, phone, company,
    company_name, answers, language. Raises ``ValidationError`` with field keys; a cancelled or
    anonymised registration cannot be changed."""
    unknown = set(fields) - set(UPDATE_FIELDS)
    if unknown:
        raise TypeError(f"registration_update() cannot change {sorted(unknown)}")
    event, registration = _reread(registration)
    if registration.status == RegistrationStatus.CANCELLED or registration.anonymised_at:
        raise ValidationError(_("A cancelled registration cannot be changed."))
    person = {f: fields.get(f, getattr(registration, f)) for f in ("name", "email", "phone")}
    cleaned, errors = clean_person(**person)
    company = fields.get("company", registration.company)
    company_name = fields.get("company_name", registration.company_name)
    if "company" in fields and "company_name" not in fields:
        company_name = company.name if company else ""
    cleaned["company_name"] = _clean_company_name(company, company_name, errors)
    if "answers" in fields:
        cleaned["answers"], answer_errors = clean_answers(event, fields["answers"])
        errors.update(answer_errors)
    if cleaned["email"] != registration.email:
        other = _existing(event, cleaned["email"])
        if other is not None and other.pk != registration.pk:
            errors["email"] = [_("This address is already signed up for this event.")]
    raise_if(errors)
    cleaned["company"] = company
    if "language" in fields:
        cleaned["language"] = clean_language(fields["language"])
    changed = [f for f, value in cleaned.items() if getattr(registration, f) != value]
    if not changed:
        return registration
    for field in changed:
        setattr(registration, field, cleaned[field])
    registration.full_clean(validate_constraints=False)
    registration.save()
    audit(actor=actor, action="registration.updated", obj=registration, fields=sorted(changed))
    return registration


def blank_personal_data(registration: Registration) -> None:
    """Blank name, e-mail, phone and answers and retire the link; the row stays for counts.

    The company stays: it is the business, not the person, and the reach figures need it.
    """
    registration.name = ""
    registration.email = ""
    registration.phone = ""
    registration.answers = {}
    registration.token = new_token()
    registration.anonymised_at = timezone.now()


@transaction.atomic
def registration_erase(*, registration: Registration) -> None:
    """The participant deletes their personal data: the registration is cancelled (its place
    freed) and its name, e-mail, phone and answers blanked; the row stays anonymous so counts
    survive. The link stops working."""
    event, registration = _reread(registration)
    if registration.anonymised_at is not None:
        return
    if registration.status != RegistrationStatus.CANCELLED:
        _cancel_locked(event, registration, actor=None, action="registration.cancelled")
    blank_personal_data(registration)
    registration.save()
    audit(actor=None, action="registration.erased", obj=registration, event=event.ref)


def registration_move(*, actor, registration: Registration, to: RegistrationStatus) -> Registration:
    """Staff move a participant (``can_move_registration``):

    - waitlisted, offered or cancelled -> confirmed: needs a free place (staff may use any
      host's reserved share); a full event says so;
    - confirmed or offered -> waitlisted: to the end of the line; the freed place goes to the
      next in line (not back to this person at once);
    - cancelled -> waitlisted: to the end of the line;
    - any -> cancelled: removed, and a freed place goes to the next in line.

    The participant is told by e-mail. Moving to the status it has changes nothing.
    """
    from kollegium.programme.services.registration_moves import move

    return move(actor=actor, registration=registration, to=to)
