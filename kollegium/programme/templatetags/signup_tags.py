"""``{% signup_box %}``: the sign-up area of the event page, with its own form and state.

The event page (engineer A's view) only includes programme/_signup_box.html; this tag gives
the box what it needs, so the page's view does not have to know about sign-up.
"""

from django import template

from kollegium.programme.forms_signup import SignupForm
from kollegium.programme.selectors.signup import signup_state

register = template.Library()


@register.inclusion_tag("programme/_signup_form.html", takes_context=True)
def signup_box(context, form=None, state=None, notice=""):
    event = context["event"]
    state = state or signup_state(event)
    return {
        "event": event,
        "state": state,
        "form": form or (SignupForm(event=event) if state.open else None),
        "notice": notice,
        "request": context.get("request"),
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def phone_display(value: str) -> str:
    from kollegium.programme.phone import format_phone

    return format_phone(value or "")
