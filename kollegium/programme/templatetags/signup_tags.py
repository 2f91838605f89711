"""Filters for the sign-up pages."""

from django import template

register = template.Library()


@register.filter
def phone_display(value: str) -> str:
    from kollegium.programme.phone import format_phone

    return format_phone(value or "")
