"""Events over five years with hosts, registrations, attendance and feedback."""

import datetime

from kollegium.core.generate import names
from kollegium.core.generate.base import BATCH, Context
from kollegium.programme.models import (
    Event,
    EventHost,
    EventStatus,
    Feedback,
    Format,
    Registration,
    RegistrationStatus,
)

YEARS = 5
AHEAD_DAYS = 180


def generate(ctx: Context) -> dict[str, int]:
    counts = _per_event(ctx)
    _events(ctx, counts)
    hosts = _hosts(ctx)
    registrations, feedback = _registrations(ctx, counts)
    return {
        "events": len(ctx.events),
        "event_hosts": hosts,
        "registrations": registrations,
        "feedback": feedback,
    }


def _events(ctx: Context, counts: list[int]) -> None:
    rng, rows = ctx.rng, []
    statuses = [EventStatus.PUBLISHED] * 23 + [EventStatus.CANCELLED, EventStatus.DRAFT]
    for i in range(ctx.config.events):
        day = ctx.at(-rng.randint(-AHEAD_DAYS, YEARS * 365)).replace(
            hour=rng.choice((8, 10, 12, 14, 18)), minute=0
        )
        online = rng.random() < 0.25
        stamp = day - datetime.timedelta(days=rng.randint(20, 60))
        rows.append(
            Event(
                ref=f"e{day:%Y%m%d}-{i:06d}",
                title=rng.choice(names.EVENT_TOPICS),
                format=rng.choice(Format.values),
                description="Et møte for bedriftene i nettverket.\n\n**Velkommen!**",
                starts_at=day,
                ends_at=day + datetime.timedelta(hours=rng.choice((1, 2, 3, 6))),
                venue="" if online else f"{rng.choice(names.PLACE_WORDS)}huset",
                online_url=f"https://meet.example.no/{i}" if online else "",
                # Room for everyone generated, and some to spare.
                capacity=counts[i] + rng.randint(0, 20),
                registration_opens=stamp,
                status=rng.choice(statuses),
                created_at=stamp,
                updated_at=stamp,
            )
        )
    ctx.events = ctx.bulk(Event, rows, "events")
    through, links = Event.areas.through, []
    for event in ctx.events:
        for area in rng.sample(ctx.areas, rng.randint(1, 2)):
            links.append(through(event_id=event.pk, competencearea_id=area.pk))
    ctx.bulk(through, links)


def _hosts(ctx: Context) -> int:
    rng, rows = ctx.rng, []
    for event in ctx.events:
        # One host; one in five events has a co-host who reserves a few places.
        count = 2 if rng.random() < 0.2 and len(ctx.gardens) > 1 else 1
        for n, garden in enumerate(rng.sample(ctx.gardens, count)):
            rows.append(EventHost(event=event, garden=garden, reserved_places=5 * n))
    ctx.bulk(EventHost, rows, "event hosts")
    return len(rows)


def _participants(ctx: Context, needed: int) -> list[tuple]:
    """(name, e-mail, company) of everyone who may sign up: contacts, then private persons."""
    pool = [(c.name, c.email, c.company) for c in ctx.contacts]
    for i in range(len(pool), needed):
        pool.append((f"Deltaker {i}", f"deltaker{i}@example.no", None))
    return pool


def _per_event(ctx: Context) -> list[int]:
    counts = [0] * ctx.config.events
    if counts:
        for _ in range(ctx.config.registrations):
            counts[ctx.rng.randrange(len(counts))] += 1
    return counts


def _registrations(ctx: Context, counts: list[int]) -> tuple[int, int]:
    rng = ctx.rng
    pool = _participants(ctx, max(counts, default=0))
    batch: list[Registration] = []
    done = feedback = 0
    total = sum(counts)
    for event, count in zip(ctx.events, counts, strict=True):
        for index in rng.sample(range(len(pool)), count):
            batch.append(_registration(ctx, event, pool[index]))
        if len(batch) >= BATCH:
            feedback += _flush(ctx, batch)
            done += len(batch)
            ctx.progress.show("registrations", done, total)
            batch = []
    feedback += _flush(ctx, batch)
    ctx.progress.show("registrations", done + len(batch), total)
    return total, feedback


def _registration(ctx: Context, event: Event, who: tuple) -> Registration:
    rng = ctx.rng
    name, email, company = who
    roll = rng.random()
    status = (
        RegistrationStatus.CONFIRMED
        if roll < 0.9
        else RegistrationStatus.WAITLISTED
        if roll < 0.95
        else RegistrationStatus.CANCELLED
    )
    created = event.starts_at - datetime.timedelta(hours=rng.randint(2, 600))
    past = event.starts_at < ctx.at(0)
    attended = past and status == RegistrationStatus.CONFIRMED and rng.random() < 0.8
    return Registration(
        event=event,
        token=f"{rng.getrandbits(160):040x}",
        name=name,
        email=email,
        company=company,
        company_name=company.name if company else "",
        language="nb" if rng.random() < 0.9 else "en",
        status=status,
        queued_at=created if status == RegistrationStatus.WAITLISTED else None,
        consent_at=created,
        attended=attended,
        checked_in_at=event.starts_at if attended else None,
        created_at=created,
        updated_at=created,
    )


def _flush(ctx: Context, batch: list[Registration]) -> int:
    """Insert a batch of registrations and feedback from a third of those who came."""
    if not batch:
        return 0
    Registration.objects.bulk_create(batch)
    rng, rows = ctx.rng, []
    for registration in batch:
        if registration.attended and rng.random() < 0.35:
            rows.append(
                Feedback(
                    registration=registration,
                    rating=rng.choice((3, 4, 4, 5, 5, 5, 2)),
                    useful=rng.choice(names.FEEDBACK_TEXTS),
                    created_at=registration.event.ends_at + datetime.timedelta(days=1),
                )
            )
    Feedback.objects.bulk_create(rows)
    return len(rows)
