"""Every write to companies, their garden relations, contacts and needs."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.companies.models import (
    Company,
    CompanyGarden,
    Contact,
    Need,
    NeedStatus,
    Relation,
)
from kollegium.core.audit import audit
from kollegium.core.services import apply_changes
from kollegium.core.validators import normalize_org_number
from kollegium.network import permissions
from kollegium.network.models import CompetenceArea, Garden

COMPANY_FIELDS = ("name", "nace", "municipality", "employees", "website")
CONTACT_FIELDS = ("name", "role", "email", "phone")
NEED_FIELDS = ("text", "status", "shared_with_network")


def _served_garden_ids(company: Company) -> list[int]:
    return list(company.relations.values_list("garden_id", flat=True))


def _require_serves(actor, company: Company) -> None:
    if not permissions.serves_company(actor, _served_garden_ids(company)):
        raise PermissionDenied


@transaction.atomic
def company_create(
    *,
    actor,
    org_number: str,
    name: str,
    relation: str = Relation.CLIENT,
    since: datetime.date | None = None,
    garden: Garden | None = None,
    programme_year: int | None = None,
    **data,
) -> Company:
    """Register a company and relate it to the actor's garden (or the given one, for the operator).

    A company exists once: an org number already in the register is refused with a message.
    """
    if not permissions.can_create_company(actor):
        raise PermissionDenied
    if relation not in Relation.values:
        raise ValidationError({"relation": _("Choose member company or client.")})
    _check_programme_year(programme_year)
    person = permissions.person_of(actor)
    garden = person.garden if person is not None else garden
    org_number = normalize_org_number(org_number)
    if Company.objects.filter(org_number=org_number).exists():
        raise ValidationError(
            {"org_number": _("A company with this organisation number is already registered.")}
        )
    company = Company(org_number=org_number, name=name)
    apply_changes(company, data, COMPANY_FIELDS)
    company.full_clean()
    company.save()
    if garden is not None:
        CompanyGarden.objects.create(
            company=company,
            garden=garden,
            relation=relation,
            since=since,
            programme_year=programme_year,
        )
    extra = {"programme_year": programme_year} if garden and programme_year is not None else {}
    audit(actor=actor, action="company.created", obj=company, org_number=org_number, **extra)
    return company


@transaction.atomic
def company_update(*, actor, company: Company, **data) -> Company:
    """Change a company's details (staff of a garden that serves it)."""
    _require_serves(actor, company)
    changed = apply_changes(company, data, COMPANY_FIELDS)
    if changed:
        company.full_clean()
        company.save()
        audit(actor=actor, action="company.updated", obj=company, fields=changed)
    return company


# company_relate leaves the programme year alone unless it is given (None clears it).
UNCHANGED = object()


def _check_programme_year(programme_year) -> None:
    """Admitted since 1990 (the constraint's floor), at the latest for next year's agreement."""
    last = timezone.localdate().year + 1
    if programme_year is not None and not 1990 <= programme_year <= last:
        raise ValidationError(
            {
                "programme_year": _("Enter a year between %(first)s and %(last)s.")
                % {"first": 1990, "last": last}
            }
        )


@transaction.atomic
def company_relate(
    *,
    actor,
    company: Company,
    relation: str,
    since: datetime.date | None = None,
    programme_year=UNCHANGED,
) -> CompanyGarden:
    """Record that the actor's garden serves the company (as member or client).

    ``programme_year`` marks the company as the garden's programme company (målbedrift)
    admitted that year; None unmarks it; left out, it stays as it was.
    """
    person = permissions.person_of(actor)
    if person is None:
        raise PermissionDenied
    if relation not in Relation.values:
        raise ValidationError({"relation": _("Choose member company or client.")})
    defaults = {"relation": relation, "since": since}
    extra = {}
    if programme_year is not UNCHANGED:
        _check_programme_year(programme_year)
        defaults["programme_year"] = programme_year
        previous = (
            CompanyGarden.objects.filter(company=company, garden=person.garden)
            .values_list("programme_year", flat=True)
            .first()
        )
        if previous != programme_year:
            extra["programme_year"] = programme_year
    link, created = CompanyGarden.objects.update_or_create(
        company=company, garden=person.garden, defaults=defaults
    )
    audit(
        actor=actor,
        action="company.related" if created else "company.relation_changed",
        obj=company,
        garden=person.garden.slug,
        relation=relation,
        **extra,
    )
    return link


@transaction.atomic
def contact_save(
    *,
    actor,
    company: Company,
    contact: Contact | None = None,
    letter_consent: bool | None = None,
    letter_consent_how: str = "",
    **data,
) -> Contact:
    """Add (contact=None) or change a contact person of a company.

    ``letter_consent`` True/False records an opt-in or opt-out of the programme letter (with
    ``letter_consent_how``: how the contact gave it); None leaves it as it is.
    """
    _require_serves(actor, company)
    if contact is not None and contact.company_id != company.pk:
        raise PermissionDenied
    created = contact is None
    contact = contact or Contact(company=company)
    changed = apply_changes(contact, data, CONTACT_FIELDS)
    consent_changed = letter_consent is not None and letter_consent != contact.letter_consent
    if consent_changed and letter_consent and not contact.email.strip():
        raise ValidationError(
            {"letter_consent": _("The programme letter needs an e-mail address.")}
        )
    if consent_changed and letter_consent and not letter_consent_how.strip():
        raise ValidationError({"letter_consent_how": _("Say how the contact gave their consent.")})
    if not created and not changed and not consent_changed:
        return contact
    if consent_changed:
        how = letter_consent_how.strip() or _("Withdrawn by staff on the contact form.")
        _set_letter_consent(contact, letter_consent, actor=actor, how=how)
    contact.full_clean()
    contact.save()
    audit(
        actor=actor,
        action="contact.created" if created else "contact.updated",
        obj=contact,
        company=company.org_number,
        fields=changed,
    )
    if consent_changed:
        _audit_letter_consent(contact, actor=actor)
    return contact


def _set_letter_consent(contact: Contact, given: bool, *, actor, how: str) -> None:
    contact.letter_consent = given
    contact.letter_consent_at = timezone.now()
    contact.letter_consent_by = actor if getattr(actor, "is_authenticated", False) else None
    contact.letter_consent_how = how[:200]


def _audit_letter_consent(contact: Contact, *, actor) -> None:
    audit(
        actor=actor,
        action="contact.letter_consent_given"
        if contact.letter_consent
        else "contact.letter_consent_withdrawn",
        obj=contact,
        company=contact.company.org_number,
        how=contact.letter_consent_how,
    )


@transaction.atomic
def contact_letter_opt_out(*, contact: Contact, how: str) -> bool:
    """Record that the contact no longer wants the programme letter (no account needed).

    Used by the unsubscribe link; True when this changed anything (a second click does not).
    """
    contact = Contact.objects.select_for_update().select_related("company").get(pk=contact.pk)
    if not contact.letter_consent:
        return False
    _set_letter_consent(contact, False, actor=None, how=how)
    contact.save(
        update_fields=[
            "letter_consent",
            "letter_consent_at",
            "letter_consent_by",
            "letter_consent_how",
        ]
    )
    _audit_letter_consent(contact, actor=None)
    return True


@transaction.atomic
def contact_delete(*, actor, contact: Contact) -> None:
    _require_serves(actor, contact.company)
    audit(actor=actor, action="contact.deleted", obj=contact, company=contact.company.org_number)
    contact.delete()


@transaction.atomic
def need_save(
    *,
    actor,
    company: Company,
    need: Need | None = None,
    areas: list[CompetenceArea] | None = None,
    **data,
) -> Need:
    """Record (need=None) or change a company's need (staff of a garden that serves it)."""
    _require_serves(actor, company)
    if need is not None and need.company_id != company.pk:
        raise PermissionDenied
    created = need is None
    if data.get("status", NeedStatus.OPEN) not in NeedStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    need = need or Need(company=company, recorded_by=permissions.person_of(actor))
    changed = apply_changes(need, data, NEED_FIELDS)
    if created or changed:
        need.full_clean()
        need.save()
    if areas is not None and {a.pk for a in areas} != {a.pk for a in need.areas.all()}:
        need.areas.set(areas)
        changed.append("areas")
    if not created and not changed:
        return need
    audit(
        actor=actor,
        action="need.created" if created else "need.updated",
        obj=need,
        company=company.org_number,
        fields=changed,
    )
    return need


@transaction.atomic
def need_status_from_referral(*, actor, need: Need, status: str, referral_id: int) -> Need:
    """Set a need's status from a referral's answer or outcome (kollegium.referrals).

    The referral service has checked that the actor is a party to the referral, so a helping
    colleague from another garden may move the need without otherwise editing the company.
    """
    if status not in NeedStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if need.status == status:
        return need
    need.status = status
    need.save(update_fields=["status", "updated_at"])
    audit(
        actor=actor,
        action="need.updated",
        obj=need,
        company=need.company.org_number,
        fields=["status"],
        referral=referral_id,
    )
    return need
