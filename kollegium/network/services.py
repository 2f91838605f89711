"""Every write to the network: settings, taxonomy, gardens and staff."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.core.mail import queue_email
from kollegium.core.services import apply_changes
from kollegium.network import permissions
from kollegium.network.models import (
    Competence,
    CompetenceArea,
    Garden,
    NetworkSettings,
    Person,
    Role,
    User,
)

NETWORK_FIELDS = ("name", "description", "contact_email", "contact_phone")
GARDEN_FIELDS = ("name", "org_number", "municipality", "website", "description", "logo")
AREA_FIELDS = ("slug", "name", "description")
PROFILE_FIELDS = ("title", "phone", "bio", "photo", "show_public", "keywords", "capacity")


def _fresh(obj):
    """The stored row, locked: callers may hand us an instance a ModelForm already changed."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _save_valid(obj) -> None:
    obj.full_clean()
    obj.save()


@transaction.atomic
def network_update(*, actor, **data) -> NetworkSettings:
    """Change the network's name, description and contact (coordinator)."""
    if not permissions.can_edit_network(actor):
        raise PermissionDenied
    network = NetworkSettings.load()
    changed = apply_changes(network, data, NETWORK_FIELDS)
    if changed:
        _save_valid(network)
        audit(actor=actor, action="network.updated", obj=network, fields=changed)
    return network


@transaction.atomic
def area_save(*, actor, area: CompetenceArea | None = None, **data) -> CompetenceArea:
    """Create (area=None) or change a competence area of the taxonomy (coordinator)."""
    if not permissions.can_edit_areas(actor):
        raise PermissionDenied
    created = area is None
    area = CompetenceArea() if created else _fresh(area)
    changed = apply_changes(area, data, AREA_FIELDS)
    if changed or created:
        _save_valid(area)
        audit(
            actor=actor,
            action="area.created" if created else "area.updated",
            obj=area,
            fields=changed,
        )
    return area


@transaction.atomic
def garden_update(*, actor, garden: Garden, **data) -> Garden:
    """Change a garden's page (its leader, or the coordinator)."""
    if not permissions.can_edit_garden(actor, garden):
        raise PermissionDenied
    garden = _fresh(garden)
    changed = apply_changes(garden, data, GARDEN_FIELDS)
    if changed:
        _save_valid(garden)
        audit(actor=actor, action="garden.updated", obj=garden, fields=changed)
    return garden


@dataclass(frozen=True)
class CompetenceInput:
    area: CompetenceArea
    level: int
    note: str = ""


@transaction.atomic
def person_update_profile(
    *,
    actor,
    person: Person,
    name: str | None = None,
    competences: list[CompetenceInput] | None = None,
    **data,
) -> Person:
    """Change a profile and, when given, replace its competences (the person themself)."""
    if not permissions.can_edit_person(actor, person):
        raise PermissionDenied
    person = _fresh(person)
    if "keywords" in data:
        data["keywords"] = normalize_keywords(data["keywords"])
    changed = apply_changes(person, data, PROFILE_FIELDS)
    if name is not None and name != person.user.name:
        person.user.name = name
        person.user.save(update_fields=["name"])
        changed.append("name")
    if changed:
        _save_valid(person)
    if competences is not None and _competences_differ(person, competences):
        _replace_competences(person, competences)
        changed.append("competences")
    if changed:
        audit(actor=actor, action="person.updated", obj=person, fields=changed)
    return person


def normalize_keywords(keywords) -> str:
    """Accept a list or a comma-separated string; trim, drop empties and duplicates."""
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    seen: dict[str, str] = {}
    for keyword in keywords:
        keyword = " ".join(str(keyword).split())
        if keyword and keyword.lower() not in seen:
            seen[keyword.lower()] = keyword
    return ", ".join(seen.values())


def _competences_differ(person: Person, competences: list[CompetenceInput]) -> bool:
    current = {(c.area_id, c.level, c.note) for c in person.competences.all()}
    wanted = {(c.area.pk, c.level, c.note) for c in competences}
    return current != wanted


def _replace_competences(person: Person, competences: list[CompetenceInput]) -> None:
    areas = [c.area.pk for c in competences]
    if len(areas) != len(set(areas)):
        raise ValidationError(_("Each competence area can only be listed once."))
    person.competences.all().delete()
    rows = [Competence(person=person, area=c.area, level=c.level, note=c.note) for c in competences]
    for row in rows:
        row.full_clean(exclude=["person"])
    Competence.objects.bulk_create(rows)


def password_set_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_URL + path


@transaction.atomic
def person_invite(
    *, actor, garden: Garden, email: str, name: str, role: str = Role.ADVISOR, title: str = ""
) -> Person:
    """Add a staff member to a garden and e-mail them a link to choose a password (leader).

    Inviting someone already imported without an account re-sends the invitation.
    """
    if not permissions.can_manage_staff(actor, garden):
        raise PermissionDenied
    if role == Role.COORDINATOR and not permissions.is_coordinator(actor):
        raise PermissionDenied
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, name=name)
        person = Person.objects.create(user=user, garden=garden, role=role, title=title)
        audit(actor=actor, action="person.invited", obj=person, email=email)
    else:
        person = Person.objects.filter(user=user).first()
        if person is None or person.garden_id != garden.pk or user.has_usable_password():
            raise ValidationError(
                {"email": _("%(email)s already has an account.") % {"email": email}}
            )
        audit(actor=actor, action="person.reinvited", obj=person, email=email)
    network = NetworkSettings.load()
    queue_email(
        to=email,
        template="network/email/invitation",
        context={
            "name": name or user.name,
            "garden": garden,
            "network": network,
            "inviter": actor,
            "link": password_set_link(user),
        },
    )
    return person


@transaction.atomic
def person_set_active(*, actor, person: Person, active: bool) -> Person:
    """Deactivate (or reactivate) a staff member's account (the garden's leader)."""
    if not permissions.can_manage_staff(actor, person.garden):
        raise PermissionDenied
    if person.user_id == actor.pk and not active:
        raise ValidationError(_("You cannot deactivate your own account."))
    if person.user.is_active != active:
        person.user.is_active = active
        person.user.save(update_fields=["is_active"])
        audit(
            actor=actor,
            action="person.reactivated" if active else "person.deactivated",
            obj=person,
        )
    return person
