"""Projects: create, edit, membership (participating gardens and leader), links and files."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kollegium.collaboration.models import Project, ProjectFile, ProjectLink, ProjectStatus
from kollegium.core.audit import audit
from kollegium.methods.uploads import check_file
from kollegium.network import permissions
from kollegium.network.models import Garden, Person

# Fields project_update may change; membership goes through project_set_members.
EDITABLE = (
    "name",
    "description",
    "goals",
    "starts_on",
    "ends_on",
    "funding_note",
    "status",
)
RESERVED_SLUGS = {"new"}


# slugify drops letters without an ASCII form; write the Norwegian ones as people do.
NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def _unique_slug(name: str) -> str:
    base = (slugify(name.translate(NORWEGIAN)) or "prosjekt")[:70]
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Project.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_period(starts_on, ends_on) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The project cannot end before it starts.")})


def _check_status(status: str) -> None:
    if status not in ProjectStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})


def _set_links(project: Project, links: list[tuple[str, str]]) -> None:
    project.links.all().delete()
    ProjectLink.objects.bulk_create(
        ProjectLink(project=project, url=url, title=title, position=i)
        for i, (url, title) in enumerate(links)
    )


def _check_gardens(actor, gardens: list[Garden]) -> None:
    if not gardens:
        raise ValidationError({"gardens": _("Choose at least one participating garden.")})
    if not permissions.can_edit_project(actor, [g.pk for g in gardens]):
        raise ValidationError(
            {"gardens": _("Your own garden must take part in a project you create.")}
        )


@transaction.atomic
def project_create(
    *,
    actor,
    name: str,
    gardens: list[Garden],
    description: str = "",
    goals: str = "",
    leader: Person | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    funding_note: str = "",
    status: str = ProjectStatus.PLANNED,
    links: list[tuple[str, str]] | None = None,
    events=(),
    methods=(),
    slug: str = "",
) -> Project:
    """A new project. Staff create projects their own garden takes part in and lead them
    unless they name another leader; the coordinator creates any."""
    if not permissions.can_create_project(actor):
        raise PermissionDenied
    if not name.strip():
        raise ValidationError({"name": _("Give the project a name.")})
    _check_gardens(actor, gardens)
    _check_period(starts_on, ends_on)
    _check_status(status)
    me = permissions.person_of(actor)
    if slug and Project.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Another project has this short name.")}, code="unique")
    project = Project.objects.create(
        slug=slug or _unique_slug(name),
        name=name.strip(),
        description=description,
        goals=goals,
        leader=leader or me,
        starts_on=starts_on,
        ends_on=ends_on,
        funding_note=funding_note,
        status=status,
        created_by=me,
    )
    project.gardens.set(gardens)
    project.events.set(events)
    project.methods.set(methods)
    _set_links(project, links or [])
    audit(
        actor=actor,
        action="collaboration.project.create",
        obj=project,
        slug=project.slug,
        gardens=sorted(g.slug for g in gardens),
    )
    return project


@transaction.atomic
def project_update(*, actor, project: Project, links=None, events=None, methods=None, **fields):
    """Change a project's text, period, status, links and linked events and methods: staff of
    a participating garden and the coordinator."""
    if not permissions.can_edit_project(actor, [g.pk for g in project.gardens.all()]):
        raise PermissionDenied
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "name" in fields and not (fields["name"] or "").strip():
        raise ValidationError({"name": _("Give the project a name.")})
    if "status" in fields:
        _check_status(fields["status"])
    _check_period(
        fields.get("starts_on", project.starts_on), fields.get("ends_on", project.ends_on)
    )
    changed = sorted(k for k, v in fields.items() if getattr(project, k) != v)
    for name, value in fields.items():
        setattr(project, name, value)
    project.save()
    if links is not None:
        _set_links(project, links)
        changed.append("links")
    if events is not None:
        project.events.set(events)
        changed.append("events")
    if methods is not None:
        project.methods.set(methods)
        changed.append("methods")
    audit(actor=actor, action="collaboration.project.update", obj=project, fields=changed)
    return project


@transaction.atomic
def project_set_members(
    *, actor, project: Project, gardens: list[Garden], leader: Person | None = None
) -> Project:
    """Which gardens take part, and who leads: the project leader and the coordinator."""
    if not permissions.can_manage_project_members(actor, project):
        raise PermissionDenied
    if not gardens:
        raise ValidationError({"gardens": _("Choose at least one participating garden.")})
    before = sorted(g.slug for g in project.gardens.all())
    project.gardens.set(gardens)
    if leader is not None and leader.pk != project.leader_id:
        project.leader = leader
        project.save(update_fields=["leader", "updated_at"])
    audit(
        actor=actor,
        action="collaboration.project.members",
        obj=project,
        before=before,
        after=sorted(g.slug for g in gardens),
        leader=project.leader_id,
    )
    return project


@transaction.atomic
def project_file_add(*, actor, project: Project, name: str, content: bytes) -> ProjectFile:
    """Attach a file (the method bank's types and size limit) to a project."""
    if not permissions.can_edit_project(actor, [g.pk for g in project.gardens.all()]):
        raise PermissionDenied
    checked = check_file(name, content)
    if project.files.filter(name=checked.name).exists():
        raise ValidationError(
            {
                "file": _(
                    "The project already has a file named %(name)s. Remove it first, or rename "
                    "the new one."
                )
                % {"name": checked.name}
            }
        )
    stored = ProjectFile(
        project=project,
        name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        sha256=checked.sha256,
        uploaded_by=permissions.person_of(actor),
    )
    stored.file.save(checked.name, ContentFile(checked.content), save=False)
    try:
        stored.save()
    except Exception:
        stored.file.storage.delete(stored.file.name)
        raise
    audit(
        actor=actor,
        action="collaboration.project.file_added",
        obj=project,
        name=stored.name,
        size=stored.size,
    )
    return stored


@transaction.atomic
def project_file_delete(*, actor, stored: ProjectFile) -> None:
    project = stored.project
    if not permissions.can_edit_project(actor, [g.pk for g in project.gardens.all()]):
        raise PermissionDenied
    name, path, storage = stored.name, stored.file.name, stored.file.storage
    stored.delete()
    transaction.on_commit(lambda: storage.delete(path))
    audit(actor=actor, action="collaboration.project.file_removed", obj=project, name=name)
