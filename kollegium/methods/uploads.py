"""What files a method may hold: PDF, Office documents and images, checked by name and content.

The extension says what the file claims to be; the first bytes (and, for Office files, the
zip's table of contents) must agree. A file renamed to look harmless is refused.
"""

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

# 10 MB unless the operator sets METHOD_ATTACHMENT_MAX_BYTES.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

OOXML = {
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"),
}
OPENDOCUMENT = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}
SIMPLE = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
}
ALLOWED_EXTENSIONS = sorted([*SIMPLE, ".webp", *OOXML, *OPENDOCUMENT])


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def max_bytes() -> int:
    return getattr(settings, "METHOD_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES)


def clean_name(name: str) -> str:
    """The file's own name without any folder part, made safe for storage."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    try:
        cleaned = get_valid_filename(base)
    except SuspiciousFileOperation:  # ".", ".." and names that clean to nothing
        cleaned = ""
    return cleaned[-200:]


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _office_type(extension: str, content: bytes) -> str | None:
    """The content type when the zip really is that kind of Office document."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if extension in OOXML:
                content_type, folder = OOXML[extension]
                ok = "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
                return content_type if ok else None
            expected = OPENDOCUMENT[extension]
            if "mimetype" not in names:
                return None
            mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
            return expected if mimetype == expected else None
    except (zipfile.BadZipFile, ValueError, OSError, KeyError):
        return None


def sniff(extension: str, content: bytes) -> str | None:
    """The content type the bytes prove for this extension, or None when they do not."""
    if extension in SIMPLE:
        content_type, signatures = SIMPLE[extension]
        return content_type if content.startswith(signatures) else None
    if extension == ".webp":
        return "image/webp" if content[:4] == b"RIFF" and content[8:12] == b"WEBP" else None
    if extension in OOXML or extension in OPENDOCUMENT:
        return _office_type(extension, content) if content.startswith(b"PK\x03\x04") else None
    return None


def check_file(name: str, content: bytes) -> CheckedFile:
    """A file a method may hold, or a ValidationError that says what is wrong with it."""
    safe_name = clean_name(name)
    extension = os.path.splitext(safe_name)[1].lower()
    if not safe_name or extension not in ALLOWED_EXTENSIONS:
        raise _refuse(
            _("%(name)s is not a file type a method can hold. Allowed: %(types)s.")
            % {"name": name or "?", "types": ", ".join(e.lstrip(".") for e in ALLOWED_EXTENSIONS)},
            "file_type",
        )
    limit = max_bytes()
    if len(content) > limit:
        raise _refuse(
            _("%(name)s is too large: a file may be at most %(mb)s MB.")
            % {"name": safe_name, "mb": round(limit / (1024 * 1024), 1)},
            "file_too_large",
        )
    if not content:
        raise _refuse(_("%(name)s is empty.") % {"name": safe_name}, "file_empty")
    content_type = sniff(extension, content)
    if content_type is None:
        raise _refuse(
            _(
                "%(name)s does not contain what its name says (%(type)s). Save it again as a real "
                "%(type)s file."
            )
            % {"name": safe_name, "type": extension.lstrip(".").upper()},
            "file_content",
        )
    digest = hashlib.sha256(content).hexdigest()
    return CheckedFile(safe_name, content, content_type, digest)


def read_upload(upload) -> bytes:
    """An uploaded file's bytes, refusing to read more than the limit allows."""
    limit = max_bytes()
    if upload.size is not None and upload.size > limit:
        raise _refuse(
            _("%(name)s is too large: a file may be at most %(mb)s MB.")
            % {"name": clean_name(upload.name), "mb": round(limit / (1024 * 1024), 1)},
            "file_too_large",
        )
    upload.seek(0)
    return upload.read(limit + 1)
