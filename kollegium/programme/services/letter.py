"""The programme letter: upcoming events picked for a company, e-mailed to its consenting contacts.

Sent monthly by ``kollegium send_programme_letters`` (at most one per contact and month: the
LetterDelivery rows make a repeated run send nothing) and on demand by staff of a garden
serving the company. Only contacts who opted in (Contact.letter_consent) get it; every letter
carries a signed link that unsubscribes without an account.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from kollegium.companies.models import Company, Contact, LetterDelivery, LetterKind
from kollegium.core.audit import audit
from kollegium.core.mail import queue_email
from kollegium.network import permissions
from kollegium.programme.letter import Pick, events_for_company

TEMPLATE = "programme/letter_email"
SALT = "kollegium.programme.letter.unsubscribe"
EVENTS_PER_LETTER = 5


class NothingToSend(Exception):
    """No consenting contact with an e-mail address, or no upcoming event for the company."""


def month_of(now: datetime.datetime) -> datetime.date:
    """The first day of the month ``now`` falls in, in the installation's time zone."""
    return timezone.localtime(now).date().replace(day=1)


def consenting_contacts(company: Company) -> list[Contact]:
    """The company's contacts who opted in and have an e-mail address."""
    return list(company.contacts.filter(letter_consent=True).exclude(email="").order_by("pk"))


def unsubscribe_token(contact: Contact) -> str:
    """A signed token naming the contact and its address (a changed address retires it).

    No timestamp: letters stay in inboxes, and the link must work whenever it is opened.
    """
    return signing.Signer(salt=SALT).sign_object([contact.pk, contact.email.lower()], compress=True)


def contact_for_token(token: str) -> Contact | None:
    """The contact a token names, or None when it is forged, mangled or no longer theirs."""
    try:
        pk, email = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    contact = Contact.objects.select_related("company").filter(pk=pk).first()
    if contact is None or contact.email.lower() != email:
        return None
    return contact


def _context(company: Company, contact: Contact, picks: list[Pick]) -> dict:
    items = [
        {
            "event": pick.event,
            "why": pick.why,
            "signup_link": settings.SITE_URL + reverse("programme:signup", args=[pick.event.ref]),
        }
        for pick in picks
    ]
    token = unsubscribe_token(contact)
    return {
        "company": company,
        "contact": contact,
        "items": items,
        "programme_link": settings.SITE_URL + reverse("programme:list"),
        "unsubscribe_link": settings.SITE_URL
        + reverse("programme:letter_unsubscribe", args=[token]),
    }


@transaction.atomic
def letter_send(
    *, company: Company, actor=None, kind: str = LetterKind.ON_DEMAND, now=None
) -> list[LetterDelivery]:
    """Send the letter to each consenting contact of the company; return the deliveries made.

    On demand (``actor`` must serve the company) every consenting contact gets it; the monthly
    run skips contacts who already had this month's letter. Raises NothingToSend when there is
    no one to send to or no event to tell about.
    """
    if kind == LetterKind.ON_DEMAND:
        gardens = [r.garden_id for r in company.relations.all()]
        if not permissions.can_send_programme_letter(actor, gardens):
            raise PermissionDenied
    now = now or timezone.now()
    contacts = consenting_contacts(company)
    if not contacts:
        raise NothingToSend
    picks = events_for_company(company, limit=EVENTS_PER_LETTER, now=now)
    if not picks:
        raise NothingToSend
    month, refs = month_of(now), [pick.event.ref for pick in picks]
    sent_by = actor if getattr(actor, "is_authenticated", False) else None
    deliveries = []
    for contact in contacts:
        values = {"company": company, "email": contact.email, "events": refs, "sent_at": now}
        if kind == LetterKind.MONTHLY:
            delivery, created = LetterDelivery.objects.get_or_create(
                contact=contact, month=month, kind=kind, defaults=values
            )
            if not created:
                continue
        else:
            delivery = LetterDelivery.objects.create(
                contact=contact, month=month, kind=kind, sent_by=sent_by, **values
            )
        queue_email(
            to=contact.email,
            template=TEMPLATE,
            context=_context(company, contact, picks),
            language=settings.LANGUAGE_CODE,
        )
        deliveries.append(delivery)
    if deliveries:
        audit(
            actor=actor,
            action="programme.letter.sent",
            obj=company,
            kind=kind,
            contacts=[d.contact_id for d in deliveries],
            events=refs,
        )
    return deliveries


def companies_due(now=None):
    """Companies with a consenting contact who has not had this month's letter yet."""
    month = month_of(now or timezone.now())
    had_it = LetterDelivery.objects.filter(
        contact=OuterRef("pk"), month=month, kind=LetterKind.MONTHLY
    )
    due = Contact.objects.filter(letter_consent=True).exclude(email="").exclude(Exists(had_it))
    return Company.objects.filter(pk__in=due.values("company_id")).order_by("pk")


def letters_send_monthly(now=None) -> dict[str, int]:
    """This month's letters to every company that is due, each company in its own transaction."""
    now = now or timezone.now()
    counts = {"companies": 0, "letters": 0, "nothing_to_send": 0}
    for company in companies_due(now).iterator():
        try:
            sent = letter_send(company=company, kind=LetterKind.MONTHLY, now=now)
        except NothingToSend:
            counts["nothing_to_send"] += 1
            continue
        counts["companies"] += 1
        counts["letters"] += len(sent)
    return counts
