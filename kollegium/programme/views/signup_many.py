"""An advisor signs up several employees of a client company at once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kollegium.companies.models import Company
from kollegium.network import permissions
from kollegium.network.decorators import staff_required
from kollegium.programme import access_events
from kollegium.programme.forms_signup import ManyCompanyForm, PeopleFormSet
from kollegium.programme.services.registrations import (
    RegistrationClosed,
    registration_create_many,
)


def companies_for_sign_up(user, event):
    """The companies whose people the user may sign up: those their garden serves; for the
    event's managers every company a garden of the network serves."""
    if access_events.can_manage(user, event):
        return Company.objects.filter(relations__isnull=False).distinct().order_by("name")
    person = permissions.person_of(user)
    if person is None:
        return Company.objects.none()
    return Company.objects.filter(relations__garden_id=person.garden_id).order_by("name")


def _rows(formset) -> tuple[list[int], list[dict]]:
    """The filled-in rows: their indexes in the formset and their data."""
    indexes, people = [], []
    for index, form in enumerate(formset.forms):
        data = form.cleaned_data
        if data.get("email"):
            indexes.append(index)
            people.append({"name": data["name"], "email": data["email"], "phone": data["phone"]})
    return indexes, people


def _show_row_errors(company_form, formset, indexes, exc: ValidationError) -> None:
    for key, errors in exc.message_dict.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "people":
            form = formset.forms[indexes[int(parts[1])]]
            form.add_error(parts[2] if parts[2] in form.fields else None, errors)
        else:
            company_form.add_error(None, errors)


@staff_required
def signup_many(request, ref: str):
    event = access_events.get_event_for_view(request.user, ref)
    companies = companies_for_sign_up(request.user, event)
    company_form = ManyCompanyForm(request.POST or None, companies=companies)
    formset = PeopleFormSet(request.POST or None, prefix="people")
    if request.method == "POST" and company_form.is_valid() and formset.is_valid():
        indexes, people = _rows(formset)
        try:
            done = registration_create_many(
                actor=request.user,
                event=event,
                company=company_form.cleaned_data["company"],
                people=people,
            )
        except RegistrationClosed as exc:
            company_form.add_error(None, exc.message)
        except PermissionDenied:
            company_form.add_error("company", _("You cannot sign up people of this company."))
        except ValidationError as exc:
            _show_row_errors(company_form, formset, indexes, exc)
        else:
            messages.success(request, _summary(done))
            return redirect(event)
    context = {"event": event, "company_form": company_form, "formset": formset}
    return render(request, "programme/signup_many.html", context)


def _summary(registrations) -> str:
    confirmed = sum(1 for r in registrations if r.status == "confirmed")
    in_line = len(registrations) - confirmed
    text = ngettext(
        "%(n)d person signed up with a place.", "%(n)d people signed up with a place.", confirmed
    ) % {"n": confirmed}
    if in_line:
        text += " " + ngettext(
            "%(n)d is on the waitlist.", "%(n)d are on the waitlist.", in_line
        ) % {"n": in_line}
    return text
