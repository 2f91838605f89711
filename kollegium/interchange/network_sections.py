"""The network's own sections of the document: network, competence areas, gardens, people.

Each section has a plan (``plan`` checks references and duplicates and works out the changes
without writing; ``write`` applies them) and an export function.
"""

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
from kollegium.network.models import (
    Competence,
    CompetenceArea,
    Garden,
    NetworkSettings,
    Person,
    User,
)
from kollegium.network.services import normalize_keywords

NETWORK_FIELDS = {key: key for key in ("name", "description", "contact_email", "contact_phone")}
AREA_FIELDS = {"name": "name", "description": "description"}
GARDEN_FIELDS = {
    key: key for key in ("name", "org_number", "municipality", "website", "description")
}
PERSON_FIELDS = {
    key: key for key in ("title", "phone", "role", "capacity", "bio", "show_public", "keywords")
}


class NetworkPlan:
    def __init__(self, ctx: ImportContext) -> None:
        self.change: Change | None = None

    def plan(self, data: dict) -> None:
        network = NetworkSettings.objects.filter(pk=1).first()
        created = network is None
        network = network or NetworkSettings(pk=1)
        self.change = Change(network, created, assign(network, data, NETWORK_FIELDS))

    def write(self) -> Counts:
        change = self.change
        if change.dirty:
            change.obj.save(force_insert=change.created)
        counts = Counts()
        counts.record(created=change.created, changed=change.dirty)
        return counts


def export_network() -> dict:
    network = NetworkSettings.objects.filter(pk=1).first() or NetworkSettings()
    return compact({key: getattr(network, key) for key in NETWORK_FIELDS})


class SlugPlan:
    """Areas and gardens: rows keyed by slug that other sections refer to."""

    section = ""
    model: type[CompetenceArea] | type[Garden]
    fields: dict[str, str] = {}

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self.changes: list[Change] = []

    def known(self) -> dict:
        raise NotImplementedError

    def plan(self, items: list[tuple[int, dict]]) -> None:
        keys = KeyTracker(self.ctx.problems, "slug")
        known = self.known()
        for i, data in items:
            slug = data.get("slug")
            if slug is None or not keys.first(slug, (self.section, i)):
                continue
            created = slug not in known
            # A new row is registered before it is saved, so later sections can refer to it.
            obj = known[slug] = known.get(slug) or self.model(slug=slug)
            self.changes.append(Change(obj, created, assign(obj, data, self.fields)))

    def write(self) -> Counts:
        save_changes(self.model, self.changes)
        counts = Counts()
        for change in self.changes:
            counts.record(created=change.created, changed=change.dirty)
        return counts


class AreaPlan(SlugPlan):
    section = "competence_areas"
    model = CompetenceArea
    fields = AREA_FIELDS

    def known(self) -> dict:
        return self.ctx.areas


class GardenPlan(SlugPlan):
    section = "gardens"
    model = Garden
    fields = GARDEN_FIELDS

    def known(self) -> dict:
        return self.ctx.gardens


def export_areas() -> list[dict]:
    rows = [
        compact({"slug": a.slug, "name": a.name, "description": a.description})
        for a in CompetenceArea.objects.all()
    ]
    return sorted(rows, key=lambda row: row["slug"])


def export_gardens() -> list[dict]:
    rows = [
        compact({"slug": g.slug, **{key: getattr(g, key) for key in GARDEN_FIELDS}})
        for g in Garden.objects.all()
    ]
    return sorted(rows, key=lambda row: row["slug"])


class PersonPlan:
    """Staff members: a user (by e-mail) and their person; competences listed replace theirs."""

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self.users: list[Change] = []
        self.people: list[Change] = []
        # (person, is new, [(area, level, note)]) for every person whose competences change.
        self.competences: list[tuple[Person, bool, list]] = []
        self.counts = Counts()

    def plan(self, items: list[tuple[int, dict]]) -> None:
        existing = self._existing(items)
        keys = KeyTracker(self.ctx.problems, "email")
        for i, data in items:
            path = ("people", i)
            garden = self.ctx.garden(data.get("garden"), (*path, "garden"))
            competences = self._competences(data, path)
            email = data.get("email")
            if email is None or not keys.first(email, path):
                continue
            user, person = existing.get(email, (None, None))
            self._plan_one(email, data, user, person, garden, competences)

    @staticmethod
    def _existing(items) -> dict[str, tuple[User, Person | None]]:
        emails = {data["email"] for _i, data in items if "email" in data}
        users = list(User.objects.annotate(lower=Lower("email")).filter(lower__in=emails))
        found: dict[str, tuple[User, Person | None]] = {u.lower: (u, None) for u in users}
        people = Person.objects.filter(user__in=users).select_related("user")
        for person in people.prefetch_related("competences__area"):
            found[person.user.email.lower()] = (person.user, person)
        return found

    def _competences(self, data: dict, path: Path) -> list | None:
        if "competences" not in data:
            return None
        keys = KeyTracker(self.ctx.problems, "area")
        wanted = []
        for j, item in data["competences"]:
            here = (*path, "competences", j)
            area = self.ctx.area(item.get("area"), (*here, "area"))
            if area is not None and keys.first(area.slug, here) and "level" in item:
                wanted.append((area, item["level"], item.get("note", "")))
        return wanted

    def _plan_one(self, email, data, user, person, garden, competences) -> None:
        user_created = user is None
        if user_created:
            # Imported staff cannot sign in until they are invited and choose a password.
            user = User(email=email)
            user.set_unusable_password()
        self.users.append(Change(user, user_created, assign(user, data, {"name": "name"})))
        created = person is None
        person = person or Person(user=user)
        fields = assign(person, data, PERSON_FIELDS)
        if garden is not None and (created or person.garden_id != garden.pk or garden.pk is None):
            person.garden = garden
            fields.append("garden")
        self.people.append(Change(person, created, fields))
        # Later sections (methods) refer to staff by e-mail, also to those added here.
        self.ctx.people[email] = person
        replaced = competences is not None and _competences_differ(person, created, competences)
        if replaced:
            self.competences.append((person, created, competences))
        dirty = self.users[-1].dirty or bool(fields) or replaced
        self.counts.record(created=created, changed=dirty)

    def write(self) -> Counts:
        save_changes(User, self.users)
        save_changes(Person, self.people)
        kept = [person for person, created, _c in self.competences if not created]
        Competence.objects.filter(person__in=kept).delete()
        Competence.objects.bulk_create(
            Competence(person=person, area=area, level=level, note=note)
            for person, _created, rows in self.competences
            for area, level, note in rows
        )
        return self.counts


def _competences_differ(person: Person, created: bool, wanted: list) -> bool:
    if created:
        return bool(wanted)
    current = {(c.area.slug, c.level, c.note) for c in person.competences.all()}
    return current != {(area.slug, level, note) for area, level, note in wanted}


def export_people() -> list[dict]:
    people = Person.objects.select_related("user", "garden").prefetch_related("competences__area")
    return sorted((_person(p) for p in people), key=lambda row: row["email"])


def _person(person: Person) -> dict:
    competences = [
        compact({"area": c.area.slug, "level": c.level, "note": c.note})
        for c in sorted(person.competences.all(), key=lambda c: c.area.slug)
    ]
    return compact(
        {
            "email": person.user.email.lower(),
            # The document requires a name; an account without one is named by its address.
            "name": person.user.name or person.user.email.lower(),
            "garden": person.garden.slug,
            "title": person.title,
            "phone": person.phone,
            "role": person.role,
            "capacity": person.capacity,
            "bio": person.bio,
            "show_public": person.show_public,
            "keywords": _keywords(person.keywords),
            "competences": competences,
        }
    )


def _keywords(stored: str) -> list[str]:
    normalized = normalize_keywords(stored)
    return normalized.split(", ") if normalized else []
