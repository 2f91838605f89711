"""Check-in at the door, made for a phone: search by name, one tap to mark someone attended,
walk-ins added on the spot. Several staff members may check people in at once: each tap sends
the state it wants (checked in or not), and the list refreshes itself with the others' marks.
Works without JavaScript too (plain forms and redirects)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.network.decorators import staff_required
from kollegium.programme import access_day
from kollegium.programme.forms_day import CheckInSearchForm, MarkForm, PersonForm
from kollegium.programme.selectors.participants import check_in_counts, check_in_list
from kollegium.programme.services import day
from kollegium.programme.views.forms_util import show_errors


def _is_htmx(request) -> bool:
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _query(request) -> str:
    return " ".join((request.POST.get("q") or request.GET.get("q") or "").split())[:100]


def _back(event, q: str, anchor: str = ""):
    url = reverse("programme:day_checkin", args=[event.ref])
    return redirect(url + (f"?{urlencode({'q': q})}" if q else "") + anchor)


@staff_required
def check_in(request, ref: str):
    event = access_day.get_event_to_run(request.user, ref)
    form = CheckInSearchForm(request.GET or None)
    q = _query(request)
    confirmed, in_line = check_in_list(event, q)
    context = {
        "event": event,
        "form": form,
        "q": q,
        "confirmed": confirmed,
        "in_line": in_line,
        "counts": check_in_counts(event),
        "open": day.check_in_open(event),
    }
    template = (
        "programme/_day_checkin_list.html" if _is_htmx(request) else "programme/day_checkin.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    # The list changes with every tap; a cached copy would hide others' marks.
    response["Cache-Control"] = "private, no-store"
    return response


def _row(request, event, registration, error: str = ""):
    """The tapped row again, with the counter out of band (htmx)."""
    context = {
        "event": event,
        "registration": registration,
        "q": _query(request),
        "counts": check_in_counts(event),
        "open": day.check_in_open(event),
        "error": error,
        "oob": True,
    }
    return render(request, "programme/_day_checkin_row.html", context)


@staff_required
@require_POST
def check_in_mark(request, ref: str, pk: int):
    """Mark one participant checked in (attended=1) or take it back (attended=0)."""
    event = access_day.get_event_to_run(request.user, ref)
    registration = access_day.get_registration_of(event, pk)
    form = MarkForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose check in or undo."), code="invalid")
        registration = day.attendance_mark(
            actor=request.user, registration=registration, attended=form.cleaned_data["attended"]
        )
    except ValidationError as exc:
        return _refused(request, event, registration, exc)
    if _is_htmx(request):
        return _row(request, event, registration)
    return _back(event, _query(request), f"#r{registration.pk}")


@staff_required
@require_POST
def check_in_let_in(request, ref: str, pk: int):
    """Someone on the waitlist came anyway: confirm their place and check them in."""
    event = access_day.get_event_to_run(request.user, ref)
    registration = access_day.get_registration_of(event, pk)
    try:
        registration = day.attendance_let_in(actor=request.user, registration=registration)
    except ValidationError as exc:
        return _refused(request, event, registration, exc)
    if _is_htmx(request):
        return _row(request, event, registration)
    messages.success(request, _("%(name)s is let in and checked in.") % {"name": registration.name})
    return _back(event, _query(request), f"#r{registration.pk}")


def _refused(request, event, registration, exc: ValidationError):
    message = " ".join(exc.messages)
    if _is_htmx(request):
        registration.refresh_from_db()
        # 200: htmx swaps only successful answers in, and the row must show the message.
        return _row(request, event, registration, error=message)
    messages.error(request, message)
    return _back(event, _query(request))


@staff_required
def walk_in(request, ref: str):
    """Add someone who came without a place; they are checked in at once."""
    event = access_day.get_event_to_run(request.user, ref)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration, created = day.walk_in_add(
                actor=request.user,
                event=event,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                company=data["company"],
                company_name=data["company_name"],
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            message = (
                _("%(name)s is added and checked in.")
                if created
                else _("%(name)s was already registered and is now checked in.")
            )
            messages.success(request, message % {"name": registration.name})
            return _back(event, "", f"#r{registration.pk}")
    context = {"event": event, "form": form, "open": day.check_in_open(event)}
    return render(
        request, "programme/day_walk_in.html", context, status=400 if form.errors else 200
    )
