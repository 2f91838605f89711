"""The shape of the ``events`` section of a network document, and its checks.

An event: ``ref`` (key), ``title``, ``format``, ``starts_at`` and ``ends_at`` (ISO 8601 with
offset), ``hosts`` (garden slugs, or ``{"garden", "reserved_places", "reserved_until"}`` for a
host keeping places for its companies) are required. Optional: ``description`` (markdown),
``venue``, ``address``, ``online_url``, ``areas`` (slugs), ``speakers`` (staff e-mails),
``external_speakers`` (names), ``capacity`` (null: no limit), ``status`` (default
"published"), ``registration_opens`` / ``registration_closes`` (default: open from now until
the event starts), ``waitlist`` (default true), ``waitlist_mode`` ("promote" or "offer"),
``offer_hours`` (default 24), ``network_priority`` (default false) and ``questions``.
"""

import datetime
from typing import Any

from kollegium.interchange.base import Path, Problems
from kollegium.interchange.document import (
    INVALID,
    Key,
    boolean,
    choice,
    list_of,
    obj,
    slug_ref,
    text,
)
from kollegium.network.models import User
from kollegium.programme.models import (
    Event,
    EventStatus,
    Format,
    Question,
    QuestionKind,
    WaitlistMode,
)

MOMENT_HINT = "must be a date and time with offset, e.g. 2026-09-17T08:00:00+02:00"


def moment(value: Any, path: Path, problems: Problems) -> Any:
    """A date and time with its UTC offset (ISO 8601)."""
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            return parsed
    problems.add(path, MOMENT_HINT)
    return INVALID


def moment_or_null(value: Any, path: Path, problems: Problems) -> Any:
    return None if value is None else moment(value, path, problems)


def whole_number(minimum: int, *, nullable: bool = False):
    def check(value: Any, path: Path, problems: Problems) -> Any:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            suffix = ", or null" if nullable else ""
            problems.add(path, f"must be a whole number, {minimum} or more{suffix}")
            return INVALID
        return value

    return check


def _lower(value: str) -> str:
    return value.lower()


HOST_OBJECT = obj(
    {
        "garden": Key(slug_ref, required=True),
        "reserved_places": Key(whole_number(0)),
        "reserved_until": Key(moment_or_null),
    }
)


def host(value: Any, path: Path, problems: Problems) -> Any:
    """A garden slug, or an object naming the garden and its reserved places."""
    if isinstance(value, str):
        checked = slug_ref(value, path, problems)
        return INVALID if checked is INVALID else {"garden": checked}
    if isinstance(value, dict):
        return HOST_OBJECT(value, path, problems)
    problems.add(path, "must be a garden slug or an object")
    return INVALID


def _name(value: Any, path: Path, problems: Problems) -> Any:
    if not isinstance(value, str) or not value.strip() or "," in value:
        problems.add(path, "must be a name (no comma)")
        return INVALID
    return " ".join(value.split())


QUESTION = obj(
    {
        "label": Key(text(Question, "label", required=True), required=True),
        "kind": Key(choice(QuestionKind.values)),
        "choices": Key(list_of(text(Question, "label", required=True))),
        "required": Key(boolean),
    }
)

EVENT = obj(
    {
        "ref": Key(text(Event, "ref", required=True, slug=True), required=True),
        "title": Key(text(Event, "title", required=True), required=True),
        "format": Key(choice(Format.values), required=True),
        "description": Key(text(Event, "description")),
        "starts_at": Key(moment, required=True),
        "ends_at": Key(moment, required=True),
        "venue": Key(text(Event, "venue")),
        "address": Key(text(Event, "address")),
        "online_url": Key(text(Event, "online_url")),
        "hosts": Key(list_of(host), required=True),
        "areas": Key(list_of(slug_ref)),
        "speakers": Key(list_of(text(User, "email", required=True, clean=_lower))),
        "external_speakers": Key(list_of(_name)),
        "capacity": Key(whole_number(0, nullable=True)),
        "status": Key(choice(EventStatus.values)),
        "registration_opens": Key(moment_or_null),
        "registration_closes": Key(moment_or_null),
        "waitlist": Key(boolean),
        "waitlist_mode": Key(choice(WaitlistMode.values)),
        "offer_hours": Key(whole_number(1)),
        "network_priority": Key(boolean),
        "questions": Key(list_of(QUESTION)),
    }
)

EVENTS = list_of(EVENT)
