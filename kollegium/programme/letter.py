"""Upcoming events picked for one company: its open needs and its industry against the programme.

Used on the company page ("Aktuelt for denne bedriften") and by the programme letter
(kollegium/programme/services/letter.py). Each need is matched with the matching engine
(``match(kind="events")``); the industry adds two signals: its names (code, group, division,
section) matched the same way at a lower weight, and the competence areas that commonly serve
that industry. A bounded number of needs and candidates keeps the queries fixed.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from kollegium.companies.models import Company, NaceStandard, Need, NeedStatus
from kollegium.core import codes
from kollegium.programme.models import Event, EventStatus

# The most recent open needs read per company, and the events asked of the engine per need.
NEEDS_READ = 5
CANDIDATES = 20
# How much the industry counts against a need that matches (a need says more about the company).
INDUSTRY_TEXT_WEIGHT = 0.4
INDUSTRY_AREA_BONUS = 0.25
NEED_AREA_BONUS = 0.3

# SN2025/SN2007 divisions (first two digits) -> competence areas (slugs of the default network)
# that commonly serve companies of that industry. Areas a network lacks are simply not used.
INDUSTRY_AREAS = {
    **dict.fromkeys(("01", "02"), ("landbruk-og-mat",)),
    "03": ("havbruk-og-kyst",),
    **dict.fromkeys(("10", "11"), ("landbruk-og-mat", "industri")),
    **dict.fromkeys([f"{n:02d}" for n in range(12, 34)], ("industri",)),
    **dict.fromkeys(("35", "36", "37", "38", "39"), ("baerekraft",)),
    **dict.fromkeys(("41", "42", "43"), ("industri", "baerekraft")),
    **dict.fromkeys(("46", "47"), ("digitalisering", "markedsforing")),
    **dict.fromkeys(("55", "56", "79"), ("reiseliv",)),
    **dict.fromkeys(("58", "59", "60", "61", "62", "63"), ("digitalisering",)),
    **dict.fromkeys(("90", "91", "93"), ("reiseliv",)),
}


@dataclass
class Pick:
    event: Event
    score: float = 0.0
    why: list[str] = field(default_factory=list)

    def add(self, score: float, reason: str) -> None:
        self.score += score
        if reason not in self.why:
            self.why.append(reason)


def open_needs(company: Company) -> list[Need]:
    """The company's most recent needs that are not met (every garden's: the letter is for it)."""
    return list(
        company.needs.filter(status__in=[NeedStatus.OPEN, NeedStatus.IN_PROGRESS])
        .prefetch_related("areas")
        .order_by("-created_at", "-id")[:NEEDS_READ]
    )


def industry_text(company: Company) -> str:
    """The names of the company's industry code and of every level above it, down to up."""
    if not company.nace:
        return ""
    entries = codes.entries(company.nace_standard or NaceStandard.SN2025)
    names, code = [], company.nace
    while code and code in entries and len(names) < 6:
        names.append(entries[code].name)
        code = entries[code].parent
    return ". ".join(names)


def industry_areas(company: Company) -> set[str]:
    return set(INDUSTRY_AREAS.get(company.nace[:2], ())) if company.nace else set()


def events_for_company(
    company: Company, *, needs: list[Need] | None = None, limit: int = 5, now=None
) -> list[Pick]:
    """Upcoming published events open for sign-up, best first, each with why it was picked.

    ``needs``: the needs to rank against (the company page passes those its viewer may see);
    by default the company's open needs.
    """
    from kollegium.matching.ranking import match

    now = now or timezone.now()
    needs = open_needs(company) if needs is None else list(needs)[:NEEDS_READ]
    found: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for need in needs:
        reason = _("Fits the need “%(need)s”") % {"need": Truncator(need.text).words(8)}
        for result in match(need.text, kind="events", limit=CANDIDATES):
            found[result.key].append((result.score, reason))
    text = industry_text(company)
    if text:
        reason = _("Fits the industry: %(industry)s") % {"industry": company.industry_name}
        for result in match(text, kind="events", limit=CANDIDATES):
            found[result.key].append((INDUSTRY_TEXT_WEIGHT * result.score, reason))
    need_areas = {area.slug for need in needs for area in need.areas.all()}
    sector_areas = industry_areas(company)
    candidates = (
        Event.objects.filter(status=EventStatus.PUBLISHED, starts_at__gt=now)
        .filter(Q(ref__in=list(found)) | Q(areas__slug__in=need_areas | sector_areas))
        .exclude(registration_closes__lte=now)
        .distinct()
        .prefetch_related("areas")
        .order_by("starts_at", "pk")[: CANDIDATES * 2]
    )
    picks = []
    for event in candidates:
        pick = Pick(event)
        for score, reason in found.get(event.ref, ()):
            pick.add(score, reason)
        slugs = {area.slug for area in event.areas.all()}
        for area in event.areas.all():
            if area.slug in need_areas:
                pick.add(
                    NEED_AREA_BONUS,
                    _("Covers %(area)s, an area of its needs") % {"area": area.name},
                )
                break
        if slugs & sector_areas:
            pick.add(INDUSTRY_AREA_BONUS, _("Often useful for its industry"))
        if pick.score > 0:
            picks.append(pick)
    picks.sort(key=lambda p: (-p.score, p.event.starts_at, p.event.pk))
    return picks[:limit]
