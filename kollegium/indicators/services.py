"""Every write to key figures: by hand (one year of one company) or by importing a file."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kollegium.companies.models import Company
from kollegium.companies.selectors import companies_with_relations
from kollegium.core.audit import audit
from kollegium.indicators import importing, tabular
from kollegium.indicators.importing import FIGURES, ImportRow, RowError
from kollegium.indicators.models import KeyFigure
from kollegium.network import permissions


def _garden_ids(company: Company) -> set[int]:
    # From the prefetched relations when the company came from companies_with_relations.
    return {relation.garden_id for relation in company.relations.all()}


def _require_edit(actor, company: Company) -> None:
    if not permissions.can_edit_key_figures(actor, _garden_ids(company)):
        raise PermissionDenied


@transaction.atomic
def keyfigure_save(
    *,
    actor,
    company: Company,
    year: int,
    key_figure: KeyFigure | None = None,
    **figures: int | None,
) -> KeyFigure:
    """Record a new year (key_figure=None) or change one; each figure given is set (None empties).

    Staff of a garden serving the company (and the operator) may. A year recorded twice, or
    a year without any figure, is refused with a ValidationError.
    """
    return _store(actor, company, year, key_figure, figures)


def _store(
    actor, company, year, key_figure, figures, *, check_constraints=True, **audit_data
) -> KeyFigure:
    """Write one year inside the caller's transaction.

    The import has checked its rows already (in Python, for all of them at once), so it skips
    Django's constraint and foreign-key checks, which cost a query each; the database still
    enforces them.
    """
    _require_edit(actor, company)
    if key_figure is not None and key_figure.company_id != company.pk:
        raise PermissionDenied
    unknown = set(figures) - set(FIGURES)
    if unknown:
        raise TypeError(f"unknown figures: {sorted(unknown)}")
    created = key_figure is None
    key_figure = key_figure or KeyFigure(company=company)
    values = {"year": year, **figures}
    changed = [
        name for name, value in values.items() if created or getattr(key_figure, name) != value
    ]
    if not changed:
        return key_figure
    for name in changed:
        setattr(key_figure, name, values[name])
    # The company was just read from the database; checking that it exists is a query more.
    exclude = None if check_constraints else ["company"]
    key_figure.full_clean(exclude=exclude, validate_constraints=check_constraints)
    key_figure.save()
    audit(
        actor=actor,
        action="keyfigure.created" if created else "keyfigure.updated",
        obj=key_figure,
        company=company.org_number,
        year=key_figure.year,
        fields=changed,
        **audit_data,
    )
    return key_figure


@transaction.atomic
def keyfigure_delete(*, actor, key_figure: KeyFigure) -> None:
    """Remove a company's figures for one year."""
    _require_edit(actor, key_figure.company)
    audit(
        actor=actor,
        action="keyfigure.deleted",
        obj=key_figure,
        company=key_figure.company.org_number,
        year=key_figure.year,
    )
    key_figure.delete()


# --- import ---------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did; when ``errors`` is not empty it did nothing."""

    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _check_companies(actor, rows: list[ImportRow]) -> tuple[dict[str, Company], list[RowError]]:
    """The companies the rows name, in one query; rows naming others are errors."""
    numbers = {row.org_number for row in rows}
    companies = {c.org_number: c for c in companies_with_relations().filter(org_number__in=numbers)}
    errors = []
    for row in rows:
        company = companies.get(row.org_number)
        if company is None:
            message = _("No company with organisation number %(number)s is registered.")
            errors.append(RowError(row.row, row.org_header, message % {"number": row.org_number}))
        elif not permissions.can_edit_key_figures(actor, _garden_ids(company)):
            message = _("%(company)s (%(number)s) is not a company your garden serves.")
            data = {"company": company.name, "number": row.org_number}
            errors.append(RowError(row.row, row.org_header, message % data))
    return companies, errors


def _existing(rows: list[ImportRow], companies: dict[str, Company]) -> dict:
    """The stored figures for the (company, year) pairs of the file, in one query."""
    years = {row.year for row in rows}
    ids = [company.pk for company in companies.values()]
    stored = KeyFigure.objects.filter(company_id__in=ids, year__in=years)
    return {(figure.company_id, figure.year): figure for figure in stored}


def _write(actor, rows, companies, existing, result: ImportResult) -> None:
    for row in rows:
        company = companies[row.org_number]
        figure = existing.get((company.pk, row.year))
        # Empty cells leave what is stored alone: a file with revenue only keeps the employees.
        before = {name: getattr(figure, name) for name in row.figures} if figure else None
        saved = _store(
            actor, company, row.year, figure, row.figures, check_constraints=False, source="import"
        )
        if figure is None:
            result.created += 1
        elif before != {name: getattr(saved, name) for name in row.figures}:
            result.updated += 1
        else:
            result.unchanged += 1


@transaction.atomic
def keyfigures_import(*, actor, data: bytes) -> ImportResult:
    """Import key figures from a CSV or XLSX file: all rows or none.

    Every row is checked first; if any is bad the result lists every problem with its row
    number and column, and nothing is written. A row sets the figures it has for its
    (organisation number, year); empty cells leave stored figures as they are.
    """
    if not permissions.can_import_key_figures(actor):
        raise PermissionDenied
    try:
        rows, errors = importing.parse_rows(tabular.read_rows(data))
    except tabular.FileProblem as exc:
        return ImportResult(errors=[RowError(None, "", str(exc))])
    companies, company_errors = _check_companies(actor, rows)
    errors = sorted([*errors, *company_errors], key=lambda e: e.row or 0)
    if errors:
        return ImportResult(errors=errors)
    result = ImportResult()
    try:
        _write(actor, rows, companies, _existing(rows, companies), result)
    except ValidationError as exc:
        # The rows were checked above; this is a safety net, so still nothing is half-written.
        transaction.set_rollback(True)
        return ImportResult(errors=[RowError(None, "", " ".join(exc.messages))])
    except IntegrityError:
        # Someone recorded one of the same years while this file was being imported.
        transaction.set_rollback(True)
        message = _("The figures changed while the file was imported. Import it again.")
        return ImportResult(errors=[RowError(None, "", message)])
    return result
