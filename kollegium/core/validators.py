"""Validators for Norwegian identifiers and uploads, with messages in the user's language."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kollegium.core import codes

ORG_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def normalize_org_number(value: str) -> str:
    """Strip the spaces people type in org numbers ("923 609 016" -> "923609016")."""
    return "".join((value or "").split())


def org_number_check_digit(first_eight: str) -> int | None:
    """The MOD11 check digit for eight digits, or None when no valid number can end them."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, ORG_NUMBER_WEIGHTS, strict=True)) % 11
    digit = 11 - remainder
    if digit == 11:
        return 0
    if digit == 10:
        return None
    return digit


def validate_org_number(value: str) -> None:
    number = normalize_org_number(value)
    if len(number) != 9 or not number.isdigit():
        raise ValidationError(
            _("An organisation number has exactly 9 digits."), code="org_number_format"
        )
    if org_number_check_digit(number[:8]) != int(number[8]):
        raise ValidationError(
            _("%(number)s is not a valid organisation number: the check digit does not match."),
            code="org_number_check_digit",
            params={"number": number},
        )


def validate_municipality(value: str) -> None:
    if value and value not in codes.municipalities():
        raise ValidationError(
            _("%(value)s is not a municipality number (kommunenummer) in the 2024 structure."),
            code="unknown_municipality",
            params={"value": value},
        )


def validate_industry_code(value: str) -> None:
    if value and value not in codes.industry_codes():
        raise ValidationError(
            _("%(value)s is not an SN2025 industry code."),
            code="unknown_industry_code",
            params={"value": value},
        )


def validate_industry_code_in(value: str, standard: str) -> None:
    """An industry code of the given standard ("sn2025", "sn2007")."""
    if value and value not in codes.industry_codes(standard):
        raise ValidationError(
            _("%(value)s is not an industry code of %(standard)s."),
            code="unknown_industry_code",
            params={"value": value, "standard": codes.standard_label(standard)},
        )


def validate_image_size(image) -> None:
    limit = settings.IMAGE_UPLOAD_MAX_BYTES
    if image and image.size > limit:
        raise ValidationError(
            _("The image is too large (at most %(mb)s MB)."),
            code="image_too_large",
            params={"mb": limit // (1024 * 1024)},
        )
