"""Small helpers the programme's form views share."""

from django.core.exceptions import ValidationError


def show_errors(form, exc: ValidationError, renamed: dict | None = None) -> None:
    """Put a service's ValidationError on the form: on the named fields where the form has
    them (``renamed`` maps a service's key to the form's field), else at the top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for key, errors in exc.error_dict.items():
        field = (renamed or {}).get(key, key)
        form.add_error(field if field in form.fields else None, errors)
