"""One error shape for every 4xx answer of the API.

    {"error": {"status": 422, "code": "validation_error", "message": "…", "fields": {…}}}

``fields`` appears only when the error names input fields. Messages are translated; for
pydantic's request validation we reuse Django's own wording so its catalogues translate them.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

# Django's model-validation codes that mean "this already exists".
CONFLICT_CODES = {"unique", "unique_together", "duplicate"}


def default_message(status: int) -> str:
    messages = {
        400: _("The request could not be read. Send a JSON object."),
        401: _("Authentication required: send an API token as “Authorization: Bearer …”."),
        403: _("You do not have permission to do this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        409: _("This conflicts with data that already exists."),
        422: _("The request is not valid."),
        429: _("Too many requests. Try again later."),
    }
    return messages.get(status, _("The request could not be handled."))


STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "validation_error",
    429: "throttled",
}


class ApiError(Exception):
    """Raise from an endpoint to answer with the structured error shape."""

    def __init__(self, status: int, message: str = "", *, code: str = "", fields=None):
        self.status = status
        self.message = message or default_message(status)
        self.code = code or STATUS_CODES.get(status, "error")
        self.fields = fields
        super().__init__(self.message)


def error_body(
    status: int, message: str = "", *, code: str = "", fields: dict | None = None
) -> dict:
    error = {
        "status": status,
        "code": code or STATUS_CODES.get(status, "error"),
        "message": message or default_message(status),
    }
    if fields:
        error["fields"] = fields
    return {"error": error}


def error_json(status: int, message: str = "", **kwargs) -> JsonResponse:
    """The error shape outside ninja's operations (405, unknown paths)."""
    return JsonResponse(error_body(status, message, **kwargs), status=status)


def invalid_field(field: str, message: str) -> ApiError:
    """422 for one input field, e.g. a slug that names nothing."""
    return ApiError(422, message, fields={field: [message]})


def reject_nulls(data: dict, nullable: tuple[str, ...] = ()) -> dict:
    """PATCH bodies may leave fields out, but not send null for a field that cannot be empty."""
    nulls = [name for name, value in data.items() if value is None and name not in nullable]
    if nulls:
        message = _("This field cannot be null.")
        raise ApiError(422, fields={name: [message] for name in nulls})
    return data


# --- request validation (pydantic) --------------------------------------------------------


def _pydantic_message(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false.")
    if kind in ("date_parsing", "date_type", "date_from_datetime_parsing"):
        return _("Enter a valid date.")
    if kind == "greater_than_equal":
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("ge")
        }
    if kind == "less_than_equal":
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("le")
        }
    if kind == "string_too_long":
        limit = ctx.get("max_length", 0)
        return ngettext(
            "Ensure this value has at most %(limit)d character.",
            "Ensure this value has at most %(limit)d characters.",
            limit,
        ) % {"limit": limit}
    if kind in ("enum", "literal_error"):
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind == "string_pattern_mismatch":
        return _("Enter a valid value.")
    if kind == "extra_forbidden":
        return _("This field is not known.")
    if kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        return _("This value has the wrong type.")
    if kind == "string_type":
        return _("Enter a text.")
    return str(error.get("msg", _("Enter a valid value.")))


def _field_name(loc) -> str:
    """("body", "payload", "competences", 0, "level") -> "competences.0.level"."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:]  # the source and the body parameter's name
    elif parts:
        parts = parts[1:]  # query / path / header
    return ".".join(str(p) for p in parts)


def _from_ninja_validation(exc: NinjaValidationError) -> dict:
    fields: dict[str, list[str]] = {}
    general: list[str] = []
    for error in exc.errors:
        name = _field_name(error.get("loc", ()))
        message = _pydantic_message(error)
        if name:
            fields.setdefault(name, []).append(message)
        else:
            general.append(message)
    message = " ".join(general) or default_message(422)
    return error_body(422, message, fields=fields)


# --- Django's ValidationError, raised by the services -------------------------------------


def _from_django_validation(exc: DjangoValidationError) -> dict:
    """422 naming the fields; 409 when every error says the value already exists."""
    if not hasattr(exc, "error_dict"):
        return error_body(422, " ".join(exc.messages))
    fields: dict[str, list[str]] = {}
    general: list[str] = []
    codes: set[str] = set()
    for name, errors in exc.error_dict.items():
        codes.update(e.code or "" for e in errors)
        messages = [m for e in errors for m in e.messages]
        if name == NON_FIELD_ERRORS:
            general.extend(messages)
        else:
            fields[name] = messages
    status = 409 if codes <= CONFLICT_CODES else 422
    first = general or [m for messages in fields.values() for m in messages][:1]
    return error_body(status, " ".join(first), fields=fields or None)


# --- installing the handlers on the API -----------------------------------------------------


def install(api) -> None:
    """Replace ninja's default handlers so every 4xx answers with the error shape."""

    def respond(request, body: dict):
        return api.create_response(request, body, status=body["error"]["status"])

    def on_api_error(request, exc: ApiError):
        body = error_body(exc.status, exc.message, code=exc.code, fields=exc.fields)
        return respond(request, body)

    def on_http_error(request, exc: HttpError):
        response = respond(request, error_body(exc.status_code))
        if exc.status_code == 401:
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    def plain(status: int):
        return lambda request, exc: respond(request, error_body(status))

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(
        NinjaValidationError, lambda request, exc: respond(request, _from_ninja_validation(exc))
    )
    api.add_exception_handler(
        DjangoValidationError, lambda request, exc: respond(request, _from_django_validation(exc))
    )
    api.add_exception_handler(PermissionDenied, plain(403))
    api.add_exception_handler(Http404, plain(404))
    api.add_exception_handler(ObjectDoesNotExist, plain(404))
    # A unique constraint lost in a race between two requests.
    api.add_exception_handler(IntegrityError, plain(409))
