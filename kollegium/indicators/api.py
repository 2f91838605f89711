"""API of key figures, the programme companies' growth and the indicator report (with its
public subset). Writes go through the services.

Every staff member reads every company's key figures (public accounts data); staff of a
garden serving the company write them. Amounts are whole NOK.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from kollegium.api.auth import require_staff
from kollegium.api.errors import ApiError
from kollegium.indicators import access, public, scopes, selectors, services
from kollegium.indicators.models import MAX_AMOUNT, MAX_YEAR, MIN_YEAR, KeyFigure
from kollegium.indicators.report import Period, report_for
from kollegium.network import permissions
from kollegium.network.api import garden_from_slug

router = Router()


class KeyFigureOut(Schema):
    year: int
    revenue: int | None
    operating_result: int | None
    wage_costs: int | None
    value_creation: int | None = Field(description="operating_result + wage_costs (derived)")
    employees: int | None


class FiguresIn(Schema):
    model_config = ConfigDict(extra="forbid")

    revenue: int | None = Field(None, ge=0, le=MAX_AMOUNT, description="Driftsinntekter, NOK")
    operating_result: int | None = Field(
        None, ge=-MAX_AMOUNT, le=MAX_AMOUNT, description="Driftsresultat, NOK"
    )
    wage_costs: int | None = Field(None, ge=0, le=MAX_AMOUNT, description="Lønnskostnader, NOK")
    employees: int | None = Field(None, ge=0)


class KeyFigureIn(FiguresIn):
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)


@router.get(
    "/companies/{org_number}/key-figures", response=list[KeyFigureOut], tags=["key figures"]
)
def keyfigure_list(request, org_number: str):
    company = access.get_company_for_figures(require_staff(request), org_number)
    return list(selectors.company_key_figures(company))


@router.post(
    "/companies/{org_number}/key-figures",
    response={201: KeyFigureOut},
    tags=["key figures"],
)
def keyfigure_create(request, org_number: str, payload: KeyFigureIn):
    """Record a new year; a year already recorded answers 409 (PUT it instead)."""
    user = require_staff(request)
    company = access.get_company_for_figure_edit(user, org_number)
    data = payload.model_dump()
    if KeyFigure.objects.filter(company=company, year=data["year"]).exists():
        message = _("Figures for this year are already recorded.")
        raise ApiError(409, message, fields={"year": [message]})
    figure = services.keyfigure_save(actor=user, company=company, **data)
    return Status(201, figure)


@router.put(
    "/companies/{org_number}/key-figures/{int:year}",
    response=KeyFigureOut,
    tags=["key figures"],
)
def keyfigure_put(request, org_number: str, year: int, payload: FiguresIn):
    """Set a year's figures, creating the year if needed; a figure left out is emptied."""
    user = require_staff(request)
    company = access.get_company_for_figure_edit(user, org_number)
    existing = KeyFigure.objects.filter(company=company, year=year).first()
    return services.keyfigure_save(
        actor=user, company=company, year=year, key_figure=existing, **payload.model_dump()
    )


@router.delete(
    "/companies/{org_number}/key-figures/{int:year}",
    response={204: None},
    tags=["key figures"],
)
def keyfigure_delete(request, org_number: str, year: int):
    user = require_staff(request)
    company = access.get_company_for_figure_edit(user, org_number)
    figure = get_object_or_404(KeyFigure, company=company, year=year)
    figure.company = company
    services.keyfigure_delete(actor=user, key_figure=figure)
    return Status(204, None)


# --- programme growth -----------------------------------------------------------------------


class ChangeOut(Schema):
    base: int | None
    latest: int | None
    change: int | None
    relative: float | None = Field(description="change / base; null when base <= 0")
    companies: int = Field(description="Companies with both figures, summed in base and latest")


def _change(change: selectors.Change) -> dict:
    relative = change.relative
    return {
        "base": change.base if change.companies else None,
        "latest": change.latest if change.companies else None,
        "change": change.absolute,
        "relative": None if relative is None else round(relative, 4),
        "companies": change.companies,
    }


class TotalOut(Schema):
    garden: str | None = Field(description="Garden slug; null for the network")
    companies: int
    measured: int = Field(description="Programme companies with figures for two years")
    revenue: ChangeOut
    value_creation: ChangeOut
    employees: ChangeOut


class CompanyGrowthOut(Schema):
    org_number: str
    name: str
    garden: str
    programme_year: int
    base_year: int | None
    latest_year: int | None
    revenue: ChangeOut
    value_creation: ChangeOut
    employees: ChangeOut


class ProgrammeOut(Schema):
    garden: str | None
    network: TotalOut
    gardens: list[TotalOut]
    companies: list[CompanyGrowthOut]


def _total(total: selectors.GrowthTotal) -> dict:
    return {
        "garden": total.garden.slug if total.garden else None,
        "companies": total.companies,
        "measured": total.measured,
        **{m: _change(total.changes[m]) for m in selectors.MEASURES},
    }


def _company(row: selectors.CompanyGrowth) -> dict:
    return {
        "org_number": row.company.org_number,
        "name": row.company.name,
        "garden": row.garden.slug,
        "programme_year": row.programme_year,
        "base_year": row.base.year if row.base else None,
        "latest_year": row.latest.year if row.latest else None,
        **{m: _change(row.changes[m]) for m in selectors.MEASURES},
    }


@router.get("/indicators/programme", response=ProgrammeOut, tags=["indicators"])
def programme(request, garden: str | None = None):
    """Growth since admission of the programme companies, per garden and for the network.

    ``garden`` (a slug) narrows ``gardens`` and ``companies`` to that garden; ``network``
    always covers every garden.
    """
    if not permissions.can_see_programme_indicators(require_staff(request)):
        raise PermissionDenied
    chosen = garden_from_slug("garden", garden) if garden else None
    report = selectors.programme_growth(chosen)
    totals = [t for t in report.gardens if chosen is None or t.garden == chosen]
    return {
        "garden": chosen.slug if chosen else None,
        "network": _total(report.network),
        "gardens": [_total(t) for t in totals],
        "companies": [_company(row) for row in report.companies],
    }


# --- the indicator report -------------------------------------------------------------------


class ColumnOut(Schema):
    key: str
    label: str
    kind: str = Field(description="text, int, decimal, percent or nok")
    compare: bool = Field(description="Rows carry the previous period's value for it")


class RowOut(Schema):
    cells: list[str | int | float | None]
    previous: list[str | int | float | None] | None = Field(
        description="The same indicators for the previous period (null where not compared)"
    )
    flag: bool = Field(description="Highlighted, e.g. a thin competence area")


class TableOut(Schema):
    key: str
    title: str
    note: str
    columns: list[ColumnOut]
    rows: list[RowOut]


class GroupOut(Schema):
    key: str
    title: str
    tables: list[TableOut]


class PeriodOut(Schema):
    start: str
    end: str
    label: str


class ReportOut(Schema):
    scope: str = Field(description="network, garden or project")
    garden: str | None = Field(description="Garden slug for a garden's report")
    project: str | None = Field(description="Project slug for a project's report")
    period: PeriodOut
    previous: PeriodOut
    groups: list[GroupOut]


def _period(period) -> dict:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label}


def _report_out(report, *, public: bool = False) -> dict:
    groups = []
    for group in report.groups:
        tables = [
            {
                "key": t.key,
                "title": t.title,
                "note": t.note,
                "columns": [vars(c) for c in t.columns],
                "rows": [vars(r) for r in t.rows],
            }
            for t in group.tables
            if t.public or not public
        ]
        if tables:
            groups.append({"key": group.key, "title": group.title, "tables": tables})
    scope = report.scope
    return {
        "scope": scope.kind,
        "garden": scope.garden.slug if scope.garden else None,
        "project": scope.project.slug if scope.project else None,
        "period": _period(report.period),
        "previous": _period(report.previous),
        "groups": groups,
    }


def _period_or_422(params: dict):
    form = scopes.PeriodForm({k: v for k, v in params.items() if v not in (None, "")})
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        message = next(iter(errors.values()))[0]
        fields = {k: v for k, v in errors.items() if k != "__all__"} or None
        raise ApiError(422, message, fields=fields)
    return form.cleaned_data


@router.get("/indicators/report", response=ReportOut, tags=["indicators"])
def report(
    request,
    period: str = "year",
    year: int | None = None,
    half: int | None = None,
    start: str | None = None,
    end: str | None = None,
    garden: str | None = None,
    project: str | None = None,
):
    """Every indicator group for a scope and period, each figure beside the previous period.

    ``period``: year (``year``), semester (``year`` and ``half`` 1 spring / 2 autumn) or custom
    (``start`` and ``end``, ISO dates). ``garden`` or ``project`` (slugs) narrow the scope;
    staff see the network and their own garden, the coordinator everything.
    """
    user = require_staff(request)
    chosen = garden_from_slug("garden", garden) if garden else None
    data = _period_or_422(
        {"period": period, "year": year, "half": half, "start": start, "end": end}
    )
    scope = scopes.scope_for(user, garden=chosen, project_slug=project or "")
    return _report_out(report_for(scope, data["the_period"]))


@router.get("/indicators/public", response=ReportOut, auth=None, tags=["indicators"])
def public_report(request, year: int | None = None):
    """The public figures of the network for a year ("nettverket i tall"): totals only, no
    company or person named. Open without a token."""
    data = _period_or_422({"period": "year", "year": year})
    period = data["the_period"] if year else Period.year(scopes.default_year())
    # Cached per year for a short while: the endpoint is open (public.py).
    return _report_out(public.public_report(period.start.year), public=True)
