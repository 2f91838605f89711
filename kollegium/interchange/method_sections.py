"""The methods section: methods with their areas, contributors, links, pilots, adoptions and
comments (the checks of each value are in method_document.py).

A method is keyed by ref; within it pilots by garden and start date, adoptions by garden and
comments by author and text. Listed items are created or updated, unlisted ones kept; areas,
contributors and links, when listed, replace the method's own. The stage is recorded as given:
the gates govern moves, not the loading of a history kept elsewhere (the move is recorded).
"""

from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils import timezone

from kollegium.interchange.base import (
    Change,
    Counts,
    ImportContext,
    KeyTracker,
    Path,
    assign,
    save_changes,
)
from kollegium.methods.models import (
    Adoption,
    Comment,
    Method,
    MethodLink,
    Pilot,
    Stage,
    StageMove,
    Visibility,
)
from kollegium.network.models import Person

METHOD_FIELDS = {
    key: key for key in ("title", "kind", "summary", "body", "stage", "visibility", "licence")
}
PILOT_FIELDS = {
    **{key: key for key in ("starts_on", "ends_on", "participants", "context", "rating")},
    **{key: key for key in ("worked", "to_change", "recommendation", "evaluated_on")},
    "event": "event_ref",
}
ADOPTION_FIELDS = {"since": "adopted_on", "note": "note"}
IMPORT_NOTE = "Set by a network document import."
MethodAreas = Method.areas.through
MethodContributors = Method.contributors.through


class MethodPlan:
    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self.methods: list[Change] = []
        self.pilots: list[Change] = []
        self.adoptions: list[Change] = []
        self.comments: list[Change] = []
        self.replies: list[Change] = []
        self.moves: list[StageMove] = []
        # (method, is new, [rows]) for every method whose areas, contributors or links change.
        self.areas: list[tuple] = []
        self.contributors: list[tuple] = []
        self.links: list[tuple] = []
        self.counts = Counts()

    def plan(self, items: list[tuple[int, dict]]) -> None:
        existing = _existing(items)
        self._load_people(items)
        keys = KeyTracker(self.ctx.problems, "ref")
        for i, data in items:
            path = ("methods", i)
            owner = self.ctx.garden(data.get("owner"), (*path, "owner"))
            nested = {
                "areas": self._areas(data, path),
                "contributors": self._people(data, path),
                "pilots": self._keyed(data, path, "pilots", ("garden", "starts_on")),
                "adoptions": self._keyed(data, path, "adoptions", ("garden",)),
                "comments": self._comments(data, path),
            }
            ref = data.get("ref")
            if ref is None or not keys.first(ref, path):
                continue
            method = existing.get(ref)
            self._plan_method(method or Method(ref=ref), method is None, data, owner, nested, path)

    # --- references and keys ---------------------------------------------------------------

    def _load_people(self, items) -> None:
        """Staff the methods name and the people section does not: one query."""
        wanted = set()
        for _i, data in items:
            wanted.update(email for _j, email in data.get("contributors", []))
            for _j, comment in data.get("comments", []):
                wanted.add(comment.get("author"))
                wanted.update(reply.get("author") for _k, reply in comment.get("replies", []))
        missing = {email for email in wanted if email and email not in self.ctx.people}
        if not missing:
            return
        people = Person.objects.select_related("user").annotate(lower=Lower("user__email"))
        for person in people.filter(lower__in=missing):
            self.ctx.people[person.lower] = person

    def _person(self, email, path: Path):
        if email is None:
            return None
        person = self.ctx.people.get(email)
        if person is None:
            self.ctx.problems.add(path, f'unknown person "{email}"')
        return person

    def _areas(self, data: dict, path: Path) -> list | None:
        if "areas" not in data:
            return None
        keys = KeyTracker(self.ctx.problems, None)
        found = []
        for j, slug in data["areas"]:
            here = (*path, "areas", j)
            area = self.ctx.area(slug, here)
            if area is not None and keys.first(slug, here):
                found.append(area)
        return found

    def _people(self, data: dict, path: Path) -> list | None:
        if "contributors" not in data:
            return None
        keys = KeyTracker(self.ctx.problems, None)
        found = []
        for j, email in data["contributors"]:
            here = (*path, "contributors", j)
            person = self._person(email, here)
            if person is not None and keys.first(email, here):
                found.append(person)
        return found

    def _keyed(self, data: dict, path: Path, name: str, key: tuple[str, ...]) -> list:
        """Pilots or adoptions: (garden, item) pairs, each key once."""
        keys = KeyTracker(self.ctx.problems, key[-1])
        found = []
        for j, item in data.get(name, []):
            here = (*path, name, j)
            garden = self.ctx.garden(item.get("garden"), (*here, "garden"))
            values = [item.get(k) for k in key]
            value = " ".join(str(v) for v in values)
            if garden is not None and None not in values and keys.first(value, here):
                found.append((garden, item, here))
        return found

    def _comments(self, data: dict, path: Path) -> list:
        """(author, item, path, [(author, reply, path)]) for each comment, keys checked."""
        keys = KeyTracker(self.ctx.problems, "text")
        found = []
        for j, item in data.get("comments", []):
            here = (*path, "comments", j)
            author = self._person(item.get("author"), (*here, "author"))
            reply_keys = KeyTracker(self.ctx.problems, "text")
            replies = []
            for k, reply in item.get("replies", []):
                there = (*here, "replies", k)
                reply_author = self._person(reply.get("author"), (*there, "author"))
                if "text" in reply and reply_keys.first(_comment_key(reply), there):
                    replies.append((reply_author, reply, there))
            if "text" in item and keys.first(_comment_key(item), here):
                found.append((author, item, here, replies))
        return found

    # --- planning one method ---------------------------------------------------------------

    def _plan_method(self, method, created, data, owner, nested, path) -> None:
        before = "" if created else method.stage
        fields = assign(method, data, METHOD_FIELDS)
        if owner is not None and (created or owner.pk is None or method.owner_id != owner.pk):
            method.owner = owner
            fields.append("owner")
        self._check_sharing(method, path)
        now = timezone.now()
        if method.stage != before:
            method.stage_changed_at = now
            fields.append("stage_changed_at")
            self.moves.append(
                StageMove(method=method, from_stage=before, to_stage=method.stage, note=IMPORT_NOTE)
            )
        if method.stage == Stage.SHARED and method.shared_at is None:
            method.shared_at = now
            fields.append("shared_at")
        self.methods.append(Change(method, created, fields))
        dirty = [
            self._replace(self.areas, method, created, nested["areas"], area_slugs),
            self._replace(
                self.contributors, method, created, nested["contributors"], contributor_emails
            ),
            self._plan_links(method, created, data, path),
            self._plan_pilots(method, created, nested["pilots"]),
            self._plan_adoptions(method, created, nested["adoptions"]),
            self._plan_comments(method, created, nested["comments"]),
        ]
        self.counts.record(created=created, changed=bool(fields) or any(dirty))

    def _check_sharing(self, method: Method, path: Path) -> None:
        if method.stage != Stage.SHARED:
            return
        if method.visibility == Visibility.GARDEN:
            self.ctx.problems.add(
                (*path, "visibility"), 'a shared method must be visible to "network" or "public"'
            )
        elif method.visibility == Visibility.PUBLIC and not method.licence:
            self.ctx.problems.add((*path, "licence"), "a method shared publicly needs a licence")

    @staticmethod
    def _replace(target: list, method, created, wanted, key) -> bool:
        if wanted is None:
            return False
        current = set() if created else key(method)
        if {_key_of(row) for row in wanted} == current:
            return False
        target.append((method, created, wanted))
        return True

    def _plan_links(self, method, created, data, path) -> bool:
        if "links" not in data:
            return False
        wanted = [
            (item["url"], item.get("title", "")) for _j, item in data["links"] if "url" in item
        ]
        current = [] if created else [(link.url, link.title) for link in method.links.all()]
        if wanted == current:
            return False
        self.links.append((method, created, wanted))
        return True

    def _plan_pilots(self, method, created, items) -> bool:
        current = {} if created else {(p.garden.slug, p.starts_on): p for p in method.pilots.all()}
        dirty = False
        for garden, item, path in items:
            pilot = current.get((garden.slug, item["starts_on"]))
            new = pilot is None
            pilot = pilot or Pilot(method=method, garden=garden, starts_on=item["starts_on"])
            change = Change(pilot, new, assign(pilot, item, PILOT_FIELDS))
            self._check_pilot(pilot, path)
            self.pilots.append(change)
            dirty = dirty or change.dirty
        return dirty

    def _check_pilot(self, pilot: Pilot, path: Path) -> None:
        if pilot.ends_on is not None and pilot.ends_on < pilot.starts_on:
            self.ctx.problems.add((*path, "ends_on"), "must not be before starts_on")
        evaluated = pilot.rating is not None and pilot.recommendation
        if pilot.evaluated_on is not None and not evaluated:
            self.ctx.problems.add(
                (*path, "evaluated_on"), "an evaluation needs a rating and a recommendation"
            )

    def _plan_adoptions(self, method, created, items) -> bool:
        current = {} if created else {a.garden.slug: a for a in method.adoptions.all()}
        dirty = False
        for garden, item, _path in items:
            adoption = current.get(garden.slug)
            new = adoption is None
            adoption = adoption or Adoption(method=method, garden=garden)
            change = Change(adoption, new, assign(adoption, item, ADOPTION_FIELDS))
            self.adoptions.append(change)
            dirty = dirty or change.dirty
        return dirty

    def _plan_comments(self, method, created, items) -> bool:
        tops, replies = {}, {}
        for comment in [] if created else method.comments.all():
            key = (email_of(comment.author), comment.text)
            if comment.parent_id is None:
                tops.setdefault(key, comment)
            else:
                replies.setdefault((comment.parent_id, *key), comment)
        dirty = False
        for author, item, _path, reply_items in items:
            top = self._comment(
                self.comments,
                tops.get((email_of(author), item["text"])),
                method,
                None,
                author,
                item,
            )
            for reply_author, reply, _there in reply_items:
                known = replies.get((top.obj.pk, email_of(reply_author), reply["text"]))
                change = self._comment(self.replies, known, method, top.obj, reply_author, reply)
                dirty = dirty or change.dirty
            dirty = dirty or top.dirty
        return dirty

    @staticmethod
    def _comment(target, comment, method, parent, author, item) -> Change:
        new = comment is None
        comment = comment or Comment(method=method, parent=parent, author=author, text=item["text"])
        fields = assign(comment, item, {"at": "created_at"})
        target.append(Change(comment, new, fields))
        return target[-1]

    # --- writing ---------------------------------------------------------------------------

    def write(self) -> Counts:
        save_changes(Method, self.methods, touch="updated_at")
        _replace_rows(MethodAreas, "competencearea_id", self.areas)
        _replace_rows(MethodContributors, "person_id", self.contributors)
        kept = [method for method, new, _rows in self.links if not new]
        MethodLink.objects.filter(method__in=kept).delete()
        MethodLink.objects.bulk_create(
            MethodLink(method=method, url=url, title=title, position=i)
            for method, _new, rows in self.links
            for i, (url, title) in enumerate(rows)
        )
        save_changes(Pilot, self.pilots, touch="updated_at")
        save_changes(Adoption, self.adoptions)
        save_changes(Comment, self.comments)
        save_changes(Comment, self.replies)
        StageMove.objects.bulk_create(self.moves)
        return self.counts


def _replace_rows(through, column: str, plans: list) -> None:
    kept = [method for method, new, _rows in plans if not new]
    through.objects.filter(method__in=kept).delete()
    through.objects.bulk_create(
        through(method_id=method.pk, **{column: row.pk})
        for method, _new, rows in plans
        for row in rows
    )


def _comment_key(item: dict) -> str:
    """A comment is one author's text: "kari@hage.no: Godt tips"."""
    author = item.get("author")
    return f"{author}: {item['text']}" if author else item["text"]


def _key_of(row) -> str:
    return row.slug if hasattr(row, "slug") else row.user.email.lower()


def area_slugs(method) -> set:
    return {a.slug for a in method.areas.all()}


def contributor_emails(method) -> set:
    return {p.user.email.lower() for p in method.contributors.all()}


def email_of(person) -> str | None:
    return person.user.email.lower() if person is not None else None


def _existing(items: list[tuple[int, dict]]) -> dict[str, Method]:
    refs = {data["ref"] for _i, data in items if "ref" in data}
    methods = Method.objects.filter(ref__in=refs).prefetch_related(*method_prefetches())
    return {method.ref: method for method in methods}


def method_prefetches() -> list:
    return [
        "areas",
        "links",
        Prefetch("contributors", queryset=Person.objects.select_related("user")),
        Prefetch("pilots", queryset=Pilot.objects.select_related("garden")),
        Prefetch("adoptions", queryset=Adoption.objects.select_related("garden")),
        Prefetch("comments", queryset=Comment.objects.select_related("author__user")),
    ]
