"""Cross-garden reach: how many participants came from companies of other gardens than the
hosts, the figure that shows the network works.

Who counts as a participant: those checked in, once anyone at the event has been checked in;
until then (and for events nobody checked in at) those holding a confirmed place. A
participant's company is

- "other": served by at least one garden of the network, none of them a host;
- "host": served by at least one of the host gardens;
- "outside": no company from the register, or one no garden serves (the general public).
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from kollegium.companies.models import CompanyGarden
from kollegium.programme.models import Event, EventHost, Registration, RegistrationStatus


@dataclass(frozen=True)
class Reach:
    participants: int
    other_gardens: int
    host_gardens: int
    # True when the figures count those checked in, False when they count confirmed places.
    attended: bool

    @property
    def outside(self) -> int:
        return self.participants - self.other_gardens - self.host_gardens

    @property
    def share(self) -> int | None:
        """The other gardens' share of the participants in whole per cent."""
        if not self.participants:
            return None
        return round(100 * self.other_gardens / self.participants)


EMPTY = Reach(participants=0, other_gardens=0, host_gardens=0, attended=False)


def _counts(registrations) -> dict:
    """One GROUP BY query: for each event, totals by basis (attended, confirmed) and kind."""
    hosts = EventHost.objects.filter(event_id=OuterRef(OuterRef("event_id"))).values("garden_id")
    served = CompanyGarden.objects.filter(company_id=OuterRef("company_id"))
    rows = (
        registrations.filter(status=RegistrationStatus.CONFIRMED)
        .annotate(
            in_network=Exists(served),
            by_host=Exists(served.filter(garden_id__in=hosts)),
        )
        .values("event_id")
        .order_by("event_id")
        .annotate(
            **{
                f"{basis}_{kind}": Count("pk", filter=condition & kind_q)
                for basis, condition in (("all", Q()), ("came", Q(attended=True)))
                for kind, kind_q in (
                    ("total", Q()),
                    ("other", Q(in_network=True, by_host=False)),
                    ("host", Q(by_host=True)),
                )
            }
        )
    )
    return {row.pop("event_id"): row for row in rows}


def _reach(row: dict | None) -> Reach:
    if row is None:
        return EMPTY
    basis = "came" if row["came_total"] else "all"
    return Reach(
        participants=row[f"{basis}_total"],
        other_gardens=row[f"{basis}_other"],
        host_gardens=row[f"{basis}_host"],
        attended=basis == "came",
    )


def reach_by_event(events) -> dict[int, Reach]:
    """The reach of each of these events (a queryset or list), in one query whatever their
    number."""
    ids = [e.pk for e in events] if isinstance(events, list | tuple) else events.values("pk")
    counts = _counts(Registration.objects.filter(event_id__in=ids))
    keys = [e.pk for e in events] if isinstance(events, list | tuple) else counts.keys()
    return {pk: _reach(counts.get(pk)) for pk in keys}


def event_reach(event: Event) -> Reach:
    """The reach of one event (one query)."""
    return _reach(_counts(Registration.objects.filter(event_id=event.pk)).get(event.pk))


def total_reach(events) -> Reach:
    """The sum over events (e.g. a semester's past events); each event counted on its own
    basis (checked in, or confirmed when nobody was checked in)."""
    figures = list(reach_by_event(events).values())
    return Reach(
        participants=sum(r.participants for r in figures),
        other_gardens=sum(r.other_gardens for r in figures),
        host_gardens=sum(r.host_gardens for r in figures),
        attended=bool(figures) and all(r.attended for r in figures),
    )
