"""The indicator report: a list of groups, each a list of tables and an optional chart.

A group is built by a function ``(scope, period, previous) -> Group | None`` registered with
``@register(order)`` in a module listed in ``GROUP_MODULES``. ``build_report`` imports those
modules (a module that does not exist yet is skipped), calls every function and keeps the
groups that are not None. Pages, exports (XLSX, CSV), the printable annual report, the API
and the public page all render the same ``Report``; none of them knows a group by name.

Rules for a group function:
- compute with a bounded number of queries (SQL aggregates), independent of the data's size;
- fill ``Row.previous`` with the same indicator for ``previous`` (None where it has no
  meaning, e.g. a label cell);
- when ``scope.public`` is true, leave out company names and anything about a person, and
  mark the tables fit for the public page with ``public=True`` (only those are shown there);
- return None when the group has nothing to say for that scope (e.g. no data source yet).

Scope: ``network`` (every garden), ``garden`` (``garden_ids`` holds the one garden) or
``project`` (``garden_ids`` holds the project's participating gardens; a group counts the
things linked to ``project`` when its data has such a link, otherwise the things of those
gardens — see docs/indicators.md).
"""

import datetime as dt
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module
from typing import Any, Literal

from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.core import freshness

ScopeKind = Literal["network", "garden", "project"]
PeriodKind = Literal["year", "semester", "custom"]
ColumnKind = Literal["text", "int", "percent", "decimal", "nok"]
ChartKind = Literal["bars", "trend"]


@dataclass(frozen=True)
class Period:
    """Dates from ``start`` to ``end``, both included, in Norwegian time."""

    start: dt.date
    end: dt.date
    kind: PeriodKind = "custom"

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")

    @classmethod
    def semester(cls, year: int, half: int) -> "Period":
        """``half`` 1: spring (January-June), 2: autumn (July-December)."""
        if half == 1:
            return cls(dt.date(year, 1, 1), dt.date(year, 6, 30), "semester")
        return cls(dt.date(year, 7, 1), dt.date(year, 12, 31), "semester")

    def previous(self) -> "Period":
        """The same kind of period just before: last year, last semester, or as many days."""
        if self.kind == "year":
            return Period.year(self.start.year - 1)
        if self.kind == "semester":
            if self.start.month == 1:
                return Period.semester(self.start.year - 1, 2)
            return Period.semester(self.start.year, 1)
        days = (self.end - self.start).days + 1
        return Period(self.start - dt.timedelta(days=days), self.start - dt.timedelta(days=1))

    @cached_property
    def start_at(self) -> dt.datetime:
        """The first instant of the period (aware, Europe/Oslo)."""
        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    @cached_property
    def end_before(self) -> dt.datetime:
        """The first instant after the period: filter with ``__lt``."""
        return timezone.make_aware(
            dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min)
        )

    @property
    def label(self) -> str:
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "semester":
            if self.start.month == 1:
                return _("Spring %(year)s") % {"year": self.start.year}
            return _("Autumn %(year)s") % {"year": self.start.year}
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


@dataclass(frozen=True)
class Scope:
    """What the report covers. ``garden_ids`` None means every garden (the network)."""

    kind: ScopeKind = "network"
    garden_ids: tuple[int, ...] | None = None
    garden: Any = None  # network.Garden, for kind "garden"
    project: Any = None  # collaboration.Project, for kind "project"
    public: bool = False

    @property
    def label(self) -> str:
        if self.kind == "garden" and self.garden is not None:
            return self.garden.name
        if self.kind == "project" and self.project is not None:
            return str(self.project)
        return _("The network")

    def gardens_filter(self, lookup: str) -> dict:
        """A ``filter(**...)`` argument limiting ``lookup`` (a garden id path) to the scope."""
        if self.garden_ids is None:
            return {}
        return {f"{lookup}__in": self.garden_ids}


@dataclass
class Column:
    key: str
    label: str
    kind: ColumnKind = "int"
    # Show the previous period's value beside this column's value.
    compare: bool = True


@dataclass
class Row:
    """``cells`` in column order; ``previous`` the same shape (None: nothing to compare)."""

    cells: list
    previous: list | None = None
    # Highlight the row (e.g. a thin competence area).
    flag: bool = False


@dataclass
class Table:
    key: str  # stable, a-z0-9_ (file and sheet names, API)
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    note: str = ""  # how the figure is defined, shown under the table
    public: bool = False  # fit for the public page "nettverket i tall"


@dataclass
class Series:
    label: str
    values: list[float | int | None]


@dataclass
class Chart:
    """Data for a server-rendered SVG (charts.py); the tables carry the same numbers.

    bars: one bar group per label, one bar per series (e.g. this period, the previous).
    trend: labels are semesters in order, one line of bars per series.
    """

    kind: ChartKind
    title: str
    labels: list[str]
    series: list[Series]
    percent: bool = False


@dataclass
class Group:
    key: str  # stable, a-z0-9_
    title: str
    tables: list[Table]
    chart: Chart | None = None
    charts: list[Chart] = field(default_factory=list)  # more than one chart, if needed

    @property
    def all_charts(self) -> list[Chart]:
        return ([self.chart] if self.chart else []) + list(self.charts)


@dataclass
class Report:
    scope: Scope
    period: Period
    previous: Period
    groups: list[Group]

    def tables(self):
        """Every (group, table), in order: for exports."""
        for group in self.groups:
            for table in group.tables:
                yield group, table


GroupFunction = Callable[[Scope, Period, Period], Group | None]
GROUPS: list[tuple[int, GroupFunction]] = []

# Modules whose import registers group functions; missing ones are skipped.
GROUP_MODULES = (
    "kollegium.indicators.groups.programme",
    "kollegium.indicators.groups.methods",
    "kollegium.indicators.groups.companies",
    "kollegium.indicators.groups.growth",
    "kollegium.indicators.groups.competence",
    "kollegium.indicators.collaboration",
    "kollegium.surveys.indicators",
)


def register(order: int = 100) -> Callable[[GroupFunction], GroupFunction]:
    """Add a group function to the report; lower ``order`` comes first."""

    def decorator(function: GroupFunction) -> GroupFunction:
        if function not in [f for _, f in GROUPS]:
            GROUPS.append((order, function))
        return function

    return decorator


def load_groups() -> list[GroupFunction]:
    for name in GROUP_MODULES:
        try:
            import_module(name)
        except ModuleNotFoundError as exc:
            # Only the module itself may be missing; a broken import inside it must show.
            if exc.name is None or not name.startswith(exc.name):
                raise
    return [function for _, function in sorted(GROUPS, key=lambda item: item[0])]


_memo: ContextVar[dict | None] = ContextVar("indicator_report_memo", default=None)


def memo(key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()``, shared by the groups of one ``build_report`` (e.g. the events of the
    period read once for the programme and the competence groups); outside a build, computed
    each time. Never kept between builds, so a report never shows stale figures."""
    store = _memo.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def build_report(scope: Scope, period: Period, previous: Period | None = None) -> Report:
    """Every registered group for ``scope`` and ``period``, beside ``previous``."""
    previous = previous or period.previous()
    groups = []
    token = _memo.set({})
    try:
        for function in load_groups():
            group = function(scope, period, previous)
            if group is not None:
                groups.append(group)
    finally:
        _memo.reset(token)
    return Report(scope, period, previous, groups)


# Everything a report reads: a write to any of these apps' tables builds it anew.
REPORT_APPS = (
    "programme",
    "companies",
    "methods",
    "collaboration",
    "referrals",
    "surveys",
    "indicators",
    "network",
    "core",
)


def report_for(scope: Scope, period: Period, previous: Period | None = None) -> Report:
    """``build_report``, kept until any table of ``REPORT_APPS`` changes (core/freshness.py):
    the page, its exports, the annual report and the API then share one build."""
    previous = previous or period.previous()
    project = getattr(scope.project, "pk", None)
    key = (scope.kind, scope.garden_ids, project, scope.public, period, previous)
    return freshness.value(
        "indicators.report",
        freshness.app_tables(*REPORT_APPS),
        lambda: build_report(scope, period, previous),
        vary=key,
    )
