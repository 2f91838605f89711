"""Short reasons for a match, in the active language, from a document's fields."""

from django.utils.translation import gettext as _

from kollegium.matching.text import stem, words

MAX_WORDS = 3


def _mentions(text: str, matched: frozenset[str]) -> list[str]:
    """The words of ``text`` (as written) whose stem matched, first few, without repeats."""
    found: list[str] = []
    seen: set[str] = set()
    for raw in text.split():
        word = raw.strip(".,;:!?()«»\"'“”")
        ws = words(word)
        if ws and stem(ws[0]) in matched and ws[0] not in seen:
            seen.add(ws[0])
            found.append(word)
        if len(found) >= MAX_WORDS:
            break
    return found


def _hits(text: str, matched: frozenset[str]) -> bool:
    return any(stem(w) in matched for w in words(text))


def _level_reason(name: str, level: int) -> str:
    if level >= 3:
        return _("Expert (level 3) in %(area)s") % {"area": name}
    if level == 2:
        return _("Solid (level 2) in %(area)s") % {"area": name}
    return _("Some experience (level 1) in %(area)s") % {"area": name}


def person_reasons(fields: dict, matched: frozenset[str], capacity: str) -> list[str]:
    out = []
    for name, level, _note in fields.get("areas", []):
        if _hits(name, matched):
            out.append(_level_reason(name, level))
    for key, message in (
        ("keywords", _("keywords: %(words)s")),
        ("title", _("title: %(words)s")),
        ("notes", _("competence notes mention %(words)s")),
        ("bio", _("bio mentions %(words)s")),
    ):
        found = _mentions(fields.get(key, ""), matched)
        if found:
            out.append(message % {"words": ", ".join(found)})
    for title in fields.get("talk_list", []):
        if _hits(title, matched):
            out.append(_("spoke at or hosted “%(title)s”") % {"title": title})
            break
    for title in fields.get("method_list", []):
        if _hits(title, matched):
            out.append(_("contributed to the method “%(title)s”") % {"title": title})
            break
    if capacity == "not_now":
        out.append(_("no capacity right now"))
    elif capacity == "limited":
        out.append(_("limited capacity"))
    return out


def item_reasons(fields: dict, matched: frozenset[str]) -> list[str]:
    """Reasons for an event or a method."""
    out = []
    areas = [a.strip() for a in fields.get("areas", "").split("·") if _hits(a, matched)]
    if areas:
        out.append(_("topic: %(areas)s") % {"areas": ", ".join(areas)})
    found = _mentions(fields.get("title", ""), matched)
    if found:
        out.append(_("title mentions %(words)s") % {"words": ", ".join(found)})
    for key in ("summary", "description", "body"):
        found = _mentions(fields.get(key, ""), matched)
        if found:
            out.append(_("description mentions %(words)s") % {"words": ", ".join(found)})
            break
    return out
