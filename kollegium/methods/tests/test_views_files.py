"""Uploads with clear messages, and downloads that check who may see the method."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kollegium.methods.models import Attachment, Stage
from kollegium.methods.services import attachment_add
from kollegium.methods.tests.factories import PDF


def upload(client, method, name, content, content_type="application/pdf"):
    return client.post(
        reverse("methods:attachment_add", args=[method.ref]),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_it_attaches_a_pdf(signed_in, alice, method_a):
    response = upload(signed_in(alice), method_a, "guide.pdf", PDF)

    assert response.status_code == 302
    assert Attachment.objects.get().name == "guide.pdf"


def test_a_renamed_file_gets_a_clear_message_by_the_field(signed_in, alice, method_a):
    response = upload(signed_in(alice), method_a, "guide.pdf", b"MZ\x90\x00 not a pdf")

    assert response.status_code == 400
    errors = response.context["attachment_form"].errors["file"]
    assert errors == [
        "guide.pdf does not contain what its name says (PDF). Save it again as a real PDF file."
    ]
    assert not Attachment.objects.exists()


def test_a_file_over_the_limit_is_refused(signed_in, alice, method_a, settings):
    settings.METHOD_ATTACHMENT_MAX_BYTES = 100

    response = upload(signed_in(alice), method_a, "stor.pdf", PDF + b"x" * 200)

    assert "stor.pdf is too large: a file may be at most" in response.content.decode()
    assert not Attachment.objects.exists()


def test_another_garden_may_not_upload(signed_in, charlie, method_a):
    assert upload(signed_in(charlie), method_a, "guide.pdf", PDF).status_code == 403
    assert not Attachment.objects.exists()


def test_staff_who_see_the_method_download_its_file(signed_in, alice, charlie, method_a):
    attachment = attachment_add(actor=alice.user, method=method_a, name="guide.pdf", content=PDF)

    response = signed_in(charlie).get(
        reverse("methods:attachment", args=[method_a.ref, attachment.pk])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_of_a_private_method_of_another_garden_answers_404(
    signed_in, alice, diana, private_b
):
    attachment = attachment_add(actor=diana.user, method=private_b, name="intern.pdf", content=PDF)

    response = signed_in(alice).get(
        reverse("methods:attachment", args=[private_b.ref, attachment.pk])
    )

    assert response.status_code == 404


def test_the_public_gets_files_of_public_methods_only(client, alice, method_a, at_stage):
    attachment = attachment_add(actor=alice.user, method=method_a, name="guide.pdf", content=PDF)
    public_url = reverse("library:attachment", args=[method_a.ref, attachment.pk])

    assert client.get(public_url).status_code == 404  # visible to the network only
    method_a.visibility = "public"
    at_stage(method_a, Stage.SHARED)

    assert client.get(public_url).status_code == 200
    # The file is never served straight from the media folder.
    assert client.get("/media/" + attachment.file.name).status_code == 404


def test_staff_of_the_owner_garden_remove_a_file(
    signed_in, bob, alice, method_a, django_capture_on_commit_callbacks
):
    attachment = attachment_add(actor=alice.user, method=method_a, name="guide.pdf", content=PDF)

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(bob).post(
            reverse("methods:attachment_delete", args=[method_a.ref, attachment.pk])
        )

    assert response.status_code == 302
    assert not Attachment.objects.exists()
