"""Who may do what: every permission rule of the platform, in one place.

Views, API endpoints and services ask these predicates; templates only mirror them.
The operator (a Django superuser) passes every rule.
"""

from django.db.models import Q

from kollegium.network.models import Garden, Person, Role


def person_of(user) -> Person | None:
    """The active staff member behind ``user``, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not hasattr(user, "_kollegium_person"):
        user._kollegium_person = Person.objects.select_related("garden").filter(user=user).first()
    return user._kollegium_person


def is_operator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def is_staff_member(user) -> bool:
    """Any staff member (or the operator): may read the directory and the company register."""
    return is_operator(user) or person_of(user) is not None


def is_coordinator(user) -> bool:
    person = person_of(user)
    return is_operator(user) or (person is not None and person.role == Role.COORDINATOR)


def can_edit_network(user) -> bool:
    return is_coordinator(user)


def can_edit_areas(user) -> bool:
    return is_coordinator(user)


def can_edit_garden(user, garden: Garden) -> bool:
    person = person_of(user)
    if is_coordinator(user):
        return True
    return person is not None and person.role == Role.LEADER and person.garden_id == garden.pk


def can_manage_staff(user, garden: Garden) -> bool:
    """Invite and deactivate: the garden's leader (and the operator)."""
    person = person_of(user)
    if is_operator(user):
        return True
    return person is not None and person.role == Role.LEADER and person.garden_id == garden.pk


def can_edit_person(user, person: Person) -> bool:
    """A profile is edited by its owner only (the operator uses the admin)."""
    return is_operator(user) or (person_of(user) is not None and person.user_id == user.pk)


def can_create_company(user) -> bool:
    return person_of(user) is not None or is_operator(user)


def serves_company(user, company_garden_ids) -> bool:
    """Staff of a garden the company relates to: may edit it and see its contacts and needs."""
    if is_operator(user):
        return True
    person = person_of(user)
    return person is not None and person.garden_id in set(company_garden_ids)


def visible_needs_q(user) -> Q:
    """Needs a user may see: those of companies their garden serves, and shared ones."""
    if is_operator(user):
        return Q()
    person = person_of(user)
    if person is None:
        return Q(pk__in=[])
    from kollegium.companies.models import CompanyGarden

    served = CompanyGarden.objects.filter(garden_id=person.garden_id).values("company_id")
    # A subquery, not a join, so a company served by several gardens gives no duplicate rows.
    return Q(shared_with_network=True) | Q(company_id__in=served)
