"""The collaboration map: gardens on a circle, links weighted by co-hosted events and referrals.

Pure geometry, no queries: kollegium/indicators/collaboration.py counts the links.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kollegium.network.models import Garden


@dataclass
class Link:
    a: int
    b: int
    events: int = 0
    referrals: int = 0

    @property
    def weight(self) -> int:
        return self.events + self.referrals


# --- the map's geometry (whole pixels: templates would write floats with a decimal comma) ---

# Room for the gardens' names left and right of the circle.
WIDTH, HEIGHT, RADIUS = 760, 460, 180
MAX_STROKE = 12


@dataclass
class Node:
    name: str
    x: int
    y: int
    r: int
    label_x: int
    label_y: int
    anchor: str


@dataclass
class Line:
    kind: str  # "events" or "referrals"
    x1: int
    y1: int
    x2: int
    y2: int
    width: int
    title: str


@dataclass
class CollaborationMap:
    nodes: list[Node]
    lines: list[Line]
    width: int = WIDTH
    height: int = HEIGHT
    # Smaller names when many gardens share the circle.
    font_size: int = 12


def map_geometry(gardens: list[Garden], links: list[Link]) -> CollaborationMap:
    """The gardens on a circle, and a line per kind of link whose width grows with its count.

    Co-hosted events and referrals between the same two gardens are drawn side by side."""
    cx, cy, count = WIDTH // 2, HEIGHT // 2, max(len(gardens), 1)
    garden_names = {g.pk: g.name for g in gardens}
    places: dict[int, tuple[float, float]] = {}
    degree = {g.pk: 0 for g in gardens}
    for link in links:
        degree[link.a] = degree.get(link.a, 0) + link.weight
        degree[link.b] = degree.get(link.b, 0) + link.weight
    most = max([*degree.values(), 1])
    nodes = []
    for index, garden in enumerate(gardens):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x, y = cx + RADIUS * math.cos(angle), cy + RADIUS * math.sin(angle)
        places[garden.pk] = (x, y)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        nodes.append(
            Node(
                name=garden.name,
                x=round(x),
                y=round(y),
                r=6 + round(8 * degree.get(garden.pk, 0) / most),
                label_x=round(cx + (RADIUS + 22) * cos),
                label_y=round(cy + (RADIUS + 22) * math.sin(angle)) + 4,
                anchor=anchor,
            )
        )
    heaviest = max([max(link.events, link.referrals) for link in links] + [1])
    lines = []
    for link in links:
        if link.a not in places or link.b not in places:
            continue
        (x1, y1), (x2, y2) = places[link.a], places[link.b]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        # A unit vector across the line, to set the two kinds of link side by side.
        nx, ny = -(y2 - y1) / length, (x2 - x1) / length
        both = link.events and link.referrals
        names = f"{garden_names[link.a]} – {garden_names[link.b]}"
        for kind, n, side in (("events", link.events, -1), ("referrals", link.referrals, 1)):
            if not n:
                continue
            shift = 4 * side if both else 0
            lines.append(
                Line(
                    kind=kind,
                    x1=round(x1 + nx * shift),
                    y1=round(y1 + ny * shift),
                    x2=round(x2 + nx * shift),
                    y2=round(y2 + ny * shift),
                    width=1 + round((MAX_STROKE - 1) * n / heaviest),
                    title=f"{names}: {_link_text(kind, n)}",
                )
            )
    return CollaborationMap(nodes, lines, font_size=12 if count <= 16 else 9)


def _link_text(kind: str, n: int) -> str:
    if kind == "events":
        return _("co-hosted events: %(n)s") % {"n": n}
    return _("referrals: %(n)s") % {"n": n}
