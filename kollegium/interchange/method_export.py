"""Export of the methods section: every list sorted by its natural key, threads in order."""

from django.utils import timezone

from kollegium.interchange.base import compact
from kollegium.interchange.method_sections import (
    area_slugs,
    contributor_emails,
    email_of,
    method_prefetches,
)
from kollegium.methods.models import Comment, Method, Pilot


def export_methods() -> list[dict]:
    methods = Method.objects.select_related("owner").prefetch_related(*method_prefetches())
    return sorted((_method(m) for m in methods), key=lambda row: row["ref"])


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _at(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _method(method: Method) -> dict:
    return compact(
        {
            "ref": method.ref,
            "title": method.title,
            "kind": method.kind,
            "summary": method.summary,
            "body": method.body,
            "owner": method.owner.slug,
            "areas": sorted(area_slugs(method)),
            "contributors": sorted(contributor_emails(method)),
            "stage": method.stage,
            "visibility": method.visibility,
            "licence": method.licence,
            "links": [
                compact({"url": link.url, "title": link.title}) for link in method.links.all()
            ],
            "pilots": sorted(
                (_pilot(p) for p in method.pilots.all()),
                key=lambda row: (row["garden"], row["starts_on"]),
            ),
            "adoptions": sorted(
                (
                    compact({"garden": a.garden.slug, "since": _iso(a.adopted_on), "note": a.note})
                    for a in method.adoptions.all()
                ),
                key=lambda row: row["garden"],
            ),
            "comments": _comments(list(method.comments.all())),
        },
        # Written even when empty: a new method's licence is otherwise CC BY 4.0.
        keep=("licence",),
    )


def _pilot(pilot: Pilot) -> dict:
    return compact(
        {
            "garden": pilot.garden.slug,
            "starts_on": _iso(pilot.starts_on),
            "ends_on": _iso(pilot.ends_on),
            "participants": pilot.participants,
            "context": pilot.context,
            "event": pilot.event_ref,
            "rating": pilot.rating,
            "worked": pilot.worked,
            "to_change": pilot.to_change,
            "recommendation": pilot.recommendation,
            "evaluated_on": _iso(pilot.evaluated_on),
        }
    )


def _comments(comments: list[Comment]) -> list[dict]:
    """Threads in the order they were written (time, then author and text)."""

    def row(comment: Comment) -> dict:
        return compact(
            {
                "author": email_of(comment.author),
                "at": _at(comment.created_at),
                "text": comment.text,
            }
        )

    def order(comment: Comment) -> tuple:
        return (comment.created_at, email_of(comment.author) or "", comment.text)

    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    threads = []
    for top in sorted((c for c in comments if c.parent_id is None), key=order):
        thread = row(top)
        answers = [row(reply) for reply in sorted(replies.get(top.pk, []), key=order)]
        threads.append(compact({**thread, "replies": answers}))
    return threads
