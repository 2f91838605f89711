"""Small helpers the method bank's views share."""

import copy

from django.core.exceptions import ValidationError


def is_htmx(request) -> bool:
    """An htmx request for a fragment (a history restore wants the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def bind(form_class, request, obj=None, **kwargs):
    # A ModelForm writes cleaned values onto its instance while validating; binding a copy
    # keeps the original unchanged, so the service sees (and audits) what really changed.
    instance = copy.copy(obj) if obj is not None else None
    if instance is not None:
        kwargs["instance"] = instance
    return form_class(request.POST or None, request.FILES or None, **kwargs)


def add_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def call(form, service, **kwargs):
    """Call a service; on ValidationError put the messages on the form and return None."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        add_errors(form, exc)
        return None


def cleaned_filters(form) -> dict:
    """The valid filters of a GET form; an unknown value (an old bookmark) is dropped."""
    form.is_valid()
    return {k: v for k, v in getattr(form, "cleaned_data", {}).items() if v}
