"""The public sign-up: the form of the event page, the company look-up and the privacy notice.

The form works without JavaScript (a normal POST answers with a page); with htmx the sign-up
box swaps itself with the answer, and a new registration goes straight to its own page.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kollegium.companies.models import Company
from kollegium.core.validators import normalize_org_number
from kollegium.programme import throttle
from kollegium.programme.access_signup import get_event_for_signup
from kollegium.programme.forms_signup import SignupForm
from kollegium.programme.selectors.signup import SignupState, signup_state
from kollegium.programme.services.registrations import RegistrationClosed, registration_create
from kollegium.programme.views.forms_util import show_errors

LOOKUP_MIN_LENGTH = 2
LOOKUP_LIMIT = 8
# The service's field names where the form calls them otherwise.
FORM_FIELDS = {"company_name": "company"}


def _box(request, event, *, form=None, state=None, notice="", status=200):
    """The sign-up box alone (htmx) or on a page of its own (a plain POST or GET)."""
    state = state or signup_state(event)
    if form is None and state.open:
        form = SignupForm(event=event)
    context = {"event": event, "form": form, "state": state, "notice": notice}
    template = "programme/_signup_form.html" if request.htmx else "programme/signup_page.html"
    return render(request, template, context, status=status)


def errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        renamed = {}
        for key, errors in exc.error_dict.items():
            key = FORM_FIELDS.get(key, key)
            renamed[f"q{key.removeprefix('answers.')}" if key.startswith("answers.") else key] = (
                errors
            )
        exc = ValidationError(renamed)
    show_errors(form, exc)


@require_http_methods(["GET", "POST"])
def signup(request, ref: str):
    event = get_event_for_signup(ref)
    if request.method == "GET":
        return _box(request, event)
    wait = throttle.hit(request)
    if wait is not None:
        return _throttled(request, event, wait)
    form = SignupForm(request.POST, event=event)
    if form.is_bot():
        # Said as to a person, so the bot learns nothing; nothing is stored or sent.
        return _box(request, event, notice=_("Thank you! Check your e-mail."))
    if not form.is_valid():
        return _box(request, event, form=form)
    try:
        registration, created = _create(request, event, form)
    except RegistrationClosed as exc:
        state = SignupState(open=False, reason=exc.reason, message=exc.message)
        return _box(request, event, state=state)
    except ValidationError as exc:
        errors_to_form(form, exc)
        return _box(request, event, form=form)
    if not created:
        notice = _(
            "You are already signed up for this event with this e-mail address. We have sent "
            "you the confirmation again."
        )
        return _box(request, event, notice=notice)
    messages.success(request, _done_message(registration))
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = registration.get_absolute_url()
        return response
    return redirect(registration)


def _create(request, event, form):
    data = form.cleaned_data
    return registration_create(
        event=event,
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        company=data["company"],
        company_name=data["company_name"],
        answers=form.answers(),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        consent=data["consent"],
    )


def _done_message(registration) -> str:
    if registration.status == "confirmed":
        return _("You are signed up! We have sent a confirmation to %(email)s.") % {
            "email": registration.email
        }
    return _("The event is full, so you are on the waitlist. We have e-mailed %(email)s.") % {
        "email": registration.email
    }


def _throttled(request, event, wait: int):
    notice = _(
        "Too many sign-ups from your network in a short time. Please wait %(seconds)d seconds "
        "and try again."
    ) % {"seconds": wait}
    response = _box(request, event, notice=notice, status=429)
    response["Retry-After"] = str(wait)
    return response


@require_GET
def company_lookup(request):
    """Companies of the register matching what is typed (htmx): radio buttons to pick one.

    Sole proprietorships (ENK) carry a person's name, so they are found only by their exact
    organisation number, never by a name search.
    """
    text = " ".join(request.GET.get("company", "").split())[:100]
    if len(text) < LOOKUP_MIN_LENGTH:
        return HttpResponse("")
    wait = throttle.hit(request, kind="lookup")
    if wait is not None:
        return HttpResponse("", status=429, headers={"Retry-After": str(wait)})
    digits = normalize_org_number(text)
    if digits.isdigit() and len(digits) == 9:
        matches = Company.objects.filter(org_number=digits)
    else:
        matches = (
            Company.objects.filter(Q(name__istartswith=text) | Q(name__icontains=f" {text}"))
            .exclude(org_form="ENK")
            .order_by("name")
        )
    context = {"matches": list(matches[:LOOKUP_LIMIT]), "typed": text}
    return render(request, "programme/_signup_company_matches.html", context)


@require_GET
def privacy(request):
    """What is stored about a participant, why, who sees it and when it goes."""
    context = {"months": settings.ANONYMISE_AFTER_MONTHS}
    return render(request, "programme/signup_privacy.html", context)
