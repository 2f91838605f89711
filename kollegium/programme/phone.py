"""Phone numbers as people type them: Norwegian (8 digits, with or without +47) or international.

Stored in E.164 form ("+4791234567") so lists and exports read the same whatever was typed;
shown grouped the Norwegian way ("+47 912 34 567").
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Spaces, dots, dashes, slashes and brackets people put between digit groups.
SEPARATORS = re.compile(r"[\s.\-/()]")
MESSAGE = _(
    "Enter a Norwegian phone number (8 digits) or an international number starting with + "
    "and the country code."
)


def normalize_phone(value: str) -> str:
    """ "" for nothing; the number in E.164 form; ValidationError for anything else."""
    raw = SEPARATORS.sub("", value or "")
    if not raw:
        return ""
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if raw.startswith("+"):
        digits = raw[1:]
        if not digits.isdigit():
            raise ValidationError(MESSAGE, code="phone")
        if digits.startswith("47"):
            return "+47" + _norwegian(digits[2:])
        # E.164: a country code (no leading 0) and at most 15 digits in all.
        if digits[0] == "0" or not 8 <= len(digits) <= 15:
            raise ValidationError(MESSAGE, code="phone")
        return "+" + digits
    return "+47" + _norwegian(raw)


def _norwegian(digits: str) -> str:
    # Norwegian subscriber numbers have 8 digits; none begins with 0 or 1.
    if len(digits) != 8 or not digits.isdigit() or digits[0] in "01":
        raise ValidationError(MESSAGE, code="phone")
    return digits


def format_phone(value: str) -> str:
    """ "+4791234567" -> "+47 912 34 567" (Norwegian mobiles), "+47 22 33 44 55" (others)."""
    if value.startswith("+47") and len(value) == 11:
        n = value[3:]
        if n[0] in "49":
            return f"+47 {n[:3]} {n[3:5]} {n[5:]}"
        return f"+47 {n[:2]} {n[2:4]} {n[4:6]} {n[6:]}"
    return value
