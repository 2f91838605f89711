"""``GET /api/v1/match``: the ranking of ``kollegium match`` for one need text (staff only)."""

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from kollegium.api.auth import require_staff
from kollegium.api.errors import invalid_field
from kollegium.matching.forms import MAX_NEED
from kollegium.matching.ranking import match

router = Router(tags=["matching"])


class MatchOut(Schema):
    kind: Literal["person", "event", "method"]
    key: str
    title: str
    url: str
    score: float
    why: list[str]


class MatchListOut(Schema):
    q: str
    kind: str
    results: list[MatchOut]


@router.get("/match", response=MatchListOut)
def match_list(
    request,
    q: str = Query(..., max_length=MAX_NEED, description="The need, in plain words"),
    kind: Literal["people", "events", "methods", "all"] = "all",
    limit: int = Query(10, ge=1, le=50),
):
    """Staff, upcoming events and shared methods ranked for a need, each with short reasons;
    only what the caller may see. key is the person's e-mail, the event's or method's ref."""
    user = require_staff(request)
    if not q.strip():
        raise invalid_field("q", _("Describe the need in a few words."))
    results = match(q, kind=kind, limit=limit, user=user)
    return {"q": q, "kind": kind, "results": results}
