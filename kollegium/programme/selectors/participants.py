"""Reads for the participant list, its exports, the check-in page and the registrations API."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Lower

from kollegium.companies.models import CompanyGarden
from kollegium.programme.models import Event, Registration, RegistrationStatus
from kollegium.programme.services.places import network_company_q

IN_LINE = (RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED)


def with_company_gardens(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Registrations with their company and the gardens serving it, in two queries in all."""
    relations = CompanyGarden.objects.select_related("garden").order_by("garden__name", "pk")
    return registrations.select_related("company").prefetch_related(
        Prefetch("company__relations", queryset=relations)
    )


def gardens_of(registration: Registration) -> list:
    """The gardens serving the participant's company (prefetched by with_company_gardens)."""
    if registration.company is None:
        return []
    return [relation.garden for relation in registration.company.relations.all()]


def _line_key(registration: Registration, network_priority: bool):
    first = not registration.from_network if network_priority else False
    return (first, registration.queued_at is None, registration.queued_at, registration.pk)


def in_line_order(registrations, network_priority: bool) -> list[Registration]:
    """The waitlist order of services/places.waitlist: arrival, network companies ahead when
    the event says so. Needs the ``from_network`` annotation."""
    return sorted(registrations, key=lambda r: _line_key(r, network_priority))


@dataclass
class Participants:
    confirmed: list[Registration] = field(default_factory=list)
    offered: list[Registration] = field(default_factory=list)
    waitlisted: list[Registration] = field(default_factory=list)
    cancelled: list[Registration] = field(default_factory=list)
    anonymised: int = 0

    @property
    def attended(self) -> int:
        return sum(1 for r in self.confirmed if r.attended)

    @property
    def everyone(self) -> list[Registration]:
        """In list order: confirmed, offered, waitlisted (in line), cancelled."""
        return [*self.confirmed, *self.offered, *self.waitlisted, *self.cancelled]


def participants(event: Event) -> Participants:
    """Everyone registered for an event, grouped by status, with company and gardens.

    Confirmed and cancelled by name, the waitlist in line order (``position`` set on each,
    1 = first in line). Two queries whatever the number of registrations.
    """
    rows = with_company_gardens(
        Registration.objects.filter(event=event)
        .annotate(from_network=network_company_q())
        .order_by(Lower("name"), "pk")
    )
    result = Participants()
    for registration in rows:
        registration.event = event
        if registration.anonymised_at is not None:
            result.anonymised += 1
        elif registration.status == RegistrationStatus.CONFIRMED:
            result.confirmed.append(registration)
        elif registration.status == RegistrationStatus.OFFERED:
            result.offered.append(registration)
        elif registration.status == RegistrationStatus.WAITLISTED:
            result.waitlisted.append(registration)
        else:
            result.cancelled.append(registration)
    result.offered = in_line_order(result.offered, False)
    result.waitlisted = in_line_order(result.waitlisted, event.network_priority)
    for position, registration in enumerate(result.waitlisted, start=1):
        registration.position = position
    return result


def waitlist_positions(event_ids) -> dict[int, int]:
    """Registration id -> place in line (1 = first) for the waitlists of these events, in
    one query."""
    rows = (
        Registration.objects.filter(event_id__in=event_ids, status=RegistrationStatus.WAITLISTED)
        .annotate(from_network=network_company_q())
        .select_related("event")
        .only("pk", "queued_at", "event__network_priority")
    )
    lines: dict[int, list[Registration]] = {}
    for registration in rows:
        lines.setdefault(registration.event_id, []).append(registration)
    positions = {}
    for line in lines.values():
        ordered = in_line_order(line, line[0].event.network_priority)
        positions.update({r.pk: n for n, r in enumerate(ordered, start=1)})
    return positions


def _word_matches(word: str) -> Q:
    """Case-insensitive, also for æ, ø and å on SQLite (whose LIKE folds only ASCII): try the
    forms names are written in. PostgreSQL folds every letter anyway."""
    condition = Q()
    for variant in {word, word.lower(), word.upper(), word.capitalize()}:
        condition |= Q(name__contains=variant) | Q(name__icontains=variant)
    return condition


def name_search(registrations: QuerySet[Registration], q: str) -> QuerySet[Registration]:
    """Registrations whose name contains every word of ``q``."""
    for word in q.split()[:5]:
        registrations = registrations.filter(_word_matches(word))
    return registrations


def check_in_list(event: Event, q: str = "") -> tuple[list[Registration], list[Registration]]:
    """The check-in page: confirmed participants by name, and those in line matching a search
    (to let in at the door). One query, two with a search."""
    rows = Registration.objects.filter(event=event, anonymised_at__isnull=True).select_related(
        "company"
    )
    rows = name_search(rows, q.strip()).order_by(Lower("name"), "pk")
    confirmed = list(rows.filter(status=RegistrationStatus.CONFIRMED))
    in_line = list(rows.filter(status__in=IN_LINE)) if q.strip() else []
    for registration in (*confirmed, *in_line):
        registration.event = event
    return confirmed, in_line


def check_in_counts(event: Event) -> dict:
    """How many hold a confirmed place and how many of them are checked in (one query)."""
    return Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED, anonymised_at__isnull=True
    ).aggregate(confirmed=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
