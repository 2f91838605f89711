"""The indicator report: the page, its XLSX and CSV exports, the printable annual report and
the public "nettverket i tall" page. Every one renders ``report.report_for`` (a build kept
until the data under it changes)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kollegium.indicators import charts, export, scopes
from kollegium.indicators.public import public_report
from kollegium.indicators.report import Period, Report, report_for
from kollegium.network.decorators import staff_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(request) -> tuple[scopes.PeriodForm, Report]:
    form = scopes.PeriodForm(request.GET or None)
    garden = form.cleaned_data.get("garden") if form.is_valid() else None
    project = form.cleaned_data.get("project", "") if form.is_valid() else ""
    scope = scopes.scope_for(request.user, garden=garden, project_slug=project)
    return form, report_for(scope, scopes.period_from(form))


def _with_charts(report: Report) -> list[dict]:
    """Each group with its charts' geometry, for the templates."""
    return [
        {"group": group, "charts": [charts.render_geometry(c) for c in group.all_charts]}
        for group in report.groups
    ]


def _filename(report: Report, extension: str, suffix: str = "") -> str:
    scope = report.scope
    name = scope.garden.slug if scope.garden else scope.project.slug if scope.project else "network"
    period = f"{report.period.start.isoformat()}_{report.period.end.isoformat()}"
    return f"indicators-{name}-{period}{suffix}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
@require_GET
def report_page(request):
    form, report = _report(request)
    context = {
        "form": form,
        "report": report,
        "groups": _with_charts(report),
        "query": request.GET.urlencode(),
        "projects": scopes.visible_projects(request.user),
    }
    return render(request, "indicators/report.html", context)


@staff_required
@require_GET
def report_xlsx(request):
    _form, report = _report(request)
    return _download(export.report_xlsx(report), XLSX, _filename(report, "xlsx"))


@staff_required
@require_GET
def report_csv(request, table: str):
    _form, report = _report(request)
    for _group, candidate in report.tables():
        if candidate.key == table:
            content = export.table_csv(candidate, report)
            return _download(
                content, "text/csv; charset=utf-8", _filename(report, "csv", f"-{table}")
            )
    raise Http404


@staff_required
@require_GET
def annual(request):
    """The printable annual report of one year (A4), for a garden or the network."""
    form, report = _report(request)
    if report.period.kind != "year":
        year = report.period.end.year
        report = report_for(report.scope, Period.year(year))
    return render(
        request,
        "indicators/annual.html",
        {"form": form, "report": report, "groups": _with_charts(report), "print": True},
    )


@require_GET
def public(request):
    """Nettverket i tall: the curated public tables of the network, for a year (no names)."""
    form = scopes.PeriodForm(request.GET or None)
    year = scopes.default_year()
    if form.is_valid() and form.cleaned_data.get("year"):
        year = form.cleaned_data["year"]
    report = public_report(year)  # cached per year for a short while (public.py)
    context = {
        "report": report,
        "groups": _with_charts(report),
        "year": year,
        "title": _("The network in figures"),
    }
    return render(request, "indicators/public.html", context)
