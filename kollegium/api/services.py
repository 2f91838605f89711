import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kollegium.api.models import ApiToken, hash_token
from kollegium.core.audit import audit


@transaction.atomic
def token_issue(*, actor, user, name: str = "") -> tuple[ApiToken, str]:
    """Create a personal token for ``user``; return it and the raw value (shown only once)."""
    if actor is not None and actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied
    raw = "kol_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[:8], token_hash=hash_token(raw)
    )
    audit(actor=actor, action="api_token.issued", obj=token, user=user.email)
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> None:
    if actor.pk != token.user_id and not actor.is_superuser:
        raise PermissionDenied
    audit(actor=actor, action="api_token.revoked", obj=token, user=token.user.email)
    token.delete()
