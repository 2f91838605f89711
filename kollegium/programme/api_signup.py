"""Public sign-up through the API, with exactly the form's rules (the same service).

``POST /api/v1/events/{ref}/registrations`` needs no token: 201 with the registration's
``status`` and ``waitlist_position`` (1 for the first in line, null when not in line), 200 when
the address was already signed up (the confirmation is sent again; the answer then carries no
link), or the structured error shape: 404 unknown event, 409 when sign-up is closed
(``code`` says why: closed, not_open_yet, past, cancelled, full), 422 for bad input, 429 when
the client address has signed up too often (with Retry-After).
"""

from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from kollegium.api.errors import ApiError, error_json
from kollegium.programme import throttle
from kollegium.programme.access_signup import get_event_for_signup
from kollegium.programme.forms_signup import find_company
from kollegium.programme.services.registrations import RegistrationClosed, registration_create
from kollegium.programme.services.waitlist import waitlist_position

router = Router(tags=["sign-up"])

# The service's field names where the API calls them otherwise.
API_FIELDS = {"company_name": "company"}


class SignupIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=150)
    email: str = Field(max_length=254)
    phone: str = Field("", max_length=40, description="Norwegian (8 digits) or +country…")
    company: str = Field(
        "", max_length=200, description="Organisation number or name (linked when registered)"
    )
    answers: dict[str, str] = Field(
        default_factory=dict, description="Answers to the event's questions, by question id"
    )
    consent: bool = Field(description="Accepts the privacy notice at /programme/privacy/")
    language: Literal["nb", "nn", "en"] | None = Field(
        None, description="Language of the e-mails (default: the request's)"
    )


class SignupOut(Schema):
    event: str
    status: Literal["confirmed", "waitlisted", "offered"]
    waitlist_position: int | None = Field(description="1 = first in line; null with a place")
    created: bool
    link: str | None = Field(description="The participant's own page (new registrations only)")


def _throttled(wait: int):
    message = _("Too many sign-ups from your address. Try again in %(seconds)d seconds.") % {
        "seconds": wait
    }
    response = error_json(429, message, code="throttled")
    response["Retry-After"] = str(wait)
    return response


def _renamed(exc: ValidationError) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({API_FIELDS.get(k, k): v for k, v in exc.error_dict.items()})


@router.post(
    "/events/{ref}/registrations",
    response={200: SignupOut, 201: SignupOut},
    auth=None,
    summary="Sign up for an event (public)",
)
def registration_create_api(request, ref: str, payload: SignupIn):
    wait = throttle.hit(request)
    if wait is not None:
        return _throttled(wait)
    event = get_event_for_signup(ref)
    company, company_name = find_company(payload.company)
    try:
        registration, created = registration_create(
            event=event,
            name=payload.name,
            email=payload.email,
            phone=payload.phone,
            company=company,
            company_name=company_name,
            answers=payload.answers,
            language=payload.language or translation.get_language() or "nb",
            consent=payload.consent,
        )
    except RegistrationClosed as exc:
        raise ApiError(409, exc.message, code=exc.reason) from exc
    except ValidationError as exc:
        raise _renamed(exc) from exc
    body = {
        "event": event.ref,
        "status": registration.status,
        "waitlist_position": waitlist_position(registration),
        "created": created,
        "link": settings.SITE_URL + registration.get_absolute_url() if created else None,
    }
    return Status(201 if created else 200, body)
