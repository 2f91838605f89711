"""The participant list for the hosts: who is confirmed, in line or cancelled (with company
and garden), adding someone by hand, moving people, and the CSV/XLSX export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.network import permissions
from kollegium.network.decorators import staff_required
from kollegium.programme import access_day, export_day
from kollegium.programme.forms_day import AddParticipantForm, MoveForm
from kollegium.programme.models import EventStatus, RegistrationStatus
from kollegium.programme.selectors.participants import participants
from kollegium.programme.services import registrations
from kollegium.programme.services.day import check_in_open
from kollegium.programme.views.forms_util import show_errors


@staff_required
def participant_list(request, ref: str):
    event = access_day.get_event_to_run(request.user, ref)
    people = participants(event)
    movable = event.status != EventStatus.CANCELLED
    context = {
        "event": event,
        "people": people,
        "check_in_open": check_in_open(event),
        "confirmed_moves": _moves(RegistrationStatus.WAITLISTED) if movable else [],
        "line_moves": _moves(RegistrationStatus.CONFIRMED) if movable else [],
        # Undoing a removal made by mistake: back in line, at its end.
        "cancelled_moves": _moves(RegistrationStatus.WAITLISTED)[:1] if movable else [],
    }
    return render(request, "programme/day_participants.html", context)


def _moves(first: RegistrationStatus) -> list[tuple[str, str]]:
    labels = {
        RegistrationStatus.CONFIRMED: _("Confirm"),
        RegistrationStatus.WAITLISTED: _("To the waitlist"),
    }
    return [(first.value, labels[first]), (RegistrationStatus.CANCELLED.value, _("Remove"))]


@staff_required
def participant_add(request, ref: str):
    """Sign someone up on their behalf (capacity and waitlist rules as for everyone)."""
    event = access_day.get_event_to_run(request.user, ref)
    form = AddParticipantForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        registration = _add(request, form, event)
        if registration is not None:
            return redirect("programme:day_participants", event.ref)
    context = {"event": event, "form": form}
    status = 400 if form.errors else 200
    return render(request, "programme/day_add.html", context, status=status)


def _add(request, form, event):
    data = form.cleaned_data
    try:
        registration, created = registrations.registration_create(
            event=event,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            company=data["company"],
            company_name=data["company_name"],
            answers=form.answers(),
            language=data["language"],
            consent=True,
            registered_by=permissions.person_of(request.user),
            actor=request.user,
        )
    except registrations.RegistrationClosed as exc:
        form.add_error(None, exc.message)
        return None
    except ValidationError as exc:
        # The service names an answer "answers.<question id>", the form's field is "q<id>".
        renamed = {f"answers.{q.pk}": f"q{q.pk}" for q in form.questions}
        show_errors(form, exc, {**renamed, "company_name": "company"})
        return None
    if not created:
        message = _("%(name)s was already signed up (%(status)s).")
    elif registration.status == RegistrationStatus.CONFIRMED:
        message = _("%(name)s has been signed up (%(status)s).")
    else:
        message = _("The event is full: %(name)s is on the waitlist (%(status)s).")
    messages.success(
        request,
        message % {"name": registration.name, "status": registration.get_status_display()},
    )
    return registration


@staff_required
@require_POST
def participant_move(request, ref: str, pk: int):
    """Confirm someone from the waitlist, put them back in line, or remove them."""
    event = access_day.get_event_to_run(request.user, ref)
    registration = access_day.get_registration_of(event, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the participant."))
        return redirect("programme:day_participants", event.ref)
    try:
        moved = registrations.registration_move(
            actor=request.user,
            registration=registration,
            to=RegistrationStatus(form.cleaned_data["to"]),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s: %(status)s.") % {"name": moved.name, "status": moved.get_status_display()},
        )
    return redirect(reverse("programme:day_participants", args=[event.ref]) + f"#r{pk}")


def _export(request, ref: str):
    event = access_day.get_event_to_run(request.user, ref)
    questions = list(event.questions.all())
    head = export_day.header(questions)
    table = export_day.rows(participants(event), questions)
    return event, head, table


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal data: no copies in shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


def _filename(event, extension: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"{event.ref}-participants-{stamp}.{extension}"


@staff_required
def participant_export_csv(request, ref: str):
    event, head, table = _export(request, ref)
    content = export_day.write_csv(head, table)
    return _download(content, "text/csv; charset=utf-8", _filename(event, "csv"))


@staff_required
def participant_export_xlsx(request, ref: str):
    event, head, table = _export(request, ref)
    content = export_day.write_xlsx(head, table, _("Participants"))
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(content, xlsx, _filename(event, "xlsx"))
