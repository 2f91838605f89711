"""Who is searching, and what of the index they may see.

A first cut is made in memory from what the documents carry (gardens, status, visibility);
the page of results is then checked against the database with the permission predicates of
kollegium.network.permissions, so a stale document can never show what a user may not see.
"""

from dataclasses import dataclass

from kollegium.matching.models import DocKind
from kollegium.network import permissions

ROUNDS = 3
# Kinds whose page of results is checked against the database too. Needs: who serves a
# company decides, and that lives in other rows than the need. People, events, methods and
# companies carry all their rule needs (garden, status, visibility), re-indexed on every change.
CHECKED = {DocKind.NEED}


def candidates(kind: str, limit: int) -> int:
    """How many ranked documents to take so that ``verify`` can still fill ``limit``."""
    return limit * 2 * ROUNDS if kind in CHECKED else limit


@dataclass
class Viewer:
    user: object | None
    unrestricted: bool  # no user given: batch command, evaluation
    staff: bool
    coordinator: bool
    garden_id: int | None

    @classmethod
    def of(cls, user) -> "Viewer":
        if user is None:
            return cls(None, True, True, True, None)
        person = permissions.person_of(user)
        return cls(
            user,
            False,
            permissions.is_staff_member(user),
            permissions.is_coordinator(user),
            person.garden_id if person else None,
        )

    @property
    def sees_people(self) -> bool:
        return self.staff

    def may_see_method(self, doc) -> bool:
        if self.coordinator:
            return True
        if not self.staff:
            return doc.audience == "public" and doc.shared
        return doc.audience in ("network", "public") or self.garden_id in doc.garden_ids

    def may_see_event(self, doc) -> bool:
        if doc.audience in ("published", "cancelled"):
            return True
        return self.coordinator or (self.staff and self.garden_id in doc.garden_ids)

    def may_see_need(self, doc) -> bool:
        if self.unrestricted or permissions.is_operator(self.user):
            return True
        if not self.staff:
            return False
        return doc.audience == "shared" or self.garden_id in doc.garden_ids

    def _allowed_ids(self, kind: str, ids: list[int]) -> set[int]:
        """Of these needs, those the database says this viewer may see."""
        from kollegium.companies.models import Need

        if kind != DocKind.NEED:
            raise ValueError(f"no database check for {kind}")
        rows = Need.objects.filter(permissions.visible_needs_q(self.user), pk__in=ids)
        return set(rows.values_list("pk", flat=True))

    def verify(self, kind: str, scored: list, limit: int) -> list:
        """The first ``limit`` of ``scored`` that the database confirms this viewer may see."""
        if self.unrestricted or kind not in CHECKED:
            return scored[:limit]
        out: list = []
        start = 0
        for _round in range(ROUNDS):
            chunk = scored[start : start + limit * 2]
            if not chunk:
                break
            allowed = self._allowed_ids(kind, [s.pk for s in chunk])
            out += [s for s in chunk if s.pk in allowed]
            start += len(chunk)
            if len(out) >= limit:
                break
        return out[:limit]
