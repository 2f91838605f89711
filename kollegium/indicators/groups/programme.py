"""Programme indicators: events, participants, reach, fill rate, waitlist, no-shows, feedback.

Definitions (docs/indicators.md has the full text):
- an event belongs to the scope when one of its hosts is a garden of the scope (once, however
  many hosts) or, for a project, when it is linked to the project; and to the period when it
  starts within it (Norwegian time);
- held events are the published ones; cancelled events are counted apart and nothing else of
  theirs counts; drafts never count;
- participants are counted per event as in programme/selectors/reach.py: those checked in
  once anyone at the event was checked in, otherwise those holding a confirmed place.
"""

import datetime as dt
from bisect import bisect_left
from operator import itemgetter

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from kollegium.companies.models import Company, CompanyGarden
from kollegium.indicators.groups.common import average, figure_rows, keyed_rows, share
from kollegium.indicators.report import (
    Chart,
    Column,
    Group,
    Period,
    Row,
    Scope,
    Series,
    Table,
    memo,
    register,
)
from kollegium.programme.models import (
    Event,
    EventHost,
    EventStatus,
    Feedback,
    Format,
    Registration,
    RegistrationStatus,
)

TREND_SEMESTERS = 4
CONFIRMED = Q(status=RegistrationStatus.CONFIRMED)


def scope_events(scope: Scope, start: dt.datetime, end_before: dt.datetime):
    """Published and cancelled events of the scope starting in [start, end_before)."""
    events = Event.objects.filter(
        starts_at__gte=start,
        starts_at__lt=end_before,
        status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED),
    )
    if scope.kind == "project":
        # The events linked to the project (collaboration.Project.events).
        return events.filter(projects=scope.project)
    if scope.garden_ids is not None:
        hosted = EventHost.objects.filter(garden_id__in=scope.garden_ids).values("event_id")
        events = events.filter(pk__in=hosted)
    return events


def held_events(scope: Scope, period: Period):
    return scope_events(scope, period.start_at, period.end_before).filter(
        status=EventStatus.PUBLISHED
    )


def participant_q() -> Q:
    """A Registration counts as a participant: checked in, or confirmed at an event where
    nobody was checked in. The check is a correlated NOT EXISTS on the event's registrations
    (index on event and status): about twice as fast as a NOT IN over every checked event of
    the window, on SQLite and PostgreSQL."""
    checked_in = Registration.objects.filter(
        event_id=OuterRef("event_id"), status=RegistrationStatus.CONFIRMED, attended=True
    )
    return CONFIRMED & (Q(attended=True) | ~Exists(checked_in))


def _event_rows(scope: Scope, start: dt.datetime, end_before: dt.datetime) -> list[dict]:
    """One row per event of the scope in the window: format, status, capacity, hosts."""
    hosts = (
        EventHost.objects.filter(event_id=OuterRef("pk"))
        .order_by()
        .values("event_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        scope_events(scope, start, end_before)
        .annotate(host_count=Coalesce(Subquery(hosts), 0))
        .order_by()
        .values("pk", "format", "status", "capacity", "starts_at", "host_count")
    )


def _registration_counts(events) -> dict[int, dict]:
    """Per event: places, check-ins, waitlist, participants from other gardens' companies and
    feedback, each GROUP BY reading the registrations' covering index
    (``registration_report_idx``) or the feedback once.

    "From other gardens" counts confirmed places of companies served by a garden of the
    network, none of them a host (programme/selectors/reach.py). It is found by subtraction:
    confirmed places, less those with no company or a company no garden serves (few; read
    from the companies' side), less those of companies a host serves (a join). Testing every
    place against the served companies and the hosts took three times as long, on SQLite and
    PostgreSQL. The counts count ``event`` (in the index) rather than the id (not in it), so
    PostgreSQL answers from the index alone."""
    booked = CONFIRMED & Q(walk_in=False)
    rows = (
        Registration.objects.filter(event__in=events)
        .order_by()
        .values("event_id")
        .annotate(
            confirmed=Count("event", filter=CONFIRMED),
            came=Count("event", filter=CONFIRMED & Q(attended=True)),
            booked=Count("event", filter=booked),
            booked_came=Count("event", filter=booked & Q(attended=True)),
            waiting=Count("event", filter=Q(status=RegistrationStatus.WAITLISTED)),
            signed_up=Count("event", filter=~Q(status=RegistrationStatus.CANCELLED)),
        )
    )
    counts = {
        row.pop("event_id"): {
            **row,
            "other_all": row["confirmed"],
            "other_came": row["came"],
            "answers": 0,
            "ratings": 0,
        }
        for row in rows
    }
    for row in [*_not_served_counts(events), *_host_served_counts(events)]:
        entry = counts[row["event_id"]]
        entry["other_all"] -= row["all"]
        entry["other_came"] -= row["came"]
    feedback = (
        Feedback.objects.filter(registration__event__in=events)
        .order_by()
        .values("registration__event_id")
        .annotate(answers=Count("pk"), ratings=Sum("rating"))
    )
    for row in feedback:
        counts[row["registration__event_id"]].update(answers=row["answers"], ratings=row["ratings"])
    return counts


def _places_per_event(registrations):
    return (
        registrations.order_by()
        .values("event_id")
        .annotate(all=Count("event"), came=Count("event", filter=Q(attended=True)))
    )


def _not_served_counts(events):
    """Per event: confirmed (and checked-in) places with no company, or a company that no
    garden serves."""
    unserved = Company.objects.exclude(
        Exists(CompanyGarden.objects.filter(company_id=OuterRef("pk")))
    )
    return _places_per_event(
        Registration.objects.filter(CONFIRMED, event__in=events).filter(
            Q(company__isnull=True) | Q(company_id__in=unserved.values("pk"))
        )
    )


def _host_served_counts(events):
    """Per event: confirmed (and checked-in) places of companies a host of the event serves.
    The join gives a place once per host serving its company, hence the distinct count."""
    return (
        Registration.objects.filter(
            CONFIRMED,
            event__in=events,
            event__host_links__garden__relations__company_id=F("company_id"),
        )
        .order_by()
        .values("event_id")
        .annotate(
            all=Count("pk", distinct=True),
            came=Count("pk", distinct=True, filter=Q(attended=True)),
        )
    )


def _areas_by_event(events) -> dict[int, list[tuple[int, str]]]:
    """Per event: its competence areas (id, name), one query."""
    through = Event.areas.through.objects.filter(event__in=events)
    found: dict[int, list[tuple[int, str]]] = {}
    rows = through.values_list("event_id", "competencearea_id", "competencearea__name")
    for event_id, area_id, name in rows:
        found.setdefault(event_id, []).append((area_id, name))
    return found


EMPTY_COUNTS = {
    "confirmed": 0,
    "signed_up": 0,
    "came": 0,
    "booked": 0,
    "booked_came": 0,
    "waiting": 0,
    "other_all": 0,
    "other_came": 0,
}


def _mean(answers: list[int]) -> list:
    """[answers, average] from [answers, sum of ratings]."""
    return [answers[0], average(answers[1] / answers[0]) if answers[0] else None]


def programme_figures(scope: Scope, period: Period, window: "Window") -> dict:
    """Every programme figure of one period from the window's per-event rows (no query)."""
    totals = dict.fromkeys(
        (
            "held",
            "cancelled",
            "cohosted",
            "participants",
            "other",
            "capacity",
            "taken",
            "waiting",
            "expected",
            "absent",
        ),
        0,
    )
    by_format: dict[str, dict] = {}
    feedback = [0, 0]
    feedback_format: dict[str, list[int]] = {}
    feedback_area: dict[str, list[int]] = {}
    for row in window.rows_in(period):
        if row["status"] == EventStatus.CANCELLED:
            totals["cancelled"] += 1
            continue
        counts = window.counts.get(row["pk"], EMPTY_COUNTS)
        checked = counts["came"] > 0
        participants = counts["came"] if checked else counts["confirmed"]
        cohosted = row["host_count"] >= 2
        entry = by_format.setdefault(row["format"], {"held": 0, "cohosted": 0, "participants": 0})
        entry["held"] += 1
        entry["cohosted"] += cohosted
        entry["participants"] += participants
        totals["held"] += 1
        totals["cohosted"] += cohosted
        totals["participants"] += participants
        totals["other"] += counts["other_came"] if checked else counts["other_all"]
        if row["capacity"]:
            totals["capacity"] += row["capacity"]
            totals["taken"] += counts["confirmed"]
            totals["waiting"] += counts["waiting"]
        if checked:
            totals["expected"] += counts["booked"]
            totals["absent"] += counts["booked"] - counts["booked_came"]
        answers = window.feedback.get(row["pk"])
        if answers:
            targets = [feedback, feedback_format.setdefault(row["format"], [0, 0])]
            targets += [
                feedback_area.setdefault(name, [0, 0])
                for _id, name in window.areas.get(row["pk"], [])
            ]
            for target in targets:
                target[0] += answers[0]
                target[1] += answers[1]
    companies = window.companies.get(period)
    if companies is None:  # a period the window was not read for
        companies = _unique_companies(held_events(scope, period), {period: Q()})[period]
    return {
        "formats": by_format,
        "totals": {
            "held": totals["held"],
            "cancelled": totals["cancelled"],
            "cohosted": totals["cohosted"],
            "participants": totals["participants"],
            "companies": companies,
            "reach": share(totals["other"], totals["participants"]),
            "fill": share(totals["taken"], totals["capacity"]),
            "waiting": totals["waiting"],
            "pressure": share(totals["waiting"], totals["capacity"]),
            "no_show": share(totals["absent"], totals["expected"]),
        },
        "feedback": _mean(feedback),
        "feedback_format": {k: _mean(v) for k, v in feedback_format.items()},
        "feedback_area": {k: _mean(v) for k, v in feedback_area.items()},
    }


def semesters_until(period: Period, count: int = TREND_SEMESTERS) -> list[Period]:
    """The ``count`` semesters ending with the one ``period`` ends in, oldest first."""
    last = Period.semester(period.end.year, 1 if period.end.month <= 6 else 2)
    semesters = [last]
    while len(semesters) < count:
        semesters.insert(0, semesters[0].previous())
    return semesters


class Window:
    """The events of the scope from the earliest day any figure needs to the period's end,
    read once (five queries) and shared by the period, the previous one and the trend."""

    def __init__(self, scope: Scope, period: Period, previous: Period):
        self.semesters = semesters_until(period)
        start = min(previous.start_at, self.semesters[0].start_at, period.start_at)
        end = max(period.end_before, previous.end_before)
        self.events = sorted(_event_rows(scope, start, end), key=itemgetter("starts_at"))
        self._starts = [row["starts_at"] for row in self.events]
        held = scope_events(scope, start, end).filter(status=EventStatus.PUBLISHED)
        self.counts = _registration_counts(held)
        self.feedback = {
            pk: (row["answers"], row["ratings"])
            for pk, row in self.counts.items()
            if row["answers"]
        }
        self.areas = _areas_by_event(held)
        self.companies = _unique_companies(held, {p: _starts_in(p) for p in (period, previous)})

    def rows_in(self, period: Period) -> list[dict]:
        """The window's events starting in ``period`` (sliced, not filtered: they are sorted)."""
        first = bisect_left(self._starts, period.start_at)
        return self.events[first : bisect_left(self._starts, period.end_before, first)]


def _starts_in(period: Period) -> Q:
    return Q(event__starts_at__gte=period.start_at, event__starts_at__lt=period.end_before)


def _unique_companies(events, periods: dict) -> dict:
    """Distinct companies among the participants of ``events``, per period (a filter each),
    in one query."""
    figures = Registration.objects.filter(
        participant_q(), event__in=events, company__isnull=False
    ).aggregate(
        **{
            f"p{index}": Count("company_id", distinct=True, filter=condition)
            for index, condition in enumerate(periods.values())
        }
    )
    return {period: figures[f"p{index}"] for index, period in enumerate(periods)}


def event_window(scope: Scope, period: Period, previous: Period) -> Window:
    """The window of one report, read once per build (report.memo)."""
    return memo(
        ("programme.window", scope, period, previous), lambda: Window(scope, period, previous)
    )


def _trend(window: Window) -> Chart:
    """Events held and participants per semester, from the window's rows."""
    events, people = [], []
    for semester in window.semesters:
        held = [r for r in window.rows_in(semester) if r["status"] == EventStatus.PUBLISHED]
        counts = [window.counts.get(row["pk"], EMPTY_COUNTS) for row in held]
        events.append(len(held))
        people.append(sum(c["came"] or c["confirmed"] for c in counts))
    return Chart(
        "trend",
        _("Events and participants per semester"),
        [s.label for s in window.semesters],
        [Series(_("Events held"), events), Series(_("Participants"), people)],
    )


def _key_figures_table(now: dict, before: dict) -> Table:
    t, p = now["totals"], before["totals"]
    labels = [
        ("held", _("Events held")),
        ("cancelled", _("Events cancelled")),
        ("cohosted", _("Co-hosted events")),
        ("participants", _("Participants")),
        ("companies", _("Unique companies reached")),
        ("reach", _("Participants from other gardens' companies (%)")),
        ("fill", _("Fill rate (%)")),
        ("waiting", _("Left on the waitlist")),
        ("pressure", _("Waitlist pressure (share of capacity, %)")),
        ("no_show", _("No-show rate (%)")),
    ]
    rows = figure_rows([(label, t[key], p[key]) for key, label in labels])
    rows.append(
        Row([_("Average feedback (1-5)"), now["feedback"][1]], [None, before["feedback"][1]])
    )
    return Table(
        "programme_key_figures",
        _("The programme in figures"),
        [Column("label", _("Figure"), "text", False), Column("value", _("Value"), "decimal")],
        rows,
        note=_(
            "Participants: checked in, or confirmed where nobody was checked in. Fill rate: "
            "confirmed places of the capacity of events with a capacity. No-show rate: "
            "confirmed but not checked in, at events where check-in was used."
        ),
        public=True,
    )


def _format_table(now: dict, before: dict) -> Table:
    def values(figures):
        return {
            key: [entry["held"], entry["cohosted"], entry["participants"]]
            for key, entry in figures["formats"].items()
        }

    labels = dict(Format.choices)
    return Table(
        "programme_by_format",
        _("Events by format"),
        [
            Column("format", _("Format"), "text", False),
            Column("events", _("Events held")),
            Column("cohosted", _("Co-hosted")),
            Column("participants", _("Participants")),
        ],
        keyed_rows(values(now), values(before), labels, 3, order=Format.values),
        public=True,
    )


def _feedback_table(key: str, title: str, first: str, now: dict, before: dict, order=None):
    labels = dict(Format.choices) if key == "feedback_format" else {}
    return Table(
        f"programme_{key}",
        title,
        [
            Column("label", first, "text", False),
            Column("responses", _("Answers")),
            Column("average", _("Average (1-5)"), "decimal"),
        ],
        keyed_rows(now[key], before[key], labels, 2, order=order, missing=None),
        public=key == "feedback_format",
    )


@register(order=10)
def programme_group(scope: Scope, period: Period, previous: Period) -> Group:
    window = event_window(scope, period, previous)
    now = programme_figures(scope, period, window)
    before = programme_figures(scope, previous, window)
    formats = [key for key in Format.values if key in now["feedback_format"]]
    formats += [k for k in Format.values if k in before["feedback_format"] and k not in formats]
    by_format = _format_table(now, before)
    return Group(
        "programme",
        _("Programme"),
        [
            _key_figures_table(now, before),
            by_format,
            _feedback_table(
                "feedback_format",
                _("Average feedback by format"),
                _("Format"),
                now,
                before,
                order=formats,
            ),
            _feedback_table(
                "feedback_area",
                _("Average feedback by competence area"),
                _("Competence area"),
                now,
                before,
            ),
        ],
        chart=Chart(
            "bars",
            _("Events held by format"),
            [row.cells[0] for row in by_format.rows],
            [
                Series(period.label, [row.cells[1] for row in by_format.rows]),
                Series(previous.label, [row.previous[1] for row in by_format.rows]),
            ],
        ),
        charts=[_trend(window)],
    )
