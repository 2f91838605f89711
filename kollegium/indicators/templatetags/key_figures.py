"""Showing key figures as the active locale writes numbers."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

from kollegium.indicators.numbers import format_nok

register = template.Library()


def _norwegian() -> bool:
    return (get_language() or "nb").split("-")[0] in ("nb", "nn", "no")


@register.filter
def nok(value) -> str:
    """1234567 -> "1 234 567 kr" (nb, nn) or "NOK 1,234,567" (en); None -> "—"."""
    return format_nok(value)


@register.filter
def count(value) -> str:
    """A whole number with the locale's grouping; None -> "—"."""
    if value is None:
        return "—"
    return number_format(value, decimal_pos=0, force_grouping=True)


@register.filter
def signed_nok(value) -> str:
    """A change in kroner with its sign: "+120 000 kr"."""
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + format_nok(value)


@register.filter
def signed_count(value) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + count(value)


@register.filter
def percent(value) -> str:
    """A growth in percent, one decimal, with its sign: "+12,5 %" (nb) or "+12.5%" (en)."""
    if value is None:
        return "—"
    number = number_format(round(value, 1), decimal_pos=1, force_grouping=True)
    sign = "+" if value > 0 else ""
    return f"{sign}{number}\u00a0%" if _norwegian() else f"{sign}{number}%"
