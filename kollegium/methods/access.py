"""Object access for the method bank: return the object or raise 404 / 403.

A method the user may not see answers 404 (not theirs to know about); one they may see but
not change answers 403. The public library sees only methods shared publicly.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from kollegium.methods import selectors
from kollegium.methods.models import Adoption, Attachment, Comment, Method, Pilot
from kollegium.network import permissions


def get_method_for_view(user, ref: str) -> Method:
    """A method the user may see (their garden's, the network's, or public)."""
    return get_object_or_404(selectors.visible_methods(user), ref=ref)


def get_method_for_edit(user, ref: str) -> Method:
    """A method of the user's garden; another garden's method they can see answers 403."""
    method = get_method_for_view(user, ref)
    if not permissions.can_edit_method(user, method):
        raise PermissionDenied
    return method


def get_method_for_move(user, ref: str) -> Method:
    """A method the user may move: their garden's, or any for the coordinator."""
    method = get_method_for_view(user, ref)
    if not permissions.can_move_method(user, method):
        raise PermissionDenied
    return method


def get_method_for_discussion(user, ref: str) -> Method:
    """A method the user may comment on, pilot and adopt: any they can see, as staff."""
    method = get_method_for_view(user, ref)
    if not permissions.can_discuss_method(user, method):
        raise PermissionDenied
    return method


def get_public_method(ref: str) -> Method:
    """A method of the public library: public and shared; any other answers 404."""
    return get_object_or_404(selectors.public_methods(), ref=ref)


def get_attachment_for_view(user, ref: str, pk: int) -> Attachment:
    method = get_method_for_view(user, ref)
    attachment = get_object_or_404(Attachment, method=method, pk=pk)
    attachment.method = method
    return attachment


def get_public_attachment(ref: str, pk: int) -> Attachment:
    method = get_public_method(ref)
    attachment = get_object_or_404(Attachment, method=method, pk=pk)
    attachment.method = method
    return attachment


def get_attachment_for_edit(user, ref: str, pk: int) -> Attachment:
    method = get_method_for_edit(user, ref)
    attachment = get_object_or_404(Attachment, method=method, pk=pk)
    attachment.method = method
    return attachment


def get_pilot_for_edit(user, ref: str, pk: int) -> Pilot:
    """A pilot of a visible method that the user's garden runs (or any, for the coordinator)."""
    method = get_method_for_view(user, ref)
    pilot = get_object_or_404(Pilot.objects.select_related("garden"), method=method, pk=pk)
    pilot.method = method
    if not permissions.can_edit_pilot(user, pilot):
        raise PermissionDenied
    return pilot


def get_own_adoption(user, method: Method) -> Adoption:
    """The adoption of the method by the user's own garden, or 404."""
    person = permissions.person_of(user)
    if person is None:
        raise Http404
    adoption = get_object_or_404(Adoption, method=method, garden=person.garden)
    adoption.method = method
    return adoption


def get_comment_of(method: Method, pk) -> Comment | None:
    """The comment of this method a reply answers; None for a new thread, 404 if unknown."""
    if pk in (None, ""):
        return None
    return get_object_or_404(Comment, method=method, pk=pk)
