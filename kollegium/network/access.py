"""Object access for network views: return the object or raise 404 / 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kollegium.network import permissions
from kollegium.network.models import Garden, Person


def get_person_for_view(user, pk: int) -> Person:
    """Any staff member may read any active profile; deactivated ones are not shown."""
    return get_object_or_404(
        Person.objects.select_related("user", "garden"), pk=pk, user__is_active=True
    )


def get_person_for_edit(user, pk: int) -> Person:
    person = get_object_or_404(Person.objects.select_related("user", "garden"), pk=pk)
    if not permissions.can_edit_person(user, person):
        raise PermissionDenied
    return person


def get_garden_for_edit(user, slug: str) -> Garden:
    garden = get_object_or_404(Garden, slug=slug)
    if not permissions.can_edit_garden(user, garden):
        raise PermissionDenied
    return garden


def get_garden_for_staff_admin(user, slug: str) -> Garden:
    garden = get_object_or_404(Garden, slug=slug)
    if not permissions.can_manage_staff(user, garden):
        raise PermissionDenied
    return garden


def get_staff_member_of(garden: Garden, pk: int) -> Person:
    """A person of this garden; one of another garden answers 404."""
    return get_object_or_404(Person.objects.select_related("user", "garden"), pk=pk, garden=garden)


def get_area(slug: str):
    from kollegium.network.models import CompetenceArea

    return get_object_or_404(CompetenceArea, slug=slug)
