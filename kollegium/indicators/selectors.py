"""Reads of key figures and the programme companies' growth since admission.

Siva measures the næringshage programme by the growth of its programme companies
(målbedrifter) since the year each was admitted (avtalestart): revenue, value creation
(operating result + wage costs) and employees. For each programme company we take its figures
in the admission year (or the first year with figures after it) as the base and its latest
year as the end. A garden's or the network's growth compares the sum of the bases with the
sum of the latest figures over the companies that have both, per figure, the way Siva adds up
its programme.

Everything here reads in a fixed number of queries, as plain values, and sums in Python.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import QuerySet

from kollegium.companies.models import Company, CompanyGarden
from kollegium.indicators.models import KeyFigure
from kollegium.network.models import Garden

MEASURES = ("revenue", "value_creation", "employees")


def company_key_figures(company: Company) -> QuerySet[KeyFigure]:
    """A company's figures, latest year first (one query)."""
    return KeyFigure.objects.filter(company=company).order_by("-year")


@dataclass
class Change:
    """A figure at the base and at the end, summed over ``companies`` companies."""

    base: int = 0
    latest: int = 0
    companies: int = 0

    @property
    def absolute(self) -> int | None:
        return self.latest - self.base if self.companies else None

    @property
    def relative(self) -> float | None:
        """Growth as a fraction of the base; None when the base is zero or negative.

        A relative change from a negative value creation has no meaning, so it is left out.
        """
        if not self.companies or self.base <= 0:
            return None
        return (self.latest - self.base) / self.base

    @property
    def percent(self) -> float | None:
        return None if self.relative is None else self.relative * 100

    def add(self, base: int | None, latest: int | None) -> None:
        if base is not None and latest is not None:
            self.base += base
            self.latest += latest
            self.companies += 1


@dataclass
class CompanyGrowth:
    """One programme company, admitted by ``garden`` (None: the network's view of it)."""

    company: Company | None
    garden: Garden | None
    programme_year: int
    base: "KeyFigure | Figures | None"
    latest: "KeyFigure | Figures | None"
    changes: dict[str, Change] = field(default_factory=dict)

    @property
    def measured(self) -> bool:
        return self.base is not None and self.latest is not None


@dataclass
class GrowthTotal:
    """A garden's (or, with garden None, the network's) programme companies added up."""

    garden: Garden | None
    companies: int = 0
    measured: int = 0
    changes: dict[str, Change] = field(default_factory=lambda: {m: Change() for m in MEASURES})

    def add(self, growth: CompanyGrowth) -> None:
        self.companies += 1
        if growth.measured:
            self.measured += 1
            for measure in MEASURES:
                change = growth.changes[measure]
                if change.companies:
                    self.changes[measure].add(change.base, change.latest)


@dataclass
class ProgrammeReport:
    network: GrowthTotal
    gardens: list[GrowthTotal]
    companies: list[CompanyGrowth]
    garden: Garden | None = None


def _base_and_latest(figures: list, since: int):
    """The first year at or after admission, and the latest year after that one."""
    after = [figure for figure in figures if figure.year >= since]
    if len(after) < 2:
        return (after[0] if after else None), None
    return after[0], after[-1]


def company_growth(
    company: Company | None, garden: Garden | None, since: int, figures: list
) -> CompanyGrowth:
    """Growth of one company from its admission year; ``figures`` sorted by year."""
    base, latest = _base_and_latest(figures, since)
    growth = CompanyGrowth(company, garden, since, base, latest)
    for measure in MEASURES:
        change = Change()
        if growth.measured:
            change.add(getattr(base, measure), getattr(latest, measure))
        growth.changes[measure] = change
    return growth


@dataclass(frozen=True, slots=True)
class Figures:
    """One year of a company's key figures, read as plain values (cheaper than a model)."""

    year: int
    revenue: int | None
    operating_result: int | None
    wage_costs: int | None
    employees: int | None

    @property
    def value_creation(self) -> int | None:
        if self.operating_result is None or self.wage_costs is None:
            return None
        return self.operating_result + self.wage_costs


def _programme_relations(until_year: int | None, with_companies: bool) -> list[CompanyGarden]:
    relations = CompanyGarden.objects.filter(programme_year__isnull=False)
    if until_year is not None:
        relations = relations.filter(programme_year__lte=until_year)
    if with_companies:
        relations = relations.select_related("company").only(
            "company_id", "garden_id", "programme_year", "company__name", "company__org_number"
        )
        return list(relations.order_by("company__name", "company_id", "garden__name"))
    return list(relations.only("company_id", "garden_id", "programme_year").order_by())


def _figures_by_company(company_ids, until_year: int | None) -> dict[int, list[Figures]]:
    figures = defaultdict(list)
    rows = KeyFigure.objects.filter(company_id__in=company_ids)
    if until_year is not None:
        rows = rows.filter(year__lte=until_year)
    columns = ("company_id", "year", "revenue", "operating_result", "wage_costs", "employees")
    for company_id, *values in rows.order_by("year").values_list(*columns):
        figures[company_id].append(Figures(*values))
    return figures


def programme_growth(
    garden: Garden | None = None, *, until_year: int | None = None, with_companies: bool = True
) -> ProgrammeReport:
    """Growth since admission, per garden and for the network, in three queries.

    A company admitted by several gardens counts for each of them, and once for the network,
    from the earliest admission. ``companies`` lists the rows for ``garden`` (all gardens'
    when None; none without ``with_companies``, which also skips reading the companies).
    ``until_year`` leaves out admissions and accounts after that year.
    """
    relations = _programme_relations(until_year, with_companies)
    admitted = CompanyGarden.objects.filter(programme_year__isnull=False)
    if until_year is not None:
        admitted = admitted.filter(programme_year__lte=until_year)
    figures = _figures_by_company(admitted.values("company_id"), until_year)
    gardens = {g.pk: g for g in Garden.objects.order_by("name")}
    totals = {pk: GrowthTotal(g) for pk, g in gardens.items()}
    network = GrowthTotal(None)
    first_admission: dict[int, CompanyGarden] = {}
    rows = []
    for relation in relations:
        company = relation.company if with_companies else None
        growth = company_growth(
            company,
            gardens[relation.garden_id],
            relation.programme_year,
            figures[relation.company_id],
        )
        totals[relation.garden_id].add(growth)
        if with_companies and (garden is None or relation.garden_id == garden.pk):
            rows.append(growth)
        earliest = first_admission.get(relation.company_id)
        if earliest is None or relation.programme_year < earliest.programme_year:
            first_admission[relation.company_id] = relation
    for relation in first_admission.values():
        network.add(
            company_growth(None, None, relation.programme_year, figures[relation.company_id])
        )
    return ProgrammeReport(network, list(totals.values()), rows, garden)


# An end year after any figures: every admission and every year of figures counts.
NO_END = 9999


def programme_growth_page(garden: Garden | None, number, per_page: int):
    """What the programme page shows: every garden's and the network's totals
    (``growth_totals``) and one page of company rows, reading the figures of that page's
    companies only. The same figures as ``programme_growth``, in six queries whatever the
    number of programme companies."""
    report = growth_totals([NO_END])[NO_END]
    report.garden = garden
    relations = CompanyGarden.objects.filter(programme_year__isnull=False)
    if garden is not None:
        relations = relations.filter(garden=garden)
    relations = relations.select_related("company", "garden").only(
        "company_id",
        "garden_id",
        "programme_year",
        "company__name",
        "company__org_number",
        "garden__name",
        "garden__slug",
    )
    ordered = relations.order_by("company__name", "company_id", "garden__name")
    page = Paginator(ordered, per_page).get_page(number)
    figures = _figures_by_company([r.company_id for r in page.object_list], None)
    page.object_list = [
        company_growth(r.company, r.garden, r.programme_year, figures[r.company_id])
        for r in page.object_list
    ]
    report.companies = page.object_list
    return report, page


def growth_totals(until_years: list[int]) -> dict[int, ProgrammeReport]:
    """Per garden and network totals only (no company rows), for several end years at once:
    three queries whatever the number of years. The same sums as ``programme_growth``, found
    by bisecting each company's years instead of building a growth object per company and year
    (the network report runs this over every programme company twice)."""
    last = max(until_years)
    admitted = CompanyGarden.objects.filter(programme_year__isnull=False, programme_year__lte=last)
    relations = list(admitted.order_by().values_list("company_id", "garden_id", "programme_year"))
    figures = _figures_by_company(admitted.values("company_id"), last)
    years = {company_id: [f.year for f in rows] for company_id, rows in figures.items()}
    values = {
        company_id: [tuple(getattr(f, measure) for measure in MEASURES) for f in rows]
        for company_id, rows in figures.items()
    }
    gardens = {g.pk: g for g in Garden.objects.order_by("name")}
    first_admission: dict[int, int] = {}
    for company_id, _garden_id, since in relations:
        if since < first_admission.get(company_id, since + 1):
            first_admission[company_id] = since
    reports = {}
    for year in until_years:
        totals = {pk: GrowthTotal(g) for pk, g in gardens.items()}
        network = GrowthTotal(None)
        for company_id, garden_id, since in relations:
            if since <= year:
                _add_growth(totals[garden_id], years, values, company_id, since, year)
        for company_id, since in first_admission.items():
            if since <= year:
                _add_growth(network, years, values, company_id, since, year)
        reports[year] = ProgrammeReport(network, list(totals.values()), [])
    return reports


def _add_growth(total: GrowthTotal, years: dict, values: dict, company_id, since, year) -> None:
    """Add one company to ``total``: base = its first year at or after ``since``, latest = its
    last year up to ``year`` (as ``_base_and_latest``), when those are two different years."""
    total.companies += 1
    known = years.get(company_id)
    if not known:
        return
    first, last = bisect_left(known, since), bisect_right(known, year) - 1
    if last <= first:
        return
    total.measured += 1
    base, latest = values[company_id][first], values[company_id][last]
    for measure, before, after in zip(MEASURES, base, latest, strict=True):
        total.changes[measure].add(before, after)
