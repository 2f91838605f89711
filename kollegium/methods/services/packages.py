"""Importing a method package from another installation, keeping where it came from.

A new package becomes a method of the importing garden in the first stage (collecting is
where methods from elsewhere enter the lifecycle here), visible to that garden only, marked as
imported, with the package's provenance kept. The same package again (same uid) updates that
method instead: text, licence, areas, links, files and provenance; its stage and visibility
here are left alone.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.methods.models import Attachment, Method, Stage, StageMove, Visibility
from kollegium.methods.packages import Package, PackageInvalid, package_read
from kollegium.methods.services.attachments import remove_files, store_attachment
from kollegium.methods.services.methods import set_links, unique_ref
from kollegium.methods.services.versions import actor_name, text_of, version_edit
from kollegium.network import permissions
from kollegium.network.models import CompetenceArea, Garden

TEXT = ("title", "kind", "summary", "body", "licence")


@dataclass
class ImportResult:
    method: Method
    created: bool
    changed: list[str]


def _garden(actor, garden: Garden | None) -> Garden:
    person = permissions.person_of(actor)
    if person is not None:
        return person.garden
    if garden is None:
        raise PackageInvalid(_("Say which garden the method is imported into."))
    return garden


def _provenance(package: Package) -> dict:
    return {**package.provenance, "uid": str(package.uid)}


def _areas(package: Package) -> list[CompetenceArea]:
    """The package's areas this network also has (matched by slug); others are left out."""
    slugs = [slug for slug, _name in package.method["areas"] if slug]
    return list(CompetenceArea.objects.filter(slug__in=slugs))


def _sync_files(method: Method, package: Package, person, stored: list) -> bool:
    """Make the method's files those of the package; True when something changed."""
    current = {a.name: a for a in method.attachments.all()}
    wanted = {f.name: f for f in package.files}
    changed = False
    for name, attachment in current.items():
        if name not in wanted or wanted[name].sha256 != attachment.sha256:
            path, storage = attachment.file.name, attachment.file.storage
            attachment.delete()
            transaction.on_commit(lambda s=storage, p=path: s.delete(p))
            changed = True
    kept = {n for n, a in current.items() if n in wanted and wanted[n].sha256 == a.sha256}
    for name, checked in wanted.items():
        if name not in kept:
            stored.append(store_attachment(method, checked, person))
            changed = True
    return changed


def _create(actor, package: Package, garden: Garden, stored: list) -> Method:
    data = package.method
    now = timezone.now()
    person = permissions.person_of(actor)
    method = Method(
        ref=unique_ref(data["ref"] or data["title"]),
        owner=garden,
        visibility=Visibility.GARDEN,
        stage=Stage.COLLECTION,
        created_by=person,
        origin_uid=package.uid,
        provenance=_provenance(package),
        imported_at=now,
        **{key: data[key] for key in TEXT},
    )
    method.full_clean()
    method.save()
    method.areas.set(_areas(package))
    if person is not None:
        method.contributors.set([person])
    set_links(method, data["links"])
    network = package.provenance.get("network") or "?"
    StageMove.objects.create(
        method=method,
        from_stage="",
        to_stage=Stage.COLLECTION,
        note=_("Imported from %(network)s.") % {"network": str(network)[:200]},
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_name=actor_name(actor),
        at=now,
    )
    for checked in package.files:
        stored.append(store_attachment(method, checked, person))
    return method


def _without_export_time(provenance: dict) -> dict:
    return {key: value for key, value in provenance.items() if key != "exported_at"}


def _update(actor, method: Method, package: Package, stored: list) -> list[str]:
    data = package.method
    before = text_of(method)
    changed = [key for key in TEXT if getattr(method, key) != data[key]]
    for key in changed:
        setattr(method, key, data[key])
    if _without_export_time(method.provenance) != _without_export_time(_provenance(package)):
        changed.append("provenance")
    # A newer export of the same method is no change in itself, but its time is kept.
    method.provenance = _provenance(package)
    method.imported_at = timezone.now()
    method.full_clean()
    method.save()
    areas = _areas(package)
    if {a.pk for a in areas} != {a.pk for a in method.areas.all()}:
        method.areas.set(areas)
        changed.append("areas")
    if set_links(method, data["links"]):
        changed.append("links")
    if _sync_files(method, package, permissions.person_of(actor), stored):
        changed.append("attachments")
    version_edit(method, actor, before, changed)
    return changed


def _write(actor, package: Package, garden: Garden | None, stored: list) -> ImportResult:
    if Method.objects.filter(uid=package.uid).exists():
        raise PackageInvalid(
            _("This package was exported from this installation: the method is already here.")
        )
    existing = Method.objects.select_for_update().filter(origin_uid=package.uid).first()
    if existing is None:
        if actor is not None and not permissions.can_import_method_package(actor):
            raise PermissionDenied
        method = _create(actor, package, _garden(actor, garden), stored)
        return ImportResult(method, True, [])
    if actor is not None and not permissions.can_edit_method(actor, existing):
        raise PermissionDenied
    return ImportResult(existing, False, _update(actor, existing, package, stored))


def package_import(*, actor, data: bytes, garden: Garden | None = None) -> ImportResult:
    """Import a method package (a zip) into the actor's garden, or update the method an
    earlier import of the same package made. ``actor=None`` is the command line, which names
    the garden. Raises PackageInvalid, saying what is wrong, and then changes nothing."""
    package = package_read(data)
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            result = _write(actor, package, garden, stored)
            audit(
                actor=actor,
                action="method.package_imported",
                obj=result.method,
                ref=result.method.ref,
                uid=str(package.uid),
                created=result.created,
                fields=result.changed,
            )
    except BaseException as exc:
        # Files are not part of the transaction: take back those this import stored.
        remove_files(stored)
        if isinstance(exc, ValidationError):
            raise PackageInvalid(" ".join(exc.messages)) from None
        raise
    return result
