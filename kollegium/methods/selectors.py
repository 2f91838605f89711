"""Reads of the method bank that views, the feed and the API share (fixed query counts)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from kollegium.methods.models import (
    STAGE_ORDER,
    Adoption,
    Comment,
    Method,
    MethodVersion,
    Pilot,
    Recommendation,
    Stage,
    StageMove,
)
from kollegium.network import permissions
from kollegium.network.models import CompetenceArea, Garden
from kollegium.programme.models import Event


def _with_cards(methods: QuerySet[Method]) -> QuerySet[Method]:
    """What a card or row shows: owner garden and areas, in one extra query."""
    return methods.select_related("owner").prefetch_related(
        Prefetch("areas", queryset=CompetenceArea.objects.order_by("name", "pk"))
    )


def visible_methods(user) -> QuerySet[Method]:
    """Every method the user may see, with what a card shows loaded."""
    return _with_cards(Method.objects.filter(permissions.visible_methods_q(user)))


def public_methods() -> QuerySet[Method]:
    """Methods shared publicly: the public library, the feed and the open API."""
    return _with_cards(Method.objects.filter(permissions.public_methods_q()))


def _text_matches(text: str) -> Q:
    """Title or summary contains the text, also for æ, ø and å on SQLite (whose LIKE folds
    only ASCII letters): try the forms people write words in."""
    condition = Q()
    for variant in {text, text.lower(), text.upper(), text.capitalize()}:
        condition |= Q(title__icontains=variant) | Q(summary__icontains=variant)
    return condition


def filter_methods(
    methods: QuerySet[Method],
    *,
    q: str = "",
    garden: Garden | None = None,
    area: CompetenceArea | None = None,
    kind: str = "",
    stage: str = "",
) -> QuerySet[Method]:
    for word in q.split():
        methods = methods.filter(_text_matches(word))
    if garden is not None:
        methods = methods.filter(owner=garden)
    if area is not None:
        methods = methods.filter(
            pk__in=Method.areas.through.objects.filter(competencearea=area).values("method_id")
        )
    if kind:
        methods = methods.filter(kind=kind)
    if stage:
        methods = methods.filter(stage=stage)
    return methods


@dataclass
class Column:
    stage: str
    label: str
    methods: list[Method] = field(default_factory=list)
    # All the column's methods; ``methods`` holds the first BOARD_COLUMN_LIMIT of them.
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.methods)


# A national network has thousands of methods: the board shows the first of each stage and
# links to the list for the rest, so the page stays fast whatever the size.
BOARD_COLUMN_LIMIT = 30


def board(methods: QuerySet[Method], per_column: int = BOARD_COLUMN_LIMIT) -> list[Column]:
    """One column per stage, in lifecycle order; methods by title within a column, at most
    ``per_column`` of them with the column's total beside (two queries and the prefetches)."""
    columns = {value: Column(value, label) for value, label in Stage.choices}
    totals = methods.order_by().values_list("stage").annotate(count=Count("pk"))
    for stage, count in totals:
        columns[stage].total = count
    first = methods.annotate(
        position=Window(
            RowNumber(), partition_by=F("stage"), order_by=[F("title").asc(), F("pk").asc()]
        )
    ).filter(position__lte=per_column)
    for method in first.order_by("title", "pk"):
        columns[method.stage].methods.append(method)
    return [columns[stage] for stage in STAGE_ORDER]


def library(*, q: str = "", area=None, kind: str = "") -> QuerySet[Method]:
    """The public library, newest shared first."""
    methods = filter_methods(public_methods(), q=q, area=area, kind=kind)
    return methods.order_by("-shared_at", "title", "pk")


@dataclass
class Evidence:
    """What the pilots of a method show."""

    pilots: list[Pilot]
    completed: int
    average_rating: float | None
    recommendations: dict[str, int]
    gardens: list[Garden]


def evidence(method: Method) -> Evidence:
    """The pilots (each with ``event``, the programme event it ran at, or None) and what they
    add up to."""
    pilots = list(method.pilots.select_related("garden").order_by("starts_on", "pk"))
    refs = {p.event_ref for p in pilots if p.event_ref}
    events = {e.ref: e for e in Event.objects.filter(ref__in=refs)} if refs else {}
    for pilot in pilots:
        pilot.event = events.get(pilot.event_ref)
    rated = [p.rating for p in pilots if p.is_completed and p.rating is not None]
    counts = Counter(p.recommendation for p in pilots if p.is_completed)
    gardens = {p.garden_id: p.garden for p in pilots}
    return Evidence(
        pilots=pilots,
        completed=sum(1 for p in pilots if p.is_completed),
        average_rating=round(sum(rated) / len(rated), 1) if rated else None,
        recommendations={label: counts[value] for value, label in Recommendation.choices},
        gardens=sorted(gardens.values(), key=lambda g: g.name),
    )


def adoptions(method: Method) -> list[Adoption]:
    return list(method.adoptions.select_related("garden").order_by("garden__name", "pk"))


def threads(method: Method) -> list[Comment]:
    """Top-level comments, oldest first, each with its replies, in two queries."""
    replies = Comment.objects.select_related("author__user", "author__garden").order_by(
        "created_at", "pk"
    )
    return list(
        method.comments.filter(parent__isnull=True)
        .select_related("author__user", "author__garden")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )


def history(method: Method) -> QuerySet[StageMove]:
    return method.moves.order_by("at", "pk")


def versions(method: Method) -> QuerySet[MethodVersion]:
    return method.versions.order_by("-number")


@dataclass
class SpreadRow:
    method: Method
    adopted: set[int]
    piloted: set[int]


def spread(methods: QuerySet[Method]) -> tuple[list[Garden], list[SpreadRow]]:
    """Which garden pilots and uses which method, for the network overview (fixed queries)."""
    gardens = list(Garden.objects.order_by("name", "pk"))
    methods = methods.prefetch_related(
        Prefetch("adoptions", queryset=Adoption.objects.only("method_id", "garden_id")),
        Prefetch("pilots", queryset=Pilot.objects.only("method_id", "garden_id")),
    ).order_by("title", "pk")
    rows = [
        SpreadRow(
            method=m,
            adopted={a.garden_id for a in m.adoptions.all()},
            piloted={p.garden_id for p in m.pilots.all()},
        )
        for m in methods
    ]
    return gardens, rows


def public_spread(limit: int = 10) -> tuple[int, list[Method]]:
    """For the network's public page: the gardens in all, and the publicly shared methods with
    ``adopted`` (how many gardens use each), most used first. Two queries."""
    methods = (
        public_methods()
        .annotate(adopted=Count("adoptions", distinct=True))
        .order_by("-adopted", "title", "pk")
    )
    return Garden.objects.count(), list(methods[:limit])
