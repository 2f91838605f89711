from django.db import models

from kollegium.core.models import AuditEntry


def audit(*, actor, action: str, obj: models.Model, **data) -> AuditEntry:
    """Record a state change. Call inside the service's transaction."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data,
    )
