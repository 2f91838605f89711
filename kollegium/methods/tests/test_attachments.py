"""Files of a method: only real PDFs, Office documents and images within the size limit."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kollegium.core.models import AuditEntry
from kollegium.methods.models import Attachment
from kollegium.methods.services import attachment_add, attachment_delete
from kollegium.methods.tests.factories import PDF, PNG, docx_bytes
from kollegium.methods.uploads import check_file, clean_name


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("guide.pdf", PDF, "application/pdf"),
        ("bilde.PNG", PNG, "image/png"),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        ("anim.gif", b"GIF89a" + b"\x00" * 20, "image/gif"),
        ("bilde.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (
            "mal.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("notat.odt", _odt(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_it_accepts_the_file_types_a_method_may_hold(name, content, content_type):
    assert check_file(name, content).content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "file_type"),
        ("side.html", b"<script>alert(1)</script>", "file_type"),
        ("uten-endelse", PDF, "file_type"),
        ("falsk.pdf", b"<script>alert(1)</script>", "file_content"),
        ("falsk.png", PDF, "file_content"),
        ("zip-forkledd.docx", b"PK\x03\x04" + b"\x00" * 30, "file_content"),
        ("regneark-som-ord.docx", None, "file_content"),
        ("tom.pdf", b"", "file_empty"),
    ],
)
def test_it_refuses_files_whose_name_or_content_is_wrong(name, content, code):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/workbook.xml", "<workbook/>")
        content = buffer.getvalue()

    with pytest.raises(ValidationError) as exc_info:
        check_file(name, content)

    assert exc_info.value.code == code


def test_it_refuses_a_file_over_the_limit_with_a_clear_message(settings):
    settings.METHOD_ATTACHMENT_MAX_BYTES = 1024

    with pytest.raises(ValidationError) as exc_info:
        check_file("stor.pdf", PDF + b"0" * 2000)

    assert exc_info.value.code == "file_too_large"
    assert "at most" in exc_info.value.messages[0]


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\x\\rapport.pdf", "rapport.pdf"),
        ("/abs/sti/fil.pdf", "fil.pdf"),
        ("..", ""),
    ],
)
def test_it_keeps_only_the_files_own_name(name, clean):
    assert clean_name(name) == clean


def test_staff_of_the_owner_garden_attach_and_remove_a_file(
    alice, method_a, settings, django_capture_on_commit_callbacks
):
    attachment = attachment_add(actor=alice.user, method=method_a, name="../guide.pdf", content=PDF)

    stored = Attachment.objects.get()
    assert (stored.name, stored.size, stored.content_type) == (
        "guide.pdf",
        len(PDF),
        "application/pdf",
    )
    path = settings.MEDIA_ROOT / stored.file.name
    assert path.read_bytes() == PDF
    assert stored.file.name.startswith("methods/") and stored.file.name.endswith("/guide.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(actor=alice.user, attachment=attachment)

    assert not Attachment.objects.exists()
    assert not path.exists()
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "method.attachment_added",
        "method.attachment_removed",
    ]


def test_another_garden_cannot_attach_files(charlie, method_a, settings):
    with pytest.raises(PermissionDenied):
        attachment_add(actor=charlie.user, method=method_a, name="x.pdf", content=PDF)
    assert not Attachment.objects.exists()


def test_a_second_file_with_the_same_name_is_refused(alice, method_a):
    attachment_add(actor=alice.user, method=method_a, name="guide.pdf", content=PDF)

    with pytest.raises(ValidationError) as exc_info:
        attachment_add(actor=alice.user, method=method_a, name="guide.pdf", content=PDF)

    assert "already has a file named guide.pdf" in exc_info.value.message_dict["file"][0]
    assert Attachment.objects.count() == 1
