"""Small helpers every app's services share."""


def apply_changes(obj, data: dict, allowed: tuple[str, ...]) -> list[str]:
    """Set the allowed fields of ``obj`` that ``data`` changes; return their names (for audit)."""
    changed = []
    for field in allowed:
        if field in data and getattr(obj, field) != data[field]:
            setattr(obj, field, data[field])
            changed.append(field)
    return changed
