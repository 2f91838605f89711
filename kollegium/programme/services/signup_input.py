"""Checks on what a participant types, shared by the form, the API and the staff pages.

Errors are raised as one ValidationError keyed by field ("name", "email", "phone", "consent",
"answers.<question id>"), so every caller can put each message next to its input.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from kollegium.programme.models import Event, QuestionKind
from kollegium.programme.phone import normalize_phone

ANSWER_MAX_LENGTH = 500
NAME_MAX_LENGTH = 150


def _one_line(value) -> str:
    return " ".join(str(value or "").split())


def clean_person(*, name: str, email: str, phone: str = "") -> tuple[dict, dict]:
    """(cleaned values, errors by field) for a participant's name, e-mail and phone."""
    errors: dict[str, list] = {}
    name = _one_line(name)
    if not name:
        errors["name"] = [_("Enter your name.")]
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = [_("Enter at most %(n)d characters.") % {"n": NAME_MAX_LENGTH}]
    # Addresses are compared without regard to case: one person, one place.
    email = (email or "").strip().lower()
    try:
        if not email:
            raise ValidationError(_("Enter your e-mail address."))
        EmailValidator(message=_("Enter a valid e-mail address."))(email)
    except ValidationError as exc:
        errors["email"] = exc.messages
    try:
        phone = normalize_phone(phone)
    except ValidationError as exc:
        errors["phone"] = exc.messages
    return {"name": name, "email": email, "phone": phone}, errors


def clean_answers(event: Event, answers: dict | None, *, require: bool = True) -> tuple[dict, dict]:
    """(answers keyed by question id as text, errors) for the event's extra questions.

    A question may be named by its id or its exact label (handy for API callers). Staff
    signing someone up may leave required questions open (``require=False``).
    """
    given = {str(key): value for key, value in (answers or {}).items()}
    errors: dict[str, list] = {}
    cleaned: dict[str, str] = {}
    known: set[str] = set()
    for question in event.questions.all():
        key = str(question.pk)
        known.update((key, question.label))
        value = _one_line(given.get(key, given.get(question.label, "")))
        field = f"answers.{key}"
        if require and question.required and not value:
            errors[field] = [_("Answer this question.")]
        elif question.kind == QuestionKind.CHOICE and value and value not in question.choices:
            errors[field] = [_("Choose one of the answers given.")]
        elif len(value) > ANSWER_MAX_LENGTH:
            errors[field] = [_("Enter at most %(n)d characters.") % {"n": ANSWER_MAX_LENGTH}]
        elif value:
            cleaned[key] = value
    unknown = sorted(set(given) - known)
    if unknown:
        errors["answers"] = [
            _("This event has no question %(keys)s.") % {"keys": ", ".join(unknown)}
        ]
    return cleaned, errors


def clean_language(language: str) -> str:
    """A language of the site ("nb", "nn", "en"); anything else is bokmål."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = (language or "").lower()[:5]
    return language if language in codes else "nb"


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)
