"""Reading amounts the way Norwegians write them, and showing them the way the locale does.

Accepted: "1 234 567", "1234567,00", "-12 000", "1.234.567", "1,234,567", "1234567.50",
"(12 000)" (accounting style for a negative), "−12 000" (a real minus sign), an optional
"kr" or "NOK". Spaces may be ordinary, non-breaking or thin. Decimals are rounded to whole
kroner. One separator followed by exactly three digits ("12,000", "1.234") is refused: it is a
thousands separator in one convention and a decimal comma in the other.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']+")
CURRENCY = re.compile(r"^(?:kr\.?|nok)|(?:kr\.?|nok|,-)$", re.IGNORECASE)
GROUPED = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
AMBIGUOUS = re.compile(r"^\d{1,3}[.,]\d{3}$")


def _invalid(message) -> ValidationError:
    return ValidationError(message, code="invalid_number")


def _sign_and_digits(text: str) -> tuple[bool, str]:
    """Strip spaces, currency and the sign; return (negative, what is left)."""
    text = SPACES.sub("", text).replace("\u2212", "-").replace("\u2013", "-")
    text = CURRENCY.sub("", text).strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if text.startswith(("-", "+")):
        negative, text = negative or text[0] == "-", text[1:]
    return negative, CURRENCY.sub("", text)


def _as_decimal(text: str) -> Decimal:
    if AMBIGUOUS.match(text):
        raise _invalid(
            _("“%(value)s” is ambiguous: write 12000, 12 000 or 12000,00.") % {"value": text}
        )
    if GROUPED.match(text) and len({c for c in text if c in ".,"}) == 1:
        return Decimal(re.sub(r"[.,]", "", text))
    if "," in text and "." in text:
        # The separator that comes last is the decimal one.
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        text = text.replace(thousands, "").replace(decimal_sep, ".")
    else:
        text = text.replace(",", ".")
    if not re.fullmatch(r"\d+(?:\.\d+)?", text):
        raise InvalidOperation
    return Decimal(text)


def parse_number(value) -> Decimal | None:
    """A number from a cell or an input: None when empty, ValidationError when not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _invalid(_("Enter a number."))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _invalid(_("Enter a number."))
        return Decimal(repr(value))
    text = str(value).strip()
    if not text:
        return None
    negative, digits = _sign_and_digits(text)
    try:
        number = _as_decimal(digits)
    except InvalidOperation:
        raise _invalid(
            _("“%(value)s” is not a number. Write it like 1 234 567 or 1234567,00.")
            % {"value": text}
        ) from None
    return -number if negative else number


def parse_amount(value) -> int | None:
    """Whole kroner; decimals are rounded half up (accounts are reported in whole NOK)."""
    number = parse_number(value)
    if number is None:
        return None
    return int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_whole_number(value) -> int | None:
    """A count, such as employees: decimals other than zero are refused."""
    number = parse_number(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise _invalid(_("Enter a whole number."))
    return int(number)


class LocaleNumbers:
    """Numbers as the active language writes them, with its separators read once: Django's
    ``number_format`` looks them up on every call, which a report of thousands of cells pays
    for thousands of times. The output is ``number_format``'s own (same function)."""

    def __init__(self):
        self.decimal = get_format("DECIMAL_SEPARATOR")
        self.thousand = get_format("THOUSAND_SEPARATOR")
        self.grouping = get_format("NUMBER_GROUPING")
        self.norwegian = (get_language() or "nb").split("-")[0] in ("nb", "nn", "no")

    def number(self, value, places: int = 0) -> str:
        return numberformat.format(
            value, self.decimal, places, self.grouping, self.thousand, force_grouping=True
        )

    def count(self, value) -> str:
        """A whole number with the locale's grouping; None -> "—"."""
        return "—" if value is None else self.number(value)

    def percent(self, value) -> str:
        """A percentage, one decimal, with its sign: "+12,5 %" (nb) or "+12.5%" (en)."""
        if value is None:
            return "—"
        sign = "+" if value > 0 else ""
        number = self.number(round(value, 1), 1)
        return f"{sign}{number}\u00a0%" if self.norwegian else f"{sign}{number}%"

    def nok(self, value: int | None) -> str:
        """An amount: "1 234 567 kr" in Norwegian, "NOK 1,234,567" in English.

        The currency's position is a matter of locale, like the separators, so it is not in
        the translation catalogues.
        """
        if value is None:
            return "—"
        if self.norwegian:
            return f"{self.number(value)}\u00a0kr"
        # English puts the sign before the currency: -NOK 12,000.
        return f"{'-' if value < 0 else ''}NOK\u00a0{self.number(abs(value))}"


def format_nok(value: int | None) -> str:
    """An amount as the active language writes it (``LocaleNumbers.nok``)."""
    return LocaleNumbers().nok(value)
