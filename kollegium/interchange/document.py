"""The shape of a ``kollegium.network/1`` document and the checks of every value in it.

Each key is declared once with a checker. A checker takes the raw JSON value and its path,
reports what is wrong, and returns the value ready for the database (or ``INVALID``).
String fields bound to a model field run that field's own validators (length, e-mail, URL,
org number, municipality, industry code), so the document and the forms agree.
"""

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

from kollegium.companies.models import Company, Contact, NaceStandard, Need, NeedStatus, Relation
from kollegium.core.validators import (
    normalize_org_number,
    validate_industry_code,
    validate_industry_code_in,
)
from kollegium.interchange.base import DocumentInvalid, Path, Problems
from kollegium.network.models import (
    Capacity,
    Competence,
    CompetenceArea,
    Garden,
    Level,
    NetworkSettings,
    Person,
    Role,
    User,
)
from kollegium.network.services import normalize_keywords

FORMAT = "kollegium.network/1"
INVALID: Any = object()
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
KEYWORD_MAX_LENGTH = 100

Checker = Callable[[Any, Path, Problems], Any]


def parse(text: str) -> Any:
    """JSON text -> Python value; a syntax error names its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentInvalid(
            [f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"]
        ) from None


def _run_validators(field: models.Field, value: Any, path: Path, problems: Problems) -> bool:
    """Run the model field's validators; True when the value passes them all."""
    validators = list(field.validators)
    if isinstance(field, models.TextField) and field.max_length:
        # A TextField's max_length is only a form hint; the document enforces it.
        validators.append(MaxLengthValidator(field.max_length))
    ok = True
    for validator in [] if value in field.empty_values else validators:
        try:
            validator(value)
        except ValidationError as exc:
            ok = False
            for message in exc.messages:
                problems.add(path, message)
    return ok


def text(
    model: type[models.Model],
    name: str,
    *,
    required: bool = False,
    slug: bool = False,
    clean: Callable[[str], str] | None = None,
) -> Checker:
    """A string stored in ``model.name``; ``required`` ones must not be empty."""
    field = model._meta.get_field(name)

    def check(value: Any, path: Path, problems: Problems) -> Any:
        if not isinstance(value, str):
            problems.add(path, "must be a string")
            return INVALID
        value = clean(value) if clean else value
        if required and not value.strip():
            problems.add(path, "must not be empty")
            return INVALID
        if slug and not SLUG.fullmatch(value):
            problems.add(
                path, f'"{value}" is not a slug (lower-case letters and digits, single hyphens)'
            )
            return INVALID
        return value if _run_validators(field, value, path, problems) else INVALID

    return check


def slug_ref(value: Any, path: Path, problems: Problems) -> Any:
    """A reference to an area or garden by slug; the section planner resolves it."""
    if not isinstance(value, str) or not value:
        problems.add(path, "must be a slug")
        return INVALID
    return value


def boolean(value: Any, path: Path, problems: Problems) -> Any:
    if not isinstance(value, bool):
        problems.add(path, "must be true or false")
        return INVALID
    return value


def choice(values: list) -> Checker:
    def check(value: Any, path: Path, problems: Problems) -> Any:
        # bool is an int in Python: true must not pass for level 1.
        if isinstance(value, bool) or value not in values:
            problems.add(path, "must be one of " + ", ".join(json.dumps(v) for v in values))
            return INVALID
        return value

    return check


def count_or_null(value: Any, path: Path, problems: Problems) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.add(path, "must be a whole number, 0 or more, or null")
        return INVALID
    field = Company._meta.get_field("employees")
    return value if _run_validators(field, value, path, problems) else INVALID


def date_or_empty(value: Any, path: Path, problems: Problems) -> Any:
    if value == "":
        return None
    try:
        if isinstance(value, str) and DATE.fullmatch(value):
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    problems.add(path, "must be a date written YYYY-MM-DD (or empty)")
    return INVALID


def keywords(value: Any, path: Path, problems: Problems) -> Any:
    """A list of keywords -> the comma-separated text stored on the person."""
    if not isinstance(value, list):
        problems.add(path, "must be a list")
        return INVALID
    ok = True
    for i, keyword in enumerate(value):
        if not isinstance(keyword, str) or not keyword.strip():
            problems.add((*path, i), "must be a non-empty string")
            ok = False
        elif "," in keyword or len(keyword) > KEYWORD_MAX_LENGTH:
            problems.add((*path, i), f"must be at most {KEYWORD_MAX_LENGTH} characters, no comma")
            ok = False
    if not ok:
        return INVALID
    joined = normalize_keywords(value)
    field = Person._meta.get_field("keywords")
    return joined if _run_validators(field, joined, path, problems) else INVALID


@dataclass(frozen=True)
class Key:
    check: Checker
    required: bool = False


def obj(keys: dict[str, Key]) -> Checker:
    """A JSON object with exactly these keys; returns a dict of the valid ones present."""

    def check(value: Any, path: Path, problems: Problems) -> Any:
        if not isinstance(value, dict):
            problems.add(path, "must be an object")
            return INVALID
        result = {}
        for name, raw in value.items():
            if name not in keys:
                problems.add((*path, name), "unknown key")
                continue
            checked = keys[name].check(raw, (*path, name), problems)
            if checked is not INVALID:
                result[name] = checked
        for name, key in keys.items():
            if key.required and name not in value:
                problems.add((*path, name), "missing")
        return result

    return check


def list_of(item: Checker) -> Checker:
    """A JSON array; returns (index, value) pairs of the items that are usable."""

    def check(value: Any, path: Path, problems: Problems) -> Any:
        if not isinstance(value, list):
            problems.add(path, "must be a list")
            return INVALID
        checked = ((i, item(raw, (*path, i), problems)) for i, raw in enumerate(value))
        return [(i, v) for i, v in checked if v is not INVALID]

    return check


def _lower(value: str) -> str:
    return value.lower()


NETWORK = obj(
    {
        "name": Key(text(NetworkSettings, "name", required=True), required=True),
        "description": Key(text(NetworkSettings, "description")),
        "contact_email": Key(text(NetworkSettings, "contact_email")),
        "contact_phone": Key(text(NetworkSettings, "contact_phone")),
    }
)

AREA = obj(
    {
        "slug": Key(text(CompetenceArea, "slug", required=True, slug=True), required=True),
        "name": Key(text(CompetenceArea, "name", required=True), required=True),
        "description": Key(text(CompetenceArea, "description")),
    }
)

GARDEN = obj(
    {
        "slug": Key(text(Garden, "slug", required=True, slug=True), required=True),
        "name": Key(text(Garden, "name", required=True), required=True),
        "org_number": Key(text(Garden, "org_number", clean=normalize_org_number)),
        "municipality": Key(text(Garden, "municipality")),
        "website": Key(text(Garden, "website")),
        "description": Key(text(Garden, "description")),
    }
)

COMPETENCE = obj(
    {
        "area": Key(slug_ref, required=True),
        "level": Key(choice(Level.values), required=True),
        "note": Key(text(Competence, "note")),
    }
)

PERSON = obj(
    {
        "email": Key(text(User, "email", required=True, clean=_lower), required=True),
        "name": Key(text(User, "name", required=True), required=True),
        "garden": Key(slug_ref, required=True),
        "title": Key(text(Person, "title")),
        "phone": Key(text(Person, "phone")),
        "role": Key(choice(Role.values)),
        "capacity": Key(choice(Capacity.values)),
        "bio": Key(text(Person, "bio")),
        "show_public": Key(boolean),
        "keywords": Key(keywords),
        "competences": Key(list_of(COMPETENCE)),
    }
)

COMPANY_GARDEN = obj(
    {
        "garden": Key(slug_ref, required=True),
        "relation": Key(choice(Relation.values), required=True),
        "since": Key(date_or_empty),
    }
)

CONTACT = obj(
    {
        "name": Key(text(Contact, "name", required=True), required=True),
        "role": Key(text(Contact, "role")),
        "email": Key(text(Contact, "email")),
        "phone": Key(text(Contact, "phone")),
    }
)

NEED_TEXT = text(Need, "text", required=True)
NEED_OBJECT = obj(
    {
        "text": Key(NEED_TEXT, required=True),
        "areas": Key(list_of(slug_ref)),
        "status": Key(choice(NeedStatus.values)),
        "shared": Key(boolean),
    }
)


def need(value: Any, path: Path, problems: Problems) -> Any:
    """A need is an object, or a plain string as short form of {"text": …}."""
    if isinstance(value, str):
        checked = NEED_TEXT(value, path, problems)
        return INVALID if checked is INVALID else {"text": checked}
    if isinstance(value, dict):
        return NEED_OBJECT(value, path, problems)
    problems.add(path, "must be a string or an object")
    return INVALID


def industry_code(value: Any, path: Path, problems: Problems) -> Any:
    """An industry code; ``company`` checks it against the standard the company names."""
    if not isinstance(value, str):
        problems.add(path, "must be a string")
        return INVALID
    return value


COMPANY_OBJECT = obj(
    {
        "org_number": Key(
            text(Company, "org_number", required=True, clean=normalize_org_number), required=True
        ),
        "name": Key(text(Company, "name", required=True), required=True),
        "nace": Key(industry_code),
        # Optional, SN2025 when left out: SN2007 codes come from older register extracts.
        "nace_standard": Key(choice(NaceStandard.values)),
        "municipality": Key(text(Company, "municipality")),
        "employees": Key(count_or_null),
        "website": Key(text(Company, "website")),
        "gardens": Key(list_of(COMPANY_GARDEN)),
        "contacts": Key(list_of(CONTACT)),
        "needs": Key(list_of(need)),
    }
)


def company(value: Any, path: Path, problems: Problems) -> Any:
    """A company, whose industry code must be one of the standard it names (SN2025 if none)."""
    result = COMPANY_OBJECT(value, path, problems)
    if result is INVALID or not result.get("nace"):
        return result
    if "nace_standard" in value and "nace_standard" not in result:
        return result  # the standard is wrong, and reported already
    standard = result.get("nace_standard", NaceStandard.SN2025)
    try:
        if standard == NaceStandard.SN2025:
            validate_industry_code(result["nace"])
        else:
            validate_industry_code_in(result["nace"], standard)
    except ValidationError as exc:
        for message in exc.messages:
            problems.add((*path, "nace"), message)
        del result["nace"]
    return result


COMPANY = company
