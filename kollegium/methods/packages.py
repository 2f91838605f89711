"""Method packages: a zip with ``method.json`` and ``attachments/``, for other installations.

``method.json`` (format ``kollegium.method-package/1``) holds the method's text, areas, links
and licence, the list of attached files with their SHA-256, and the provenance: network,
garden, licence, version, stage and stage history, and the pilots and adoptions behind it.

Reading a package trusts nothing: it must be a zip holding exactly that manifest and the
files it lists, with plain names (no folders, ``..``, absolute paths or links), each file
within the size limit however its header describes it, of a type a method may hold, and
with the checksum the manifest states. Anything else is a ``PackageInvalid`` that says why.
"""

import datetime
import io
import json
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.methods.models import Kind, Licence, Method
from kollegium.methods.uploads import CheckedFile, check_file, max_bytes
from kollegium.network.models import NetworkSettings

FORMAT = "kollegium.method-package/1"
MANIFEST = "method.json"
FOLDER = "attachments/"
MAX_MEMBERS = 100
MANIFEST_MAX_BYTES = 1024 * 1024
TEXT_LIMITS = {"title": 200, "summary": 1000, "body": 50000}


class PackageInvalid(Exception):
    """The file is not a usable method package; nothing was imported."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Package:
    """A package that passed every check, ready for the import service."""

    uid: uuid.UUID
    method: dict
    provenance: dict
    files: list[CheckedFile]


# --- export ---------------------------------------------------------------------------------


def _iso(value) -> str:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat() if value else ""


def _provenance(method: Method) -> dict:
    network = NetworkSettings.objects.filter(pk=1).first() or NetworkSettings()
    latest = method.versions.order_by("-number").first()
    provenance = {
        "network": network.name,
        "network_url": settings.SITE_URL,
        "garden": {"slug": method.owner.slug, "name": method.owner.name},
        "ref": method.ref,
        "licence": method.licence,
        "version": latest.number if latest else None,
        "stage": method.stage,
        "exported_at": _iso(timezone.now()),
        "stage_history": [
            {
                "from": m.from_stage,
                "to": m.to_stage,
                "at": _iso(m.at),
                "by": m.actor_name,
                "note": m.note,
            }
            for m in method.moves.order_by("at", "pk")
        ],
        "pilots": [
            {
                "garden": p.garden.name,
                "starts_on": _iso(p.starts_on),
                "ends_on": _iso(p.ends_on),
                "rating": p.rating,
                "recommendation": p.recommendation,
            }
            for p in method.pilots.select_related("garden").order_by("starts_on", "pk")
        ],
        "adoptions": [
            {"garden": a.garden.name, "since": _iso(a.adopted_on)}
            for a in method.adoptions.select_related("garden").order_by("adopted_on", "pk")
        ],
    }
    if method.is_imported:
        # Passed on again: where it came from before it came here.
        provenance["origin"] = method.provenance
    return provenance


def package_document(method: Method) -> dict:
    return {
        "format": FORMAT,
        # The first installation's id, so every copy of the method updates the same one.
        "uid": str(method.origin_uid or method.uid),
        "method": {
            "ref": method.ref,
            "title": method.title,
            "kind": method.kind,
            "summary": method.summary,
            "body": method.body,
            "licence": method.licence,
            "areas": [{"slug": a.slug, "name": a.name} for a in method.areas.order_by("slug")],
            "links": [{"url": link.url, "title": link.title} for link in method.links.all()],
        },
        "provenance": _provenance(method),
        "attachments": [
            {
                "name": a.name,
                "path": FOLDER + a.name,
                "size": a.size,
                "sha256": a.sha256,
                "content_type": a.content_type,
            }
            for a in method.attachments.order_by("name", "pk")
        ],
    }


def package_build(method: Method) -> bytes:
    """The method as a zip: method.json and its files under attachments/."""
    buffer = io.BytesIO()
    document = package_document(method)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(document, ensure_ascii=False, indent=2))
        for attachment in method.attachments.order_by("name", "pk"):
            with attachment.file.open("rb") as handle:
                archive.writestr(FOLDER + attachment.name, handle.read())
    return buffer.getvalue()


def package_filename(method: Method) -> str:
    return f"{method.ref}.zip"


# --- reading and checking -----------------------------------------------------------------


def max_package_bytes() -> int:
    return getattr(settings, "METHOD_PACKAGE_MAX_BYTES", 60 * 1024 * 1024)


def _check_member_name(info: zipfile.ZipInfo) -> None:
    name = info.filename
    parts = name.split("/")
    unsafe = (
        name.startswith("/")
        or "\\" in name
        or ":" in name
        or any(part in ("", ".", "..") for part in parts[:-1])
        or ".." in parts
    )
    if unsafe:
        raise PackageInvalid(
            _("The package holds a file with an unsafe name: %(name)s") % {"name": name[:200]}
        )
    if (info.external_attr >> 16) & 0o170000 == 0o120000:
        raise PackageInvalid(
            _("The package holds a link (%(name)s), not a file.") % {"name": name[:200]}
        )
    if info.flag_bits & 0x1:
        raise PackageInvalid(_("The package is encrypted."))
    if name != MANIFEST and not (name.startswith(FOLDER) and "/" not in name[len(FOLDER) :]):
        raise PackageInvalid(
            _("%(name)s does not belong in a method package: is this a Kollegium method package?")
            % {"name": name[:200]}
        )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes, never more than ``limit``, whatever its header claims."""
    too_large = PackageInvalid(
        _("%(name)s in the package is too large (at most %(mb)s MB).")
        % {"name": info.filename[:200], "mb": round(limit / (1024 * 1024), 1)}
    )
    if info.file_size > limit:
        raise too_large
    with archive.open(info) as handle:
        content = handle.read(limit + 1)
    if len(content) > limit:
        raise too_large
    return content


def _open(data: bytes) -> zipfile.ZipFile:
    if len(data) > max_package_bytes():
        raise PackageInvalid(
            _("The package is too large (at most %(mb)s MB).")
            % {"mb": round(max_package_bytes() / (1024 * 1024))}
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise PackageInvalid(
            _("This is not a zip file, or it is damaged. Download the package again.")
        ) from None


def _members(archive: zipfile.ZipFile) -> dict[str, bytes]:
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_MEMBERS:
        raise PackageInvalid(_("The package holds too many files."))
    for info in infos:
        _check_member_name(info)
    names = [info.filename for info in infos]
    if len(names) != len(set(names)):
        raise PackageInvalid(_("The package lists a file twice."))
    if MANIFEST not in names:
        raise PackageInvalid(_("The zip has no method.json: it is not a Kollegium method package."))
    contents = {}
    try:
        for info in infos:
            limit = MANIFEST_MAX_BYTES if info.filename == MANIFEST else max_bytes()
            contents[info.filename] = _read_member(archive, info, limit)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
        raise PackageInvalid(
            _("The package is damaged (a file in it cannot be read). Download it again.")
        ) from None
    return contents


def _text(data: dict, key: str, *, required: bool = False) -> str:
    value = data.get(key, "")
    limit = TEXT_LIMITS.get(key, 200)
    if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
        raise PackageInvalid(_("method.json: “%(key)s” is missing or not valid.") % {"key": key})
    return value


def _method_part(raw: Any) -> dict:
    if not isinstance(raw, dict):
        raise PackageInvalid(_("method.json: “method” is missing."))
    kind = raw.get("kind", Kind.METHOD)
    licence = raw.get("licence", "")
    if kind not in Kind.values:
        raise PackageInvalid(_("method.json: unknown kind “%(kind)s”.") % {"kind": str(kind)[:50]})
    if licence not in [*Licence.values, ""]:
        raise PackageInvalid(
            _("method.json: unknown licence “%(licence)s”.") % {"licence": str(licence)[:50]}
        )
    areas = raw.get("areas", [])
    links = raw.get("links", [])
    if not isinstance(areas, list) or not all(isinstance(a, dict) for a in areas):
        raise PackageInvalid(_("method.json: “areas” must be a list."))
    if not isinstance(links, list) or not all(isinstance(link, dict) for link in links):
        raise PackageInvalid(_("method.json: “links” must be a list."))
    return {
        "ref": _text(raw, "ref"),
        "title": _text(raw, "title", required=True),
        "kind": kind,
        "summary": _text(raw, "summary"),
        "body": _text(raw, "body"),
        "licence": licence,
        "areas": [(str(a.get("slug", ""))[:80], str(a.get("name", ""))[:120]) for a in areas],
        "links": [
            (str(link.get("url", ""))[:500], str(link.get("title", ""))[:200]) for link in links
        ],
    }


def _files(listed: Any, contents: dict[str, bytes]) -> list[CheckedFile]:
    """The attachments the manifest lists: exactly the files in the zip, each checked."""
    ok = isinstance(listed, list) and all(
        isinstance(item, dict) and isinstance(item.get("path"), str) for item in listed
    )
    if not ok:
        raise PackageInvalid(_("method.json: “attachments” must be a list of files."))
    in_zip = {name for name in contents if name != MANIFEST}
    if {item.get("path") for item in listed} != in_zip:
        raise PackageInvalid(_("The files in the package do not match the list in method.json."))
    files = []
    for item in listed:
        content = contents[item["path"]]
        try:
            checked = check_file(str(item.get("name") or item["path"][len(FOLDER) :]), content)
        except ValidationError as exc:
            raise PackageInvalid(" ".join(exc.messages)) from None
        if checked.sha256 != item.get("sha256"):
            raise PackageInvalid(
                _("%(name)s in the package is damaged (its checksum does not match).")
                % {"name": checked.name}
            )
        files.append(checked)
    if len({f.name for f in files}) != len(files):
        raise PackageInvalid(_("The package lists a file twice."))
    return files


def package_read(data: bytes) -> Package:
    """Check a package completely; raise PackageInvalid saying what is wrong."""
    with _open(data) as archive:
        contents = _members(archive)
    try:
        document = json.loads(contents[MANIFEST].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackageInvalid(_("method.json in the package is not valid JSON.")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PackageInvalid(_("method.json is not in the format %(format)s.") % {"format": FORMAT})
    try:
        uid = uuid.UUID(str(document.get("uid")))
    except ValueError:
        raise PackageInvalid(_("method.json: “uid” is missing or not valid.")) from None
    provenance = document.get("provenance", {})
    if not isinstance(provenance, dict):
        raise PackageInvalid(_("method.json: “provenance” must be an object."))
    return Package(
        uid=uid,
        method=_method_part(document.get("method")),
        provenance=provenance,
        files=_files(document.get("attachments", []), contents),
    )
