from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kollegium.companies import services as company_services
from kollegium.companies.models import Company, CompanyGarden
from kollegium.core import freshness
from kollegium.indicators import access, selectors, services, tabular
from kollegium.indicators.charts import growth_bars
from kollegium.indicators.forms import (
    ImportForm,
    KeyFigureForm,
    ProgrammeFilterForm,
    ProgrammeYearForm,
)
from kollegium.indicators.importing import FIGURES, TEMPLATE_HEADER
from kollegium.indicators.models import KeyFigure
from kollegium.network import permissions
from kollegium.network.decorators import staff_required
from kollegium.network.models import Garden

COMPANIES_PER_PAGE = 100


def _errors_to_form(exc: ValidationError, form) -> None:
    """Show a service's ValidationError on the form, field by field where it names fields."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _figure_form_page(request, form, *, company, title, key_figure=None, status=200):
    context = {"form": form, "company": company, "title": title, "key_figure": key_figure}
    return render(request, "indicators/keyfigure_form.html", context, status=status)


def _save_figures(request, form, company, key_figure=None) -> bool:
    data = form.cleaned_data
    figures = {name: data[name] for name in FIGURES}
    try:
        services.keyfigure_save(
            actor=request.user,
            company=company,
            year=data["year"],
            key_figure=key_figure,
            **figures,
        )
    except ValidationError as exc:
        _errors_to_form(exc, form)
        return False
    return True


@staff_required
def keyfigure_create(request, org_number: str):
    company = access.get_company_for_figure_edit(request.user, org_number)
    form = KeyFigureForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save_figures(request, form, company):
        messages.success(request, _("The key figures have been saved."))
        return redirect(f"{company.get_absolute_url()}#key-figures-heading")
    title = _("Key figures for a new year")
    status = 400 if request.method == "POST" else 200
    return _figure_form_page(request, form, company=company, title=title, status=status)


@staff_required
def keyfigure_edit(request, org_number: str, year: int):
    key_figure = access.get_key_figure_for_edit(request.user, org_number, year)
    company = key_figure.company
    initial = {name: getattr(key_figure, name) for name in ("year", *FIGURES)}
    form = KeyFigureForm(request.POST or None, initial=initial)
    saved = request.method == "POST" and form.is_valid()
    if saved and _save_figures(request, form, company, key_figure):
        messages.success(request, _("The key figures have been saved."))
        return redirect(f"{company.get_absolute_url()}#key-figures-heading")
    title = _("Key figures for %(year)s") % {"year": year}
    status = 400 if request.method == "POST" else 200
    return _figure_form_page(
        request, form, company=company, title=title, key_figure=key_figure, status=status
    )


@staff_required
@require_POST
def keyfigure_delete(request, org_number: str, year: int):
    key_figure = access.get_key_figure_for_edit(request.user, org_number, year)
    services.keyfigure_delete(actor=request.user, key_figure=key_figure)
    messages.success(request, _("The key figures for %(year)s have been deleted.") % {"year": year})
    return redirect(f"{key_figure.company.get_absolute_url()}#key-figures-heading")


@staff_required
def programme_year_edit(request, org_number: str):
    """Mark (or unmark) a company as my garden's programme company, with its admission year."""
    relation = access.get_my_relation(request.user, org_number)
    company = relation.company
    form = ProgrammeYearForm(
        request.POST or None, initial={"programme_year": relation.programme_year}
    )
    if request.method == "POST" and form.is_valid():
        try:
            company_services.company_relate(
                actor=request.user,
                company=company,
                relation=relation.relation,
                since=relation.since,
                programme_year=form.cleaned_data["programme_year"],
            )
        except ValidationError as exc:
            _errors_to_form(exc, form)
        else:
            messages.success(request, _("The programme year has been saved."))
            return redirect(company)
    context = {"form": form, "company": company, "relation": relation}
    status = 400 if request.method == "POST" else 200
    return render(request, "indicators/programme_year_form.html", context, status=status)


@staff_required
def keyfigure_import(request):
    if not permissions.can_import_key_figures(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        result = services.keyfigures_import(actor=request.user, data=data)
        if result.ok:
            messages.success(
                request,
                _("Imported: %(created)s new years, %(updated)s changed, %(unchanged)s unchanged.")
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("indicators:import")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "result": result, "columns": TEMPLATE_HEADER}
    return render(request, "indicators/import.html", context, status=status)


def _template_notes() -> list[str]:
    return [
        _("One row per company and year. Keep the column names in the first row."),
        _("org_number: the organisation number (9 digits)."),
        _("year: the accounting year, e.g. 2024."),
        _("revenue, operating_result, wage_costs: whole kroner, e.g. 1 234 567 or -12 000."),
        _("employees: the number of employees."),
        _("Empty cells leave stored figures as they are."),
        _(
            "Norwegian column names work too: orgnr, år, driftsinntekter, driftsresultat, "
            "lønnskostnader, ansatte."
        ),
    ]


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
@require_GET
def template_csv(request):
    return _download(
        tabular.write_csv(TEMPLATE_HEADER), "text/csv; charset=utf-8", "key-figures.csv"
    )


@staff_required
@require_GET
def template_xlsx(request):
    content = tabular.write_xlsx(TEMPLATE_HEADER, _template_notes(), _("How to fill in"))
    return _download(
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "key-figures.xlsx",
    )


@staff_required
@require_GET
def programme(request):
    if not permissions.can_see_programme_indicators(request.user):
        raise PermissionDenied

    def context() -> dict:
        form = ProgrammeFilterForm(request.GET or None)
        # An unknown garden (an old bookmark) shows the whole network.
        garden = form.cleaned_data.get("garden") if form.is_valid() else None
        # The network holds thousands of programme companies: show them a page at a time
        # (their figures read for that page only).
        report, page = selectors.programme_growth_page(
            garden, request.GET.get("page"), COMPANIES_PER_PAGE
        )
        gardens = [total for total in report.gardens if garden is None or total.garden == garden]
        chart = growth_bars([*gardens, report.network])
        return {"form": form, "report": report, "page": page, "gardens": gardens, "chart": chart}

    # The same for all staff: kept until a relation, company or key figure changes.
    content = freshness.template_fragment(
        "indicators.programme",
        [CompanyGarden, Company, KeyFigure, Garden],
        "indicators/_programme_content.html",
        context,
        request,
    )
    return render(
        request,
        "indicators/programme.html",
        {"content": content, "import_url": reverse("indicators:import")},
    )
