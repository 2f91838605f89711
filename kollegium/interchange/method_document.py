"""The shape of the ``methods`` section of a network document, and its checks.

A method: ``ref`` (key), ``title``, ``kind``, ``summary``, ``body`` (markdown), ``owner``
(garden slug), ``areas`` (slugs), ``contributors`` (staff e-mails), ``stage``, ``visibility``;
optional ``licence``, ``links``, ``pilots``, ``adoptions`` and ``comments`` (with one level of
``replies``). Only ``ref``, ``title`` and ``owner`` are required.
"""

import datetime
from typing import Any

from kollegium.interchange.base import Path, Problems
from kollegium.interchange.document import (
    INVALID,
    Key,
    choice,
    date_or_empty,
    list_of,
    obj,
    slug_ref,
    text,
)
from kollegium.methods.models import (
    Adoption,
    Comment,
    Kind,
    Licence,
    Method,
    MethodLink,
    Pilot,
    Recommendation,
    Stage,
    Visibility,
)
from kollegium.methods.services.methods import RESERVED_REFS
from kollegium.network.models import User


def _lower(value: str) -> str:
    return value.lower()


def method_ref(value: Any, path: Path, problems: Problems) -> Any:
    checked = text(Method, "ref", required=True, slug=True)(value, path, problems)
    if checked is not INVALID and checked in RESERVED_REFS:
        problems.add(path, f'"{checked}" is reserved; choose another ref')
        return INVALID
    return checked


def date_required(value: Any, path: Path, problems: Problems) -> Any:
    checked = date_or_empty(value, path, problems)
    if checked is None:
        problems.add(path, "must not be empty")
        return INVALID
    return checked


def count_or_null(value: Any, path: Path, problems: Problems) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.add(path, "must be a whole number, 0 or more, or null")
        return INVALID
    return value


def moment(value: Any, path: Path, problems: Problems) -> Any:
    """A date and time with its UTC offset, ISO 8601: "2025-03-04T09:30:00+01:00"."""
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.tzinfo is not None:
            return parsed
    problems.add(path, "must be a date and time with offset, e.g. 2025-03-04T09:30:00+01:00")
    return INVALID


EMAIL = text(User, "email", required=True, clean=_lower)

LINK = obj(
    {
        "url": Key(text(MethodLink, "url", required=True), required=True),
        "title": Key(text(MethodLink, "title")),
    }
)

PILOT = obj(
    {
        "garden": Key(slug_ref, required=True),
        "starts_on": Key(date_required, required=True),
        "ends_on": Key(date_or_empty),
        "participants": Key(count_or_null),
        "context": Key(text(Pilot, "context")),
        "event": Key(text(Pilot, "event_ref")),
        "rating": Key(choice([1, 2, 3, 4, 5])),
        "worked": Key(text(Pilot, "worked")),
        "to_change": Key(text(Pilot, "to_change")),
        "recommendation": Key(choice(Recommendation.values)),
        "evaluated_on": Key(date_or_empty),
    }
)

ADOPTION = obj(
    {
        "garden": Key(slug_ref, required=True),
        "since": Key(date_required, required=True),
        "note": Key(text(Adoption, "note")),
    }
)

REPLY_KEYS = {
    "author": Key(EMAIL),
    "at": Key(moment),
    "text": Key(text(Comment, "text", required=True), required=True),
}
REPLY = obj(REPLY_KEYS)
COMMENT = obj({**REPLY_KEYS, "replies": Key(list_of(REPLY))})

METHOD = obj(
    {
        "ref": Key(method_ref, required=True),
        "title": Key(text(Method, "title", required=True), required=True),
        "kind": Key(choice(Kind.values)),
        "summary": Key(text(Method, "summary")),
        "body": Key(text(Method, "body")),
        "owner": Key(slug_ref, required=True),
        "areas": Key(list_of(slug_ref)),
        "contributors": Key(list_of(EMAIL)),
        "stage": Key(choice(Stage.values)),
        "visibility": Key(choice(Visibility.values)),
        "licence": Key(choice([*Licence.values, ""])),
        "links": Key(list_of(LINK)),
        "pilots": Key(list_of(PILOT)),
        "adoptions": Key(list_of(ADOPTION)),
        "comments": Key(list_of(COMMENT)),
    }
)

METHODS = list_of(METHOD)
