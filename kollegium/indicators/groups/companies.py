"""Companies indicators: companies served, needs recorded and met, by municipality and section.

A company is served by the scope at the end of the period when it relates to a garden of the
scope since a date on or before the period's end (or without a date); a company related to
several gardens counts once. A need belongs to the scope when its company relates to a garden of
the scope; it is recorded in the period by its creation date, and met when its status is "met"
now (needs keep no date of meeting).
"""

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from kollegium.companies.models import Company, CompanyGarden, Need, NeedStatus, Relation
from kollegium.core import codes
from kollegium.indicators.groups.common import figure_rows, keyed_rows
from kollegium.indicators.report import Chart, Column, Group, Period, Scope, Series, Table, register

UNKNOWN = "?"


def served_relations(scope: Scope, period: Period):
    return CompanyGarden.objects.filter(
        Q(since__isnull=True) | Q(since__lte=period.end), **scope.gardens_filter("garden_id")
    )


def _needs(scope: Scope, period: Period):
    needs = Need.objects.filter(created_at__gte=period.start_at, created_at__lt=period.end_before)
    if scope.garden_ids is not None:
        related = CompanyGarden.objects.filter(garden_id__in=scope.garden_ids)
        needs = needs.filter(company_id__in=related.values("company_id"))
    return needs


def _section_of(division: str, standard: str) -> str:
    entry = codes.entries(standard).get(division)
    return entry.parent if entry and entry.parent else UNKNOWN


def companies_figures(scope: Scope, period: Period) -> dict:
    """Every companies figure of one period, in five queries."""
    relations = served_relations(scope, period)
    companies = Company.objects.filter(pk__in=relations.values("company_id"))
    served = relations.aggregate(
        total=Count("company_id", distinct=True),
        members=Count("company_id", distinct=True, filter=Q(relation=Relation.MEMBER)),
        clients=Count("company_id", distinct=True, filter=Q(relation=Relation.CLIENT)),
        new=Count(
            "company_id",
            distinct=True,
            filter=Q(since__gte=period.start, since__lte=period.end),
        ),
    )
    needs = _needs(scope, period)
    met = Q(status=NeedStatus.MET)
    need_totals = needs.aggregate(recorded=Count("pk"), met=Count("pk", filter=met))
    by_municipality: dict = {}
    for row in companies.order_by().values("municipality").annotate(n=Count("pk")):
        by_municipality[row["municipality"] or UNKNOWN] = [row["n"], 0, 0]
    for row in (
        needs.order_by()
        .values("company__municipality")
        .annotate(recorded=Count("pk"), met=Count("pk", filter=met))
    ):
        entry = by_municipality.setdefault(row["company__municipality"] or UNKNOWN, [0, 0, 0])
        entry[1:] = [row["recorded"], row["met"]]
    by_section: dict = {}
    section_rows = (
        companies.annotate(division=Substr("nace", 1, 2))
        .order_by()
        .values("division", "nace_standard")
        .annotate(n=Count("pk"))
    )
    for row in section_rows:
        section = _section_of(row["division"], row["nace_standard"])
        by_section.setdefault(section, [0, 0, 0])[0] += row["n"]
    need_rows = (
        needs.annotate(division=Substr("company__nace", 1, 2))
        .order_by()
        .values("division", "company__nace_standard")
        .annotate(recorded=Count("pk"), met=Count("pk", filter=met))
    )
    for row in need_rows:
        entry = by_section.setdefault(
            _section_of(row["division"], row["company__nace_standard"]), [0, 0, 0]
        )
        entry[1] += row["recorded"]
        entry[2] += row["met"]
    return {
        "served": served,
        "needs": need_totals,
        "municipality": by_municipality,
        "section": by_section,
    }


def _breakdown_columns(first: str) -> list[Column]:
    return [
        Column("label", first, "text", False),
        Column("companies", _("Companies served")),
        Column("needs", _("Needs recorded")),
        Column("met", _("Needs met")),
    ]


@register(order=30)
def companies_group(scope: Scope, period: Period, previous: Period) -> Group:
    now, before = companies_figures(scope, period), companies_figures(scope, previous)
    s, t = now["served"], before["served"]
    key_table = Table(
        "companies_key_figures",
        _("Companies in figures"),
        [Column("label", _("Figure"), "text", False), Column("value", _("Value"))],
        figure_rows(
            [
                (_("Companies served at the end of the period"), s["total"], t["total"]),
                (_("Member companies"), s["members"], t["members"]),
                (_("Clients"), s["clients"], t["clients"]),
                (_("Companies related in the period"), s["new"], t["new"]),
                (_("Needs recorded"), now["needs"]["recorded"], before["needs"]["recorded"]),
                (_("Of these, met"), now["needs"]["met"], before["needs"]["met"]),
            ]
        ),
        note=_(
            "A company related to several gardens counts once. A need counts in the period it "
            "was recorded; it is met when its status is met today."
        ),
        public=True,
    )
    municipalities = {
        number: codes.municipality_name(number) or number
        for number in (set(now["municipality"]) | set(before["municipality"]))
    }
    municipalities[UNKNOWN] = _("Unknown")
    sections = {
        code: f"{code} {codes.industry_name(code)}".strip()
        for code in set(now["section"]) | set(before["section"])
    }
    sections[UNKNOWN] = _("Unknown")
    section_table = Table(
        "companies_by_section",
        _("Companies and needs by industry section"),
        _breakdown_columns(_("Industry section")),
        keyed_rows(now["section"], before["section"], sections, 3),
    )
    return Group(
        "companies",
        _("Companies"),
        [
            key_table,
            Table(
                "companies_by_municipality",
                _("Companies and needs by municipality"),
                _breakdown_columns(_("Municipality")),
                keyed_rows(now["municipality"], before["municipality"], municipalities, 3),
            ),
            section_table,
        ],
        chart=Chart(
            "bars",
            _("Companies served by industry section"),
            [row.cells[0] for row in section_table.rows],
            [
                Series(period.label, [row.cells[1] for row in section_table.rows]),
                Series(previous.label, [row.previous[1] for row in section_table.rows]),
            ],
        ),
    )
