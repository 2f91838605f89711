"""Places at an event: the row lock, the count of places taken, and who may take a free one.

The locking rule (pretix's): lock late, inside the one transaction of the service, re-count,
then write. ``lock_event`` takes the event row with ``SELECT … FOR UPDATE`` on PostgreSQL, so
concurrent sign-ups for one event queue up behind each other while other events stay free. On
SQLite ``select_for_update`` does nothing, but the settings open every transaction with
``BEGIN IMMEDIATE``, which takes the database's write lock at once: the same order, coarser.
Places taken are confirmed and offered registrations (an offer holds its place until it is
accepted or expires).

Reserved shares: a host garden's ``reserved_places`` are kept for companies that garden serves
until ``reserved_until`` (no date: until the event starts). A participant from such a company
takes a reserved place first, so the open places stay for everyone else; when the date has
passed the unused reserved places open to all.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from kollegium.companies.models import CompanyGarden
from kollegium.programme.models import Event, EventHost, Registration, RegistrationStatus

TAKEN = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
IN_LINE = (RegistrationStatus.WAITLISTED,)


def lock_event(event: Event) -> Event:
    """The event re-read and locked for the rest of the transaction (call inside atomic)."""
    return Event.objects.select_for_update().get(pk=event.pk)


def active_reservations(event: Event, now=None) -> dict[int, int]:
    """Host garden id -> places still reserved for its companies (only shares in force)."""
    now = now or timezone.now()
    until = event.starts_at
    links = EventHost.objects.filter(event=event, reserved_places__gt=0)
    return {
        link.garden_id: link.reserved_places
        for link in links
        if now < (link.reserved_until or until)
    }


@dataclass
class Places:
    """The free places of one event right now, by share. ``None`` capacity: no limit."""

    capacity: int | None
    taken: int
    # Reserved share per garden: places reserved and places of it in use.
    reserved: dict[int, int] = field(default_factory=dict)
    reserved_used: dict[int, int] = field(default_factory=dict)

    @property
    def free_open(self) -> int:
        """Places anyone may take: capacity less the shares in force and the other places."""
        if self.capacity is None:
            return 1_000_000
        held = sum(max(n, self.reserved_used.get(g, 0)) for g, n in self.reserved.items())
        used_outside = self.taken - sum(self.reserved_used.get(g, 0) for g in self.reserved)
        return max(0, self.capacity - held - used_outside)

    def free_reserved(self, garden_id: int) -> int:
        return max(0, self.reserved.get(garden_id, 0) - self.reserved_used.get(garden_id, 0))

    @property
    def free_total(self) -> int:
        if self.capacity is None:
            return 1_000_000
        return max(0, self.capacity - self.taken)

    def place_for(self, garden_ids: set[int]) -> tuple[bool, int | None]:
        """Can someone whose company these gardens serve take a place, and from whose share?

        Returns (True, garden id) for a reserved place, (True, None) for an open one, and
        (False, None) when every place they may take is gone.
        """
        if self.free_total <= 0:
            return False, None
        for garden_id in sorted(garden_ids & set(self.reserved)):
            if self.free_reserved(garden_id) > 0:
                return True, garden_id
        return (self.free_open > 0), None

    def take(self, reserved_for: int | None) -> None:
        self.taken += 1
        if reserved_for is not None:
            self.reserved_used[reserved_for] = self.reserved_used.get(reserved_for, 0) + 1

    def release(self, reserved_for: int | None) -> None:
        self.taken -= 1
        if reserved_for in self.reserved_used:
            self.reserved_used[reserved_for] -= 1


def count_places(event: Event, now=None) -> Places:
    """Count the places taken (two queries); call after ``lock_event`` when about to write."""
    reserved = active_reservations(event, now)
    rows = (
        Registration.objects.filter(event=event, status__in=TAKEN)
        .values("reserved_for")
        .annotate(n=Count("pk"))
    )
    taken, used = 0, {}
    for row in rows:
        taken += row["n"]
        if row["reserved_for"] in reserved:
            used[row["reserved_for"]] = row["n"]
    return Places(capacity=event.capacity, taken=taken, reserved=reserved, reserved_used=used)


def company_gardens(company_id: int | None) -> set[int]:
    """The gardens serving a company (the shares its people may use)."""
    if company_id is None:
        return set()
    return set(
        CompanyGarden.objects.filter(company_id=company_id).values_list("garden_id", flat=True)
    )


def network_company_q() -> Exists:
    """True for registrations from a company some garden of the network serves."""
    return Exists(CompanyGarden.objects.filter(company_id=OuterRef("company_id")))


def waitlist(event: Event):
    """The line, first first: arrival order, network companies ahead when the event says so."""
    line = Registration.objects.filter(event=event, status__in=IN_LINE)
    if event.network_priority:
        line = line.annotate(from_network=network_company_q())
        return line.order_by("-from_network", "queued_at", "pk")
    return line.order_by("queued_at", "pk")


def live_q() -> Q:
    """A registration that holds or waits for a place (and still has its personal data)."""
    return ~Q(status=RegistrationStatus.CANCELLED) & Q(anonymised_at__isnull=True)
