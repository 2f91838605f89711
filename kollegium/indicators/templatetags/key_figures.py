"""Showing key figures as the active locale writes numbers."""

from django import template

from kollegium.indicators.numbers import LocaleNumbers, format_nok

register = template.Library()


@register.filter
def nok(value) -> str:
    """1234567 -> "1 234 567 kr" (nb, nn) or "NOK 1,234,567" (en); None -> "—"."""
    return format_nok(value)


@register.filter
def count(value) -> str:
    """A whole number with the locale's grouping; None -> "—"."""
    return LocaleNumbers().count(value)


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
    return LocaleNumbers().percent(value)
