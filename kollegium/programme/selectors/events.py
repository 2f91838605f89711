"""Reads of the programme: events with their details, semesters, filters and the month grid.

The programme is planned per semester: spring (vår) is January–June, autumn (høst)
July–December, by the event's start in Norwegian time.
"""

import calendar
import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.network import permissions
from kollegium.network.models import Person
from kollegium.programme.models import (
    Event,
    EventHost,
    EventStatus,
    Registration,
    RegistrationStatus,
)

SPRING, AUTUMN = "spring", "autumn"
# Places taken: confirmed, and offered (held for someone until they answer or the offer ends).
TAKEN = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


def local_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Semester:
    """A half year; compare with ``sort_key`` (the names do not sort in calendar order)."""

    year: int
    half: str  # SPRING or AUTUMN

    @classmethod
    def of(cls, moment: datetime.datetime) -> "Semester":
        local = timezone.localtime(moment, local_zone())
        return cls(local.year, SPRING if local.month <= 6 else AUTUMN)

    @classmethod
    def from_slug(cls, slug: str) -> "Semester | None":
        """ "2026-autumn" -> Semester(2026, "autumn"); None when it is not a semester."""
        year, _sep, half = slug.partition("-")
        if not (year.isdigit() and len(year) == 4 and half in (SPRING, AUTUMN)):
            return None
        return cls(int(year), half)

    @property
    def slug(self) -> str:
        return f"{self.year}-{self.half}"

    @property
    def label(self) -> str:
        """“vår 2027” / “høst 2026” in Norwegian; Spring/Autumn in English."""
        if self.half == SPRING:
            return _("Spring %(year)s") % {"year": self.year}
        return _("Autumn %(year)s") % {"year": self.year}

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.year, 0 if self.half == SPRING else 1)

    @property
    def starts(self) -> datetime.datetime:
        month = 1 if self.half == SPRING else 7
        return datetime.datetime(self.year, month, 1, tzinfo=local_zone())

    @property
    def ends(self) -> datetime.datetime:
        """The first moment after the semester."""
        if self.half == SPRING:
            return datetime.datetime(self.year, 7, 1, tzinfo=local_zone())
        return datetime.datetime(self.year + 1, 1, 1, tzinfo=local_zone())

    def __str__(self) -> str:
        return self.label


# Events per query when counting places: well under SQLite's limit on query parameters.
TAKEN_BATCH = 500


def count_taken(events: list[Event]) -> None:
    """Set ``taken`` (confirmed and offered places) on each event: one query per 500 events,
    answered from the (event, status, queued_at) index."""
    counts: dict[int, int] = {}
    ids = [event.pk for event in events]
    for start in range(0, len(ids), TAKEN_BATCH):
        rows = (
            Registration.objects.filter(
                event_id__in=ids[start : start + TAKEN_BATCH], status__in=TAKEN
            )
            .order_by()
            .values_list("event_id")
            .annotate(n=Count("pk"))
        )
        counts.update(rows)
    for event in events:
        event.taken = counts.get(event.pk, 0)


class EventDetailsQuerySet(QuerySet):
    """Counts ``taken`` for the events it fetches, after the fetch.

    An annotation would group every registration of every matching event before the
    ordering and the page's LIMIT apply (and again inside ``count()``): at national scale
    that was most of the programme page's and the events API's time.
    """

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._iterable_class is ModelIterable:
            count_taken(self._result_cache)


def events_with_details() -> QuerySet[Event]:
    """Events with hosts, areas, speakers and questions loaded, and ``taken`` (confirmed and
    offered places) counted for the fetched events: a fixed number of queries for any number
    of events (``.iterator()`` skips the count)."""
    return (
        EventDetailsQuerySet(model=Event)
        .prefetch_related(
            Prefetch("host_links", queryset=EventHost.objects.select_related("garden")),
            "areas",
            Prefetch("speakers", queryset=Person.objects.select_related("user", "garden")),
            "questions",
        )
        .order_by("starts_at", "pk")
    )


def for_cards(events: QuerySet[Event]) -> QuerySet[Event]:
    """Only what a list of event cards shows: hosts and areas (not speakers and questions)."""
    hosts = Prefetch("host_links", queryset=EventHost.objects.select_related("garden"))
    return events.prefetch_related(None).prefetch_related(hosts, "areas")


def public_events() -> QuerySet[Event]:
    """What anyone may see: published events, and cancelled ones (shown as cancelled)."""
    return events_with_details().filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])


UPCOMING, PAST, ALL = "upcoming", "past", "all"
ONLINE, ON_SITE = "online", "onsite"


def programme(
    *,
    garden=None,
    format: str = "",
    area=None,
    attendance: str = "",
    period: str = UPCOMING,
    now: datetime.datetime | None = None,
) -> QuerySet[Event]:
    """The public programme, filtered.

    ``period``: "upcoming" (not yet ended), "past", "all" or a semester slug ("2026-autumn").
    ``attendance``: "online" (has an online link) or "onsite" (has a venue or address).
    """
    now = now or timezone.now()
    events = public_events()
    if garden is not None:
        events = events.filter(pk__in=EventHost.objects.filter(garden=garden).values("event_id"))
    if format:
        events = events.filter(format=format)
    if area is not None:
        events = events.filter(
            pk__in=Event.areas.through.objects.filter(competencearea=area).values("event_id")
        )
    if attendance == ONLINE:
        events = events.exclude(online_url="")
    elif attendance == ON_SITE:
        events = events.filter(~Q(venue="") | ~Q(address=""))
    semester = Semester.from_slug(period)
    if semester is not None:
        events = events.filter(starts_at__gte=semester.starts, starts_at__lt=semester.ends)
    elif period == PAST:
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    elif period != ALL:
        events = events.filter(ends_at__gte=now)
    return events


def semesters_with_events() -> list[Semester]:
    """Every semester from the first to the last public event (two one-row queries), newest
    last."""
    # The first and the last start, each read from the starts_at index (stops at one row);
    # MIN and MAX together in one query scan every event on SQLite and on PostgreSQL.
    starts = Event.objects.filter(
        status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED]
    ).values_list("starts_at", flat=True)
    first = starts.order_by("starts_at").first()
    if first is None:
        return []
    last = starts.order_by("-starts_at").first()
    semesters, semester = [], Semester.of(first)
    end = Semester.of(last).sort_key
    while semester.sort_key <= end:
        semesters.append(semester)
        semester = (
            Semester(semester.year, AUTUMN)
            if semester.half == SPRING
            else Semester(semester.year + 1, SPRING)
        )
    return semesters


def group_by_semester(events) -> list[tuple[Semester, list[Event]]]:
    """[(semester, [events…]), …] keeping the events' order."""
    groups: dict[Semester, list[Event]] = {}
    for event in events:
        groups.setdefault(Semester.of(event.starts_at), []).append(event)
    return list(groups.items())


# --- the month calendar ---------------------------------------------------------------------


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    events: list[Event]


def month_grid(year: int, month: int, events) -> list[list[Day]]:
    """The month as weeks (Monday first) of days, each with the events starting that day."""
    by_day: dict[datetime.date, list[Event]] = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.starts_at, local_zone()).date(), []).append(
            event
        )
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [[Day(day, day.month == month, by_day.get(day, [])) for day in week] for week in weeks]


def month_events(year: int, month: int) -> QuerySet[Event]:
    """Public events starting in that month (Norwegian time), including the visible grid's
    days of the neighbouring months."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    zone = local_zone()
    first = datetime.datetime.combine(weeks[0][0], datetime.time(), tzinfo=zone)
    after = datetime.datetime.combine(
        weeks[-1][-1] + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
    )
    # The grid shows times, titles and formats only: no hosts, areas or places to load.
    return Event.objects.filter(
        status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED],
        starts_at__gte=first,
        starts_at__lt=after,
    ).order_by("starts_at", "pk")


# --- staff --------------------------------------------------------------------------------------


def managed_events(user, *, include_past: bool = False) -> QuerySet[Event]:
    """Events the user manages, drafts included: their garden's, or all for the coordinator."""
    events = events_with_details()
    if not permissions.is_coordinator(user):
        person = permissions.person_of(user)
        garden_id = person.garden_id if person else None
        events = events.filter(
            pk__in=EventHost.objects.filter(garden_id=garden_id).values("event_id")
        )
    if not include_past:
        events = events.filter(ends_at__gte=timezone.now())
    return events
