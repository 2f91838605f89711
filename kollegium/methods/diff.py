"""A readable diff between two versions of a method: changed lines, with a little context."""

import difflib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CONTEXT_LINES = 2
FIELDS = (("title", _("Title")), ("summary", _("Summary")), ("body", _("Description")))


@dataclass(frozen=True)
class Line:
    op: str  # "same", "add", "remove", or "gap" between hunks
    text: str


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    lines: list[Line]
    added: int
    removed: int


def line_diff(old: str, new: str) -> list[Line]:
    """The changed lines of ``new`` against ``old`` in hunks, each with a little context."""
    a, b = (old or "").splitlines(), (new or "").splitlines()
    lines: list[Line] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for i, group in enumerate(matcher.get_grouped_opcodes(CONTEXT_LINES)):
        if i:
            lines.append(Line("gap", "…"))
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                lines += [Line("same", text) for text in a[a1:a2]]
                continue
            lines += [Line("remove", text) for text in a[a1:a2]]
            lines += [Line("add", text) for text in b[b1:b2]]
    return lines


def version_diff(older, newer) -> list[FieldDiff]:
    """Per text field that differs: its changed lines. ``older`` may be None (all added)."""
    diffs = []
    for name, label in FIELDS:
        old = getattr(older, name) if older is not None else ""
        new = getattr(newer, name)
        if old == new:
            continue
        lines = line_diff(old, new)
        diffs.append(
            FieldDiff(
                name=name,
                label=str(label),
                lines=lines,
                added=sum(1 for line in lines if line.op == "add"),
                removed=sum(1 for line in lines if line.op == "remove"),
            )
        )
    return diffs
