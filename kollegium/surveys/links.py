"""The unguessable link of a company's invitation: the invitation's id signed with the
installation's SECRET_KEY (HMAC-SHA256), so nothing secret is stored and the reminder can send
the same link again. Changing SECRET_KEY ends every link that is out (see docs/surveys.md)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from kollegium.surveys.models import SurveyInvitation

SALT = "kollegium.surveys.answer"
MAX_TOKEN_LENGTH = 100


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT, sep=".")


def answer_token(invitation: SurveyInvitation) -> str:
    return _signer().sign(str(invitation.pk))


def answer_link(invitation: SurveyInvitation) -> str:
    return settings.SITE_URL + reverse("surveys:answer", args=[answer_token(invitation)])


def invitation_for_token(token: str) -> SurveyInvitation | None:
    """The invitation behind a link, with its round, garden and any answer; None when the
    token is not one we signed (or its invitation is gone)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        pk = int(_signer().unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return (
        SurveyInvitation.objects.select_related("round__garden", "company", "response")
        .filter(pk=pk)
        .first()
    )
