import copy
import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render, resolve_url
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kollegium.companies import access, register, selectors, services
from kollegium.companies.forms import (
    CompanyCreateForm,
    CompanyFilterForm,
    CompanyForm,
    ContactForm,
    NeedForm,
    NeedStatusForm,
    OperatorCompanyCreateForm,
    RelateForm,
)
from kollegium.companies.models import (
    Company,
    CompanyGarden,
    Contact,
    Need,
    NeedStatus,
    RegisterEntry,
)
from kollegium.core import freshness
from kollegium.core.models import Code, CodeCorrespondence, CodeList
from kollegium.core.validators import normalize_org_number
from kollegium.indicators import access as indicator_access
from kollegium.indicators import selectors as indicator_selectors
from kollegium.indicators.models import KeyFigure
from kollegium.methods.models import Method
from kollegium.network import permissions
from kollegium.network.decorators import staff_required
from kollegium.network.models import Competence, CompetenceArea, Garden, Person, User
from kollegium.programme.models import Event, EventHost
from kollegium.programme.views.letter import company_letter_context
from kollegium.referrals.models import Referral

PAGE_SIZE = 50
CODE_TABLES = [CodeList, Code, CodeCorrespondence]
LIST_TABLES = [Company, CompanyGarden, Garden, *CODE_TABLES]
DETAIL_TABLES = [
    *LIST_TABLES,
    Contact,
    Need,
    Need.areas.through,
    CompetenceArea,
    Person,
    User,
    Referral,
    RegisterEntry,
    KeyFigure,
    Event,
    Event.areas.through,
    Event.speakers.through,
    EventHost,
    # "Relevant for this company" asks the matching engine, which checks what it ranks.
    *freshness.app_tables("matching"),
    Method,
    Method.contributors.through,
    Method.areas.through,
    Competence,
]


def _is_htmx(request) -> bool:
    """An htmx request for a fragment (a history restore wants the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _bind(form_class, request, obj=None, **kwargs):
    # A ModelForm writes cleaned values onto its instance while validating; binding a copy
    # keeps the original unchanged, so the service sees (and audits) what really changed.
    instance = copy.copy(obj) if obj is not None else None
    return form_class(request.POST or None, instance=instance, **kwargs)


def _save(request, form, service, **kwargs):
    """Call a service with the form's data; show its ValidationError on the form instead."""
    try:
        return service(actor=request.user, **kwargs, **form.cleaned_data)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return None


def _form_page(request, form, *, title, company=None, cancel, delete_url=None, lookup=False):
    context = {
        "lookup": lookup,
        "form": form,
        "title": title,
        "company": company,
        "cancel_url": resolve_url(cancel),
        "delete_url": delete_url,
    }
    return render(request, "companies/form.html", context)


@staff_required
def company_list(request):
    """The register is the same for every staff member: kept until a company, a garden
    relation, a garden or a code list changes. Only the "register a company" button (who may)
    is the viewer's; it stays outside the fragment."""

    def context() -> dict:
        form = CompanyFilterForm(request.GET or None)
        # An unknown filter value (an old bookmark) is dropped; the valid filters still apply.
        form.is_valid()
        filters = getattr(form, "cleaned_data", {})
        companies = selectors.company_register(
            q=filters.get("q") or "",
            garden=filters.get("garden"),
            municipality=filters.get("municipality") or "",
            industry=filters.get("industry") or "",
        )
        page = Paginator(companies, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return {
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "query": query.urlencode(),
        }

    htmx = _is_htmx(request)
    part = "results" if htmx else "list_content"
    html = freshness.template_fragment(
        f"companies.list.{part}", LIST_TABLES, f"companies/_{part}.html", context, request
    )
    if htmx:
        response = HttpResponse(html)
    else:
        can_create = permissions.can_create_company(request.user)
        context = {"content": html, "can_create": can_create}
        response = render(request, "companies/company_list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_required
def company_create(request):
    if not permissions.can_create_company(request.user):
        raise PermissionDenied
    operator = permissions.person_of(request.user) is None
    form_class = OperatorCompanyCreateForm if operator else CompanyCreateForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        company = _save(request, form, services.company_create)
        if company is not None:
            messages.success(request, _("%(name)s has been registered.") % {"name": company})
            return redirect(company)
    title = _("Register a company")
    return _form_page(request, form, title=title, cancel="companies:list", lookup=True)


# Fields the register lookup may fill, in the create form's order.
LOOKUP_FIELDS = ("name", "nace", "municipality", "employees", "website")


@staff_required
@require_GET
def company_lookup(request):
    """Fill the company form's empty fields from the register data last imported (htmx)."""
    found = register.lookup(normalize_org_number(request.GET.get("org_number", "")))
    fields = []
    if found.prefill is not None:
        empty = {n: found.prefill.values[n] for n in LOOKUP_FIELDS if not request.GET.get(n)}
        form = CompanyCreateForm(initial=empty)
        # Each filled input replaces the form's own by its id (htmx out-of-band swap).
        fields = [
            form[name].as_widget(attrs={"hx-swap-oob": "true"})
            for name, value in empty.items()
            if value not in ("", None)
        ]
    context = {"found": found, "fields": fields}
    return render(request, "companies/_register_lookup.html", context)


def _company_page(request, company, relate_form=None, status=200):
    """The company page: one fragment per viewer, kept until something it shows changes.

    What it shows depends on the viewer (contacts, private needs, edit links, events ranked
    against the needs they may see) and on the clock (upcoming events), so it varies on both.
    The POST forms carry this browser's CSRF token and are never cached: the fragment marks
    their places (``<!--slot:name-->``) and they are rendered here on every request.
    """
    user = request.user
    me = permissions.person_of(user)

    @functools.cache
    def needs() -> list:
        # Read once, by the fragment (ranking, non-editors' list) or the editors' list.
        return list(selectors.company_needs_for(user, company))

    def context() -> dict:
        # Read only when the fragment is rendered; its slots say what they found.
        relations = selectors.company_relations(company)
        can_edit = access.can_edit_company(user, company)
        may_relate = me is not None and me.garden_id not in {r.garden_id for r in relations}
        return {
            # "Relevant for this company" and the programme letter (programme/letter.py).
            **company_letter_context(user, company, needs(), can_edit=can_edit),
            "company": company,
            "relations": relations,
            "can_edit": can_edit,
            "may_relate": may_relate,
            # Read-only for a colleague helping through an accepted referral (kollegium.referrals).
            "contacts": (
                selectors.company_contacts(company)
                if can_edit or permissions.has_referral_access(user, company.pk)
                else None
            ),
            "needs": needs(),
            "statuses": NeedStatus.choices,
            "my_garden": me.garden if me else None,
            # What Enhetsregisteret said when last imported (employees hidden below five).
            "register_entry": register.register_entry(company.org_number),
            # For indicators/_company_figures.html: the key figures, one query.
            "key_figures": indicator_selectors.company_key_figures(company),
            "can_edit_key_figures": indicator_access.can_edit_figures(user, company),
        }

    html = freshness.template_fragment(
        f"companies.detail.{company.pk}",
        DETAIL_TABLES,
        "companies/_detail_content.html",
        context,
        request,
        vary=(user.pk, freshness.minute()),
    )
    forms = {"company": company, "csrf_token": get_token(request)}

    def relate() -> str:  # only where the fragment found that my garden may relate
        if relate_form is not None:  # sent back with errors: rendered as it is
            context = {**forms, "relate_form": relate_form, "my_garden": me.garden}
            return render_to_string("companies/_relate_form.html", context)
        # Reads nothing: the garden's name (already loaded with me) is in the key.
        return freshness.form_fragment(
            "companies.relate_form",
            [],
            "companies/_relate_form.html",
            lambda: {"company": company, "relate_form": RelateForm(), "my_garden": me.garden},
            request,
            vary=(company.org_number, me.garden_id, me.garden.name),
        )

    def letter() -> str:
        return freshness.form_fragment(
            "companies.letter_form",
            [],
            "companies/_letter_form.html",
            lambda: {"company": company},
            request,
            vary=(company.org_number,),
        )

    def editable_needs() -> str:
        context = {**forms, "needs": needs(), "can_edit": True, "statuses": NeedStatus.choices}
        return render_to_string("companies/_need_list.html", context)

    for name, slot in {"relate": relate, "letter": letter, "needs": editable_needs}.items():
        mark = f"<!--slot:{name}-->"
        if mark in html:
            html = html.replace(mark, slot(), 1)
    context = {"company": company, "content": mark_safe(html)}  # noqa: S308 - escaped HTML
    return render(request, "companies/company_detail.html", context, status=status)


@staff_required
def company_detail(request, org_number: str):
    # The relations are read only when the kept page is rendered anew.
    company = access.get_company_for_view(request.user, org_number, relations=False)
    return _company_page(request, company)


@staff_required
def company_edit(request, org_number: str):
    company = access.get_company_for_edit(request.user, org_number)
    form = _bind(CompanyForm, request, company)
    saved = request.method == "POST" and form.is_valid()
    if saved and _save(request, form, services.company_update, company=company) is not None:
        messages.success(request, _("The company has been saved."))
        return redirect(company)
    title = _("Edit %(name)s") % {"name": company}
    return _form_page(request, form, title=title, company=company, cancel=company)


@staff_required
@require_POST
def company_relate(request, org_number: str):
    company = access.get_company_for_view(request.user, org_number)
    me = permissions.person_of(request.user)
    if me is None:
        raise PermissionDenied
    form = RelateForm(request.POST)
    if form.is_valid() and _save(request, form, services.company_relate, company=company):
        messages.success(
            request,
            _("%(company)s is now a company of %(garden)s.")
            % {"company": company, "garden": me.garden},
        )
        return redirect(company)
    return _company_page(request, company, relate_form=form, status=400)


@staff_required
def contact_create(request, org_number: str):
    company = access.get_company_for_edit(request.user, org_number)
    return _contact_form(request, company, None)


@staff_required
def contact_edit(request, org_number: str, pk: int):
    contact = access.get_contact_for_edit(request.user, org_number, pk)
    return _contact_form(request, contact.company, contact)


def _contact_form(request, company, contact):
    form = _bind(ContactForm, request, contact)
    if request.method == "POST" and form.is_valid():
        kwargs = {"company": company, "contact": contact}
        if _save(request, form, services.contact_save, **kwargs) is not None:
            messages.success(request, _("The contact person has been saved."))
            return redirect(company)
    title = _("Edit contact person") if contact else _("New contact person")
    delete_url = contact and reverse(
        "companies:contact_delete", args=[company.org_number, contact.pk]
    )
    return _form_page(
        request, form, title=title, company=company, cancel=company, delete_url=delete_url
    )


@staff_required
@require_POST
def contact_delete(request, org_number: str, pk: int):
    contact = access.get_contact_for_edit(request.user, org_number, pk)
    services.contact_delete(actor=request.user, contact=contact)
    messages.success(request, _("%(name)s has been removed.") % {"name": contact.name})
    return redirect(contact.company)


@staff_required
def need_detail(request, org_number: str, pk: int):
    need = access.get_need_for_view(request.user, org_number, pk)
    context = {
        "need": need,
        "company": need.company,
        "can_edit": access.can_edit_company(request.user, need.company),
        "statuses": NeedStatus.choices,
        "can_refer": permissions.can_refer_need(
            request.user, access.served_garden_ids(need.company)
        ),
    }
    return render(request, "companies/need_detail.html", context)


@staff_required
def need_create(request, org_number: str):
    company = access.get_company_for_edit(request.user, org_number)
    return _need_form(request, company, None)


@staff_required
def need_edit(request, org_number: str, pk: int):
    need = access.get_need_for_edit(request.user, org_number, pk)
    return _need_form(request, need.company, need)


def _need_form(request, company, need):
    form = _bind(NeedForm, request, need)
    if request.method == "POST" and form.is_valid():
        form.cleaned_data["areas"] = list(form.cleaned_data["areas"])
        if _save(request, form, services.need_save, company=company, need=need) is not None:
            messages.success(request, _("The need has been saved."))
            return redirect(company)
    title = _("Edit need") if need else _("New need")
    return _form_page(request, form, title=title, company=company, cancel=company)


@staff_required
@require_POST
def need_status(request, org_number: str, pk: int):
    """Change a need's status: the row again for htmx, else back to the company page."""
    need = access.get_need_for_edit(request.user, org_number, pk)
    form = NeedStatusForm(request.POST)
    if form.is_valid():
        status = form.cleaned_data["status"]
        need = services.need_save(
            actor=request.user, company=need.company, need=need, status=status
        )
    if _is_htmx(request):
        context = {"need": need, "can_edit": True, "statuses": NeedStatus.choices}
        return render(request, "companies/_need.html", context)
    if form.is_valid():
        messages.success(request, _("The status has been changed."))
    else:
        messages.error(request, _("Choose one of the statuses."))
    return redirect(need.company)
