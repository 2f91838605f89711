"""Collaboration indicators and the collaboration map (a group of the indicator report).

Definitions in docs/indicators.md, "Collaboration". In short: sessions count by their start
(held and cancelled apart), actions by their due date (cancelled ones left out; on time means
done on or before the due date in Norwegian time), referrals by when they were asked, answered
and completed. A referral within one garden counts in the totals, never as a link. A map
link weighs the published events two gardens hosted together plus the referrals between them
made in the period and not declined.
"""

from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.collaboration.models import (
    ActionItem,
    ActionStatus,
    Invitation,
    SessionStatus,
    WorkSession,
)
from kollegium.indicators.collaboration_map import CollaborationMap, Link, map_geometry
from kollegium.indicators.groups.common import share
from kollegium.indicators.report import (
    Chart,
    Column,
    Group,
    Period,
    Row,
    Scope,
    Series,
    Table,
    register,
)
from kollegium.network.models import Garden
from kollegium.programme.models import Event, EventHost, EventStatus
from kollegium.programme.selectors.events import local_zone
from kollegium.referrals.models import Referral, Status

MAP_TEMPLATE = "indicators/_collaboration_map.html"


# --- work sessions and actions ---------------------------------------------------------------


def _sessions_of(scope: Scope):
    sessions = WorkSession.objects.all()
    if scope.kind == "project":
        return sessions.filter(project=scope.project)
    if scope.garden_ids is None:
        return sessions
    invited = Invitation.objects.filter(person__garden_id__in=scope.garden_ids)
    return sessions.filter(
        Q(pk__in=invited.values("session_id")) | Q(organiser__garden_id__in=scope.garden_ids)
    )


def session_figures(scope: Scope, period: Period) -> dict:
    """Held, held across gardens, cancelled and staff who came (one query)."""
    gardens = (
        Invitation.objects.filter(session_id=OuterRef("pk"))
        .order_by()
        .values("session_id")
        .annotate(n=Count("person__garden_id", distinct=True))
        .values("n")
    )
    coming = (
        Invitation.objects.filter(session_id=OuterRef("pk"), answer="coming")
        .order_by()
        .values("session_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    held = Q(status=SessionStatus.HELD)
    return (
        _sessions_of(scope)
        .filter(starts_at__gte=period.start_at, starts_at__lt=period.end_before)
        .annotate(garden_count=Coalesce(Subquery(gardens), 0), came=Coalesce(Subquery(coming), 0))
        .aggregate(
            held=Count("pk", filter=held),
            across=Count("pk", filter=held & Q(garden_count__gte=2)),
            cancelled=Count("pk", filter=Q(status=SessionStatus.CANCELLED)),
            staff=Coalesce(Sum("came", filter=held), 0),
        )
    )


def _actions_of(scope: Scope):
    actions = ActionItem.objects.all()
    if scope.kind == "project":
        return actions.filter(Q(project=scope.project) | Q(session__project=scope.project))
    return actions.filter(**scope.gardens_filter("owner__garden_id"))


def action_figures(scope: Scope, period: Period) -> dict:
    """Actions due in the period: done on time, done late, overdue, open (two queries)."""
    today = timezone.localdate()
    due = (
        _actions_of(scope)
        .filter(due_on__gte=period.start, due_on__lte=period.end)
        .exclude(status=ActionStatus.CANCELLED)
    )
    figures = due.aggregate(
        due=Count("pk"),
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
        overdue=Count("pk", filter=Q(status=ActionStatus.OPEN, due_on__lt=today)),
    )
    # The day an action was done is its Norwegian date. SQLite has no time zones (Django's
    # conversion there is a Python function per row, half a second for 10,000 actions), so
    # the dates are compared here: one row per action done, two columns.
    zone = local_zone()
    done = due.filter(status=ActionStatus.DONE).values_list("due_on", "done_at")
    figures["on_time"] = sum(
        1 for due_on, at in done.iterator() if at.astimezone(zone).date() <= due_on
    )
    figures["late"] = figures.pop("done") - figures["on_time"]
    figures["open"] = figures["due"] - figures["on_time"] - figures["late"] - figures["overdue"]
    return figures


def _referrals_of(scope: Scope):
    if scope.garden_ids is None:
        return Referral.objects.all()
    ids = scope.garden_ids
    return Referral.objects.filter(Q(from_garden_id__in=ids) | Q(to_garden_id__in=ids))


def _in(name: str, period: Period) -> Q:
    return Q(**{f"{name}__gte": period.start_at, f"{name}__lt": period.end_before})


def _referral_counts(period: Period) -> dict:
    made, answered = _in("created_at", period), _in("answered_at", period)
    completed = _in("completed_at", period) & Q(status=Status.COMPLETED)
    return {
        "made": Count("pk", filter=made),
        "across": Count("pk", filter=made & ~Q(from_garden_id=F("to_garden_id"))),
        "accepted": Count(
            "pk", filter=answered & Q(status__in=(Status.ACCEPTED, Status.COMPLETED))
        ),
        "declined": Count("pk", filter=answered & Q(status=Status.DECLINED)),
        "completed": Count("pk", filter=completed),
        "helped": Count("pk", filter=completed & Q(helped=True)),
        "hours": Sum("hours_spent", filter=completed),
    }


def referral_figures(scope: Scope, period: Period) -> dict:
    """Made (and across gardens), accepted, declined, completed, helped, hours (one query)."""
    figures = _referrals_of(scope).aggregate(**_referral_counts(period))
    figures["hours"] = float(figures["hours"]) if figures["hours"] is not None else None
    return figures


def referrals_between(scope: Scope, period: Period) -> dict[tuple[int, int], list[int]]:
    """{(asking garden, helping garden): [made, accepted, completed]} across gardens."""
    counts = _referral_counts(period)
    rows = (
        _referrals_of(scope)
        .exclude(from_garden_id=F("to_garden_id"))
        .filter(
            _in("created_at", period) | _in("answered_at", period) | _in("completed_at", period)
        )
        .order_by()
        .values("from_garden_id", "to_garden_id")
        .annotate(made=counts["made"], accepted=counts["accepted"], completed=counts["completed"])
    )
    return {
        (r["from_garden_id"], r["to_garden_id"]): [r["made"], r["accepted"], r["completed"]]
        for r in rows
    }


# --- the map: links between gardens ----------------------------------------------------------


def _cohosted_pairs(scope: Scope, period: Period) -> dict[tuple[int, int], int]:
    """{(garden, garden with a larger id): published events of the period both hosted}."""
    events = Event.objects.filter(
        status=EventStatus.PUBLISHED,
        starts_at__gte=period.start_at,
        starts_at__lt=period.end_before,
    )
    if scope.kind == "project":
        events = events.filter(projects=scope.project)
    rows = (
        EventHost.objects.filter(event__in=events)
        .annotate(other=F("event__host_links__garden_id"))
        .filter(other__gt=F("garden_id"))
        .order_by()
        .values("garden_id", "other")
        .annotate(n=Count("event_id", distinct=True))
    )
    return {(r["garden_id"], r["other"]): r["n"] for r in rows}


def _referral_pairs(scope: Scope, period: Period) -> dict[tuple[int, int], int]:
    rows = (
        Referral.objects.filter(_in("created_at", period))
        .exclude(status=Status.DECLINED)
        .exclude(from_garden_id=F("to_garden_id"))
        .order_by()
        .values("from_garden_id", "to_garden_id")
        .annotate(n=Count("pk"))
    )
    pairs: dict[tuple[int, int], int] = {}
    for r in rows:
        key = tuple(sorted((r["from_garden_id"], r["to_garden_id"])))
        pairs[key] = pairs.get(key, 0) + r["n"]
    return pairs


def map_links(scope: Scope, period: Period) -> list[Link]:
    """The weighted links of the period (two queries). For a garden: the links it is part
    of; for a project: the links among its gardens (and its events' co-hosts)."""
    events, referrals = _cohosted_pairs(scope, period), _referral_pairs(scope, period)
    links = {key: Link(*key) for key in {*events, *referrals}}
    for key, n in events.items():
        links[key].events = n
    for key, n in referrals.items():
        links[key].referrals = n
    ids = set(scope.garden_ids or ())
    found = []
    for link in links.values():
        if scope.kind == "garden" and not {link.a, link.b} & ids:
            continue
        if scope.kind == "project" and link.events == 0 and not {link.a, link.b} <= ids:
            continue
        found.append(link)
    return sorted(found, key=lambda link: (-link.weight, link.a, link.b))


def _map_gardens(scope: Scope, links: list[Link]) -> list[Garden]:
    """Every garden of the network (or of the project), and any garden a link reaches."""
    linked = {pk for link in links for pk in (link.a, link.b)}
    gardens = Garden.objects.order_by("name", "pk")
    if scope.kind == "network":
        return list(gardens)
    return list(gardens.filter(Q(pk__in=linked) | Q(pk__in=scope.garden_ids or ())))


@dataclass
class MapGroup(Group):
    """A report group that also draws the collaboration map (``extra_template``)."""

    extra_template: str = MAP_TEMPLATE
    collaboration_map: CollaborationMap | None = None


def collaboration_figures(scope: Scope, period: Period) -> dict:
    """Every figure of the summary table for one period (three queries)."""
    figures = {
        **{f"session_{k}": v for k, v in session_figures(scope, period).items()},
        **{f"action_{k}": v for k, v in action_figures(scope, period).items()},
        **{f"referral_{k}": v for k, v in referral_figures(scope, period).items()},
    }
    figures["action_on_time_share"] = share(figures["action_on_time"], figures["action_due"])
    return figures


def _summary(now: dict, before: dict) -> Table:
    counts = [
        ("session_held", _("Work sessions held")),
        ("session_across", _("… with staff of two or more gardens")),
        ("session_cancelled", _("Work sessions cancelled")),
        ("session_staff", _("Staff who came to the sessions held")),
        ("action_due", _("Actions due in the period")),
        ("action_on_time", _("… done on time")),
        ("action_late", _("… done late")),
        ("action_overdue", _("… overdue (still open)")),
        ("action_on_time_share", _("Actions done on time, per cent")),
        ("referral_made", _("Referrals made")),
        ("referral_across", _("… to another garden")),
        ("referral_accepted", _("Referrals accepted")),
        ("referral_declined", _("Referrals declined")),
        ("referral_completed", _("Referrals completed")),
        ("referral_helped", _("… where the company was helped")),
        ("referral_hours", _("Hours spent on completed referrals")),
    ]
    return Table(
        "collaboration_summary",
        _("Work sessions, actions and referrals"),
        [Column("label", _("Indicator"), "text", False), Column("value", _("Count"), "decimal")],
        [Row([label, now[key]], [None, before[key]]) for key, label in counts],
        note=_(
            "Sessions by their start, actions by their due date (cancelled actions left out), "
            "referrals by when they were asked, answered and completed."
        ),
        public=True,
    )


def _between(scope: Scope, period: Period, previous: Period, names: dict) -> Table:
    now, before = referrals_between(scope, period), referrals_between(scope, previous)
    keys = sorted({*now, *before}, key=lambda k: (names.get(k[0], ""), names.get(k[1], "")))
    rows = [
        Row(
            [names.get(a, "?"), names.get(b, "?"), *now.get((a, b), [0, 0, 0])],
            [None, None, *before.get((a, b), [0, 0, 0])],
        )
        for a, b in keys
    ]
    return Table(
        "collaboration_referrals_between",
        _("Referrals between gardens"),
        [
            Column("from", _("Asking garden"), "text", False),
            Column("to", _("Helping garden"), "text", False),
            Column("made", _("Made")),
            Column("accepted", _("Accepted")),
            Column("completed", _("Completed")),
        ],
        rows,
        note=_("Referrals within one garden are counted in the totals only."),
        public=True,
    )


def _links_table(links: list[Link], names: dict) -> Table:
    rows = [
        Row(
            [
                names.get(link.a, "?"),
                names.get(link.b, "?"),
                link.events,
                link.referrals,
                link.weight,
            ]
        )
        for link in links
    ]
    return Table(
        "collaboration_links",
        _("The collaboration map's links"),
        [
            Column("garden", _("Garden"), "text", False),
            Column("partner", _("Garden"), "text", False),
            Column("events", _("Co-hosted events"), compare=False),
            Column("referrals", _("Referrals"), compare=False),
            Column("weight", _("Together"), compare=False),
        ],
        rows,
        note=_(
            "Published events of the period both gardens hosted, and referrals between them "
            "made in the period and not declined (either direction)."
        ),
        public=True,
    )


CHART_FIGURES = ("session_held", "action_on_time", "referral_made", "referral_completed")


@register(order=30)
def collaboration_group(scope: Scope, period: Period, previous: Period) -> Group:
    now, before = collaboration_figures(scope, period), collaboration_figures(scope, previous)
    links = map_links(scope, period)
    gardens = _map_gardens(scope, links)
    names = dict(Garden.objects.values_list("pk", "name"))
    chart = Chart(
        "bars",
        _("Collaboration, this period and the previous"),
        [
            _("Work sessions held"),
            _("Actions done on time"),
            _("Referrals made"),
            _("Referrals completed"),
        ],
        [
            Series(period.label, [now[key] for key in CHART_FIGURES]),
            Series(previous.label, [before[key] for key in CHART_FIGURES]),
        ],
    )
    return MapGroup(
        key="collaboration",
        title=_("Collaboration"),
        tables=[
            _summary(now, before),
            _between(scope, period, previous, names),
            _links_table(links, names),
        ],
        chart=chart,
        collaboration_map=map_geometry(gardens, links),
    )
