"""Who is calling: a personal API token (Bearer) or the signed-in browser session."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from kollegium.api.errors import ApiError
from kollegium.api.models import ApiToken, hash_token
from kollegium.network import permissions

# last_used_at is a hint for the token list, not an access log: one write a minute is plenty.
LAST_USED_PRECISION = timedelta(minutes=1)


def _mark_used(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_PRECISION)
    # Conditional, so parallel requests on other servers do not all write the same row.
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; only the token's SHA-256 is stored."""

    def authenticate(self, request, token: str):
        if not token:
            return None
        api_token = (
            ApiToken.objects.select_related("user").filter(token_hash=hash_token(token)).first()
        )
        if api_token is None or not api_token.user.is_active:
            return None
        _mark_used(api_token)
        request.user = api_token.user
        return api_token.user


class SessionAuth(NinjaSessionAuth):
    """The browser session of the signed-in UI; unsafe methods need the CSRF token.

    Anonymous callers fall through (401) instead of failing the CSRF check (403).
    """

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        try:
            return super().__call__(request)
        except HttpError as exc:
            raise ApiError(
                403,
                _("CSRF check failed: send the CSRF token in the X-CSRFToken header."),
                code="csrf_failed",
            ) from exc


token_auth = TokenAuth()
session_auth = SessionAuth()


def require_staff(request):
    """The calling user, when they are a staff member or the operator; else 403."""
    if not permissions.is_staff_member(request.auth):
        raise PermissionDenied
    return request.auth
