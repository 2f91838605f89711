"""Versions of a method's text. Called inside the transactions of the services that edit it."""

from kollegium.methods.models import Method, MethodVersion
from kollegium.network import permissions

TEXT_FIELDS = ("title", "summary", "body")


def _author(actor) -> tuple:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, ""
    return actor, actor.name or actor.email


def _latest(method: Method) -> MethodVersion | None:
    return method.versions.order_by("-number").first()


def add_version(method: Method, actor, text: dict, fields: list[str]) -> MethodVersion:
    """Store ``text`` (title, summary, body) as the method's next version."""
    latest = _latest(method)
    author, author_name = _author(actor)
    return MethodVersion.objects.create(
        method=method,
        number=(latest.number + 1) if latest else 1,
        author=author,
        author_name=author_name,
        fields=fields,
        **{key: text[key] for key in TEXT_FIELDS},
    )


def text_of(method: Method) -> dict:
    return {key: getattr(method, key) for key in TEXT_FIELDS}


def ensure_current_version(method: Method, actor) -> MethodVersion | None:
    """Keep the method's present text as a version, unless the latest version already is it.

    Runs when a method moves past development (the text that goes into the pilot becomes a
    version) and before an edit of a method that has none yet (say, one imported mid-way).
    """
    latest = _latest(method)
    current = text_of(method)
    if latest is not None and text_of(latest) == current:
        return None
    fields = [] if latest is None else [k for k in TEXT_FIELDS if getattr(latest, k) != current[k]]
    return add_version(method, actor, current, fields)


def version_edit(method: Method, actor, before: dict, changed: list[str]) -> None:
    """After an edit of a method past development: one new version holding the new text."""
    text_changed = [field for field in TEXT_FIELDS if field in changed]
    if not method.is_past_development or not text_changed:
        return
    if _latest(method) is None:
        # The text as it was before this edit becomes version 1, so the diff has a base.
        add_version(method, actor, before, [])
    add_version(method, actor, text_of(method), text_changed)


def actor_name(actor) -> str:
    """How the history names who did something."""
    person = permissions.person_of(actor)
    if person is not None:
        return person.name
    return _author(actor)[1]
