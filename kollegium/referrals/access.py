"""Object access for referral views: return the object or raise 404 / 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kollegium.network import permissions
from kollegium.referrals import selectors
from kollegium.referrals.models import Referral


def get_referral_for_view(user, pk: int) -> Referral:
    """A referral the user may know about (both gardens' staff, the coordinator); else 404."""
    referral = selectors.referrals_with_people().filter(pk=pk).first()
    if referral is None or not permissions.can_see_referral(user, referral):
        raise Http404
    return referral


def get_referral_for_party(user, pk: int) -> Referral:
    """A referral the user is one of the two people of; others who may see it get 403."""
    referral = get_referral_for_view(user, pk)
    if not permissions.is_referral_party(user, referral):
        raise PermissionDenied
    return referral


def can_read_content(user, referral: Referral) -> bool:
    """The message, thread and outcome note: the two people, and those who see the need."""
    if permissions.is_referral_party(user, referral):
        return True
    return selectors.need_visible_to(user, referral.need_id)
