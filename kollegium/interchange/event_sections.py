"""The events section: programme events with hosts, areas, speakers and sign-up questions
(the checks of each value are in event_document.py).

An event is keyed by ref and described completely by its item: an optional key left out
takes its default (no status = published; no registration window = open from now until the
event starts; no areas, speakers or questions = none), so older documents keep working and
export → import → export gives the same document. Registrations are never in the document.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Prefetch
from django.db.models.functions import Lower

from kollegium.interchange.base import (
    Change,
    Counts,
    ImportContext,
    KeyTracker,
    Path,
    assign,
    compact,
    save_changes,
)
from kollegium.network.models import Person
from kollegium.programme.models import (
    Event,
    EventHost,
    EventStatus,
    Question,
    QuestionKind,
    WaitlistMode,
)

# Document key -> model attribute, and the value a key left out stands for.
EVENT_FIELDS = {
    **{key: key for key in ("title", "format", "description", "starts_at", "ends_at")},
    **{key: key for key in ("venue", "address", "online_url", "external_speakers", "capacity")},
    **{key: key for key in ("status", "registration_opens", "registration_closes")},
    **{key: key for key in ("waitlist_mode", "offer_hours", "network_priority")},
    "waitlist": "has_waitlist",
}
DEFAULTS = {
    **dict.fromkeys(("description", "venue", "address", "online_url", "external_speakers"), ""),
    **dict.fromkeys(("capacity", "registration_opens", "registration_closes"), None),
    "status": EventStatus.PUBLISHED,
    "waitlist": True,
    "waitlist_mode": WaitlistMode.PROMOTE,
    "offer_hours": 24,
    "network_priority": False,
}
EventAreas = Event.areas.through
EventSpeakers = Event.speakers.through


class EventPlan:
    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self.events: list[Change] = []
        self.hosts: list[tuple[Event, bool, list]] = []  # (event, is new, [(garden, item)])
        self.areas: list[tuple[Event, bool, list]] = []
        self.speakers: list[tuple[Event, bool, list]] = []
        self.questions: list[tuple[Event, bool, list]] = []
        self.counts = Counts()

    def plan(self, items: list[tuple[int, dict]]) -> None:
        existing = _existing(items)
        self._load_people(items)
        keys = KeyTracker(self.ctx.problems, "ref")
        for i, data in items:
            path = ("events", i)
            hosts = self._hosts(data, path)
            areas = self._areas(data, path)
            speakers = self._speakers(data, path)
            self._check(data, hosts, path)
            ref = data.get("ref")
            if ref is None or not keys.first(ref, path):
                continue
            event = existing.get(ref)
            self._plan_one(event or Event(ref=ref), event is None, data, hosts, areas, speakers)

    # --- references and checks -------------------------------------------------------------

    def _load_people(self, items) -> None:
        """Speakers the people section does not list: one query."""
        wanted = {email for _i, data in items for _j, email in data.get("speakers", [])}
        missing = wanted - set(self.ctx.people)
        if not missing:
            return
        people = Person.objects.select_related("user").annotate(lower=Lower("user__email"))
        for person in people.filter(lower__in=missing):
            self.ctx.people[person.lower] = person

    def _hosts(self, data: dict, path: Path) -> list[tuple]:
        keys = KeyTracker(self.ctx.problems, "garden")
        found = []
        for j, item in data.get("hosts", []):
            here = (*path, "hosts", j)
            garden = self.ctx.garden(item.get("garden"), here)
            if garden is not None and keys.first(garden.slug, here):
                found.append((garden, item))
        return found

    def _areas(self, data: dict, path: Path) -> list:
        keys = KeyTracker(self.ctx.problems, None)
        found = []
        for j, slug in data.get("areas", []):
            here = (*path, "areas", j)
            area = self.ctx.area(slug, here)
            if area is not None and keys.first(slug, here):
                found.append(area)
        return found

    def _speakers(self, data: dict, path: Path) -> list:
        keys = KeyTracker(self.ctx.problems, None)
        found = []
        for j, email in data.get("speakers", []):
            here = (*path, "speakers", j)
            person = self.ctx.people.get(email)
            if person is None:
                self.ctx.problems.add(here, f'unknown person "{email}"')
            elif keys.first(email, here):
                found.append(person)
        return found

    def _check(self, data: dict, hosts: list, path: Path) -> None:
        problems = self.ctx.problems
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            problems.add((*path, "ends_at"), "must not be before starts_at")
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and closes < opens:
            problems.add((*path, "registration_closes"), "must not be before registration_opens")
        if "hosts" in data and not data["hosts"]:
            problems.add((*path, "hosts"), "must name at least one garden")
        reserved = sum(item.get("reserved_places", 0) for _garden, item in hosts)
        capacity = data.get("capacity")
        if reserved and (capacity is None or reserved > capacity):
            problems.add((*path, "hosts"), "reserved places must fit within the capacity")
        for j, question in data.get("questions", []):
            choices = question.get("choices", [])
            if question.get("kind") == QuestionKind.CHOICE and len(choices) < 2:
                problems.add((*path, "questions", j, "choices"), "must list at least two choices")

    # --- changes -----------------------------------------------------------------------------

    def _plan_one(self, event, created, data, hosts, areas, speakers) -> None:
        values = {**DEFAULTS, **data}
        values["external_speakers"] = ", ".join(n for _j, n in data.get("external_speakers", []))
        change = Change(event, created, assign(event, values, EVENT_FIELDS))
        self.events.append(change)
        wanted_hosts = [
            (g, item.get("reserved_places", 0), item.get("reserved_until")) for g, item in hosts
        ]
        current_hosts = [] if created else _current_hosts(event)
        dirty = change.dirty
        for rows, wanted, current in (
            (self.hosts, wanted_hosts, current_hosts),
            (self.areas, areas, [] if created else list(event.areas.all())),
            (self.speakers, speakers, [] if created else list(event.speakers.all())),
        ):
            if _keys(wanted) != _keys(current):
                rows.append((event, created, wanted))
                dirty = True
        questions = [_question(item) for _j, item in data.get("questions", [])]
        if questions != ([] if created else [_question_row(q) for q in event.questions.all()]):
            self.questions.append((event, created, questions))
            dirty = True
        self.counts.record(created=created, changed=dirty)

    def write(self) -> Counts:
        save_changes(Event, self.events, touch="updated_at")
        kept = [event for event, created, _rows in self.hosts if not created]
        EventHost.objects.filter(event__in=kept).delete()
        EventHost.objects.bulk_create(
            EventHost(event=event, garden=garden, reserved_places=places, reserved_until=until)
            for event, _created, rows in self.hosts
            for garden, places, until in rows
        )
        _replace(EventAreas, "competencearea", self.areas)
        _replace(EventSpeakers, "person", self.speakers)
        _write_questions(self.questions)
        return self.counts


def _existing(items: list[tuple[int, dict]]) -> dict[str, Event]:
    refs = {data["ref"] for _i, data in items if "ref" in data}
    events = Event.objects.filter(ref__in=refs).prefetch_related(
        Prefetch("host_links", queryset=EventHost.objects.select_related("garden")),
        "areas",
        "speakers__user",
        "questions",
    )
    return {event.ref: event for event in events}


def _current_hosts(event: Event) -> list[tuple]:
    return [(h.garden, h.reserved_places, h.reserved_until) for h in event.host_links.all()]


def _keys(rows: list) -> set:
    """Comparable keys of hosts (garden slug and reservation), areas or speakers."""
    keys = set()
    for row in rows:
        if isinstance(row, tuple):
            keys.add((row[0].slug, row[1], row[2]))
        else:
            keys.add(row.pk if row.pk is not None else id(row))
    return keys


def _question(item: dict) -> tuple:
    kind = item.get("kind", QuestionKind.TEXT)
    choices = [choice for _k, choice in item.get("choices", [])]
    choices = tuple(choices) if kind == QuestionKind.CHOICE else ()
    return (item["label"], kind, choices, item.get("required", False))


def _question_row(question: Question) -> tuple:
    return (question.label, question.kind, tuple(question.choices), question.required)


def _replace(through, column: str, rows: list[tuple[Event, bool, list]]) -> None:
    kept = [event for event, created, _objs in rows if not created]
    through.objects.filter(event__in=kept).delete()
    through.objects.bulk_create(
        through(event_id=event.pk, **{f"{column}_id": obj.pk})
        for event, _created, objs in rows
        for obj in objs
    )


def _write_questions(rows: list[tuple[Event, bool, list]]) -> None:
    """The n-th question keeps its row (and id), so answers stay linked to it; a few queries
    for all events together."""
    create, update, delete = [], [], []
    for event, created, questions in rows:
        current = [] if created else list(event.questions.all())
        for position, (label, kind, choices, required) in enumerate(questions):
            new = position >= len(current)
            question = Question(event=event) if new else current[position]
            question.label, question.kind, question.required = label, kind, required
            question.choices, question.position = list(choices), position
            (create if new else update).append(question)
        delete.extend(q.pk for q in current[len(questions) :])
    Question.objects.filter(pk__in=delete).delete()
    Question.objects.bulk_update(update, ["label", "kind", "required", "choices", "position"])
    Question.objects.bulk_create(create)


# --- export -------------------------------------------------------------------------------------


def _moment(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE)).isoformat()


def export_events() -> list[dict]:
    events = Event.objects.prefetch_related(
        Prefetch("host_links", queryset=EventHost.objects.select_related("garden")),
        "areas",
        "speakers__user",
        "questions",
    )
    return sorted((_event(e) for e in events), key=lambda row: row["ref"])


def _host(link: EventHost):
    if not link.reserved_places and link.reserved_until is None:
        return link.garden.slug
    return compact(
        {
            "garden": link.garden.slug,
            "reserved_places": link.reserved_places,
            "reserved_until": _moment(link.reserved_until),
        }
    )


def _export_question(question: Question) -> dict:
    item = {"label": question.label}
    if question.kind != QuestionKind.TEXT:
        item.update(kind=question.kind, choices=list(question.choices))
    if question.required:
        item["required"] = True
    return item


def _event(event: Event) -> dict:
    hosts = sorted(event.host_links.all(), key=lambda link: link.garden.slug)
    item = {
        "ref": event.ref,
        "title": event.title,
        "format": event.format,
        "description": event.description,
        "starts_at": _moment(event.starts_at),
        "ends_at": _moment(event.ends_at),
        "venue": event.venue,
        "address": event.address,
        "online_url": event.online_url,
        "hosts": [_host(link) for link in hosts],
        "areas": sorted(a.slug for a in event.areas.all()),
        "speakers": sorted(p.user.email.lower() for p in event.speakers.all()),
        "external_speakers": event.external_speaker_list,
        "capacity": event.capacity,
        "status": event.status,
        "registration_opens": _moment(event.registration_opens),
        "registration_closes": _moment(event.registration_closes),
        "questions": [_export_question(q) for q in event.questions.all()],
    }
    # Settings are written only when they differ from the default a missing key stands for.
    if not event.has_waitlist:
        item["waitlist"] = False
    for key in ("waitlist_mode", "offer_hours", "network_priority"):
        if getattr(event, key) != DEFAULTS[key]:
            item[key] = getattr(event, key)
    return compact(item, keep=("status",))
