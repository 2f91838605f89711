"""Methods in every stage of the lifecycle, with their moves, pilots and adoptions."""

import datetime
import uuid

from kollegium.core.generate import names
from kollegium.core.generate.base import Context
from kollegium.methods.models import Adoption, Method, Pilot, StageMove
from kollegium.methods.models.methods import STAGE_ORDER, Kind, Licence, Stage, Visibility
from kollegium.methods.models.pilots import Recommendation

PILOT_INDEX = STAGE_ORDER.index(Stage.PILOT)


def generate(ctx: Context) -> dict[str, int]:
    methods = _methods(ctx)
    moves = _moves(ctx, methods)
    pilots, adoptions = _pilots(ctx, methods)
    return {"methods": len(methods), "stage_moves": moves, "pilots": pilots, "adoptions": adoptions}


def _methods(ctx: Context) -> list[Method]:
    rng, rows = ctx.rng, []
    people_by_garden: dict[int, list] = {}
    for person in ctx.people:
        people_by_garden.setdefault(person.garden_id, []).append(person)
    for i in range(ctx.config.methods):
        # Round the stages so every stage has methods, even at the smallest scale.
        stage = STAGE_ORDER[i % len(STAGE_ORDER)]
        owner = rng.choice(ctx.gardens)
        created = ctx.at(-rng.randint(200, 1800))
        changed = created + datetime.timedelta(days=30 * STAGE_ORDER.index(stage))
        visibility = rng.choice(Visibility.values)
        if stage == Stage.SHARED and visibility == Visibility.GARDEN:
            visibility = Visibility.NETWORK
        title = f"{rng.choice(names.METHOD_TOPICS)} – {rng.choice(names.METHOD_NOUNS)}"
        rows.append(
            Method(
                uid=uuid.UUID(int=rng.getrandbits(128)),
                ref=f"m{i:05d}",
                title=title,
                kind=rng.choice(Kind.values),
                summary=f"{title}: slik gjør vi det i {owner.name}.",
                body="## Slik gjør du\n\n1. Forbered\n2. Gjennomfør\n3. Evaluer\n",
                owner=owner,
                visibility=visibility,
                licence=Licence.CC_BY,
                stage=stage,
                stage_changed_at=changed,
                shared_at=changed if stage == Stage.SHARED else None,
                created_by=rng.choice(people_by_garden.get(owner.pk) or ctx.people),
                created_at=created,
                updated_at=changed,
            )
        )
    ctx.bulk(Method, rows, "methods")
    through, links = Method.areas.through, []
    for method in rows:
        for area in rng.sample(ctx.areas, rng.randint(1, 3)):
            links.append(through(method_id=method.pk, competencearea_id=area.pk))
    ctx.bulk(through, links)
    return rows


def _moves(ctx: Context, methods: list[Method]) -> int:
    """One move into each stage the method has passed, ending in its current stage."""
    rows = []
    for method in methods:
        actor = method.created_by
        previous = ""
        for step, stage in enumerate(STAGE_ORDER[: method.stage_index + 1]):
            rows.append(
                StageMove(
                    method=method,
                    from_stage=previous,
                    to_stage=stage,
                    actor_id=actor.user_id,
                    actor_name=actor.user.name,
                    at=method.created_at + datetime.timedelta(days=30 * step),
                )
            )
            previous = stage
    ctx.bulk(StageMove, rows, "stage moves")
    return len(rows)


def _pilots(ctx: Context, methods: list[Method]) -> tuple[int, int]:
    rng, pilots, adoptions = ctx.rng, [], []
    for method in methods:
        if method.stage_index < PILOT_INDEX:
            continue
        # Pilots have run once a method reached the pilot stage; evaluated when it moved on.
        evaluated = method.stage_index > PILOT_INDEX
        gardens = rng.sample(ctx.gardens, min(len(ctx.gardens), rng.randint(1, 3)))
        starts = (method.created_at + datetime.timedelta(days=30 * PILOT_INDEX)).date()
        for garden in gardens:
            pilots.append(
                Pilot(
                    method=method,
                    garden=garden,
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=25) if evaluated else None,
                    participants=rng.randint(3, 25),
                    context="Prøvd med bedriftene i programmet.",
                    rating=rng.randint(2, 5) if evaluated else None,
                    worked="Strukturen hjalp." if evaluated else "",
                    recommendation=rng.choice(Recommendation.values) if evaluated else "",
                    evaluated_on=starts + datetime.timedelta(days=28) if evaluated else None,
                    created_at=method.created_at,
                    updated_at=method.stage_changed_at,
                )
            )
        if method.stage in (Stage.IMPLEMENTATION, Stage.SHARED):
            for garden in gardens:
                adoptions.append(
                    Adoption(
                        method=method,
                        garden=garden,
                        adopted_on=method.stage_changed_at.date(),
                        created_at=method.stage_changed_at,
                    )
                )
    ctx.bulk(Pilot, pilots, "pilots")
    ctx.bulk(Adoption, adoptions, "adoptions")
    return len(pilots), len(adoptions)
