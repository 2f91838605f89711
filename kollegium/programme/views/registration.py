"""The participant's own page, by the unguessable link: see, change, cancel, accept an offered
place, delete personal data. A mistyped, unknown or retired link gets a clear page (404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kollegium.programme.access_signup import get_registration_by_token
from kollegium.programme.forms_signup import RegistrationEditForm
from kollegium.programme.models import RegistrationStatus
from kollegium.programme.services.registrations import (
    RegistrationClosed,
    registration_cancel,
    registration_erase,
    registration_update,
)
from kollegium.programme.services.waitlist import offer_accept, waitlist_position
from kollegium.programme.views.signup import errors_to_form


def _unknown(request):
    return render(request, "programme/signup_unknown.html", status=404)


def _can_change(registration) -> bool:
    return (
        registration.status != RegistrationStatus.CANCELLED
        and registration.event.ends_at > timezone.now()
    )


def _answers(registration) -> list[tuple[str, str]]:
    """(question, answer) in the event's order; answers to deleted questions last."""
    labels = {str(q.pk): q.label for q in registration.event.questions.all()}
    given = registration.answers or {}
    rows = [(label, given[key]) for key, label in labels.items() if key in given]
    rows += [(_("Answer"), value) for key, value in given.items() if key not in labels]
    return rows


def _page(request, registration, form=None):
    can_change = _can_change(registration)
    if can_change and form is None:
        form = RegistrationEditForm(registration=registration)
    context = {
        "registration": registration,
        "event": registration.event,
        "position": waitlist_position(registration),
        "answers": _answers(registration),
        "form": form if can_change else None,
        "can_change": can_change,
    }
    return render(request, "programme/signup_registration.html", context)


@require_http_methods(["GET", "POST"])
def registration_detail(request, token: str):
    registration = get_registration_by_token(token)
    if registration is None:
        return _unknown(request)
    if request.method == "GET" or not _can_change(registration):
        return _page(request, registration)
    form = RegistrationEditForm(request.POST, registration=registration)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration_update(
                registration=registration,
                **{f: data[f] for f in ("name", "email", "phone", "company", "company_name")},
                answers=form.answers(),
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(registration)
    return _page(request, registration, form)


@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, token: str):
    registration = get_registration_by_token(token)
    if registration is None:
        return _unknown(request)
    if registration.status == RegistrationStatus.CANCELLED:
        return redirect(registration)
    if request.method == "POST":
        registration_cancel(registration=registration)
        messages.success(
            request, _("Your registration is cancelled. Thank you for letting us know.")
        )
        return redirect(registration)
    context = {"registration": registration, "event": registration.event}
    return render(request, "programme/signup_cancel.html", context)


@require_http_methods(["GET", "POST"])
def registration_erase_view(request, token: str):
    registration = get_registration_by_token(token)
    if registration is None:
        return _unknown(request)
    event = registration.event
    if request.method == "POST":
        registration_erase(registration=registration)
        return render(request, "programme/signup_erased.html", {"event": event})
    context = {"registration": registration, "event": event}
    return render(request, "programme/signup_erase.html", context)


@require_POST
def registration_accept(request, token: str):
    registration = get_registration_by_token(token)
    if registration is None:
        return _unknown(request)
    if registration.status == RegistrationStatus.OFFERED:
        try:
            offer_accept(registration=registration)
        except RegistrationClosed as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The place is yours. See you there!"))
    return redirect(registration)
