"""Method packages: export, import into another installation, re-import, and bad zips."""

import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kollegium.core.models import AuditEntry
from kollegium.methods.models import Attachment, Method, Stage, StageMove
from kollegium.methods.packages import FORMAT, PackageInvalid, package_build, package_read
from kollegium.methods.services import attachment_add, method_move_stage
from kollegium.methods.services.packages import package_import
from kollegium.methods.tests.factories import PDF, PNG, EvaluatedPilotFactory
from kollegium.network.models import NetworkSettings


@pytest.fixture
def shared_method(alice, method_a, garden_b, at_stage):
    """Garden A's method, shared publicly, with files, a link, pilots and a stage history."""
    NetworkSettings.objects.update_or_create(pk=1, defaults={"name": "INNOMIDT"})
    attachment_add(actor=alice.user, method=method_a, name="guide.pdf", content=PDF)
    attachment_add(actor=alice.user, method=method_a, name="plakat.png", content=PNG)
    method_a.links.create(url="https://www.siva.no", title="Siva")
    at_stage(method_a, Stage.IMPLEMENTATION)
    EvaluatedPilotFactory(method=method_a, garden=garden_b)
    method_a.visibility = "public"
    method_a.save()
    return method_move_stage(actor=alice.user, method=method_a, to=Stage.SHARED, note="Klar")


def _wipe_methods():
    """What another installation would not have: this one's methods (and their files)."""
    for attachment in Attachment.objects.all():
        attachment.file.delete(save=False)
    Method.objects.all().delete()


def _zip(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _manifest(**changes) -> dict:
    document = {
        "format": FORMAT,
        "uid": "6f1c3b52-8a7e-4d5e-9b1a-2c3d4e5f6a7b",
        "method": {"ref": "frokost", "title": "Frokostmøte", "kind": "concept"},
        "provenance": {"network": "Annet nettverk"},
        "attachments": [],
    }
    document.update(changes)
    return document


def test_it_exports_the_method_with_its_files_and_provenance(shared_method):
    archive = zipfile.ZipFile(io.BytesIO(package_build(shared_method)))

    assert sorted(archive.namelist()) == [
        "attachments/guide.pdf",
        "attachments/plakat.png",
        "method.json",
    ]
    document = json.loads(archive.read("method.json"))
    assert document["format"] == FORMAT
    assert document["uid"] == str(shared_method.uid)
    assert document["method"]["title"] == "Frokostmøte for nye bedrifter"
    provenance = document["provenance"]
    assert provenance["network"] == "INNOMIDT"
    assert provenance["garden"] == {"slug": "orkdal", "name": "Næringshagen i Orkdalsregionen"}
    assert (provenance["licence"], provenance["stage"], provenance["version"]) == (
        "CC-BY-4.0",
        "shared",
        1,
    )
    assert provenance["stage_history"][-1]["to"] == "shared"
    assert provenance["stage_history"][-1]["by"] == "Alice Aune"
    assert provenance["pilots"][0]["recommendation"] == "adopt"
    assert archive.read("attachments/guide.pdf") == PDF


def test_a_package_makes_the_round_trip_to_another_installation(shared_method, diana, area):
    data = package_build(shared_method)
    original_uid = shared_method.uid
    _wipe_methods()

    result = package_import(actor=diana.user, data=data)

    method = Method.objects.get()
    assert result.created and method == result.method
    assert (method.ref, method.title, method.summary, method.body) == (
        "frokostmote",
        "Frokostmøte for nye bedrifter",
        shared_method.summary,
        shared_method.body,
    )
    assert (method.owner, method.stage, method.visibility, method.licence) == (
        diana.garden,
        Stage.COLLECTION,
        "garden",
        "CC-BY-4.0",
    )
    assert method.is_imported and method.origin_uid == original_uid
    assert method.provenance["network"] == "INNOMIDT"
    assert method.provenance["stage"] == "shared"
    assert list(method.areas.all()) == [area]
    assert [(link.url, link.title) for link in method.links.all()] == [
        ("https://www.siva.no", "Siva")
    ]
    files = {a.name: a.file.read() for a in method.attachments.all()}
    assert files == {"guide.pdf": PDF, "plakat.png": PNG}
    assert StageMove.objects.get(method=method).note == "Imported from INNOMIDT."
    assert AuditEntry.objects.filter(action="method.package_imported").count() == 1


def test_importing_the_same_package_again_updates_rather_than_duplicates(
    shared_method, alice, diana
):
    first = package_build(shared_method)
    method_a_uid = shared_method.uid
    shared_method.summary = "Oppdatert oppsummering"
    shared_method.save()
    Attachment.objects.get(name="plakat.png").delete()
    second = package_build(shared_method)
    _wipe_methods()

    package_import(actor=diana.user, data=first)
    again = package_import(actor=diana.user, data=first)
    updated = package_import(actor=diana.user, data=second)

    assert Method.objects.count() == 1
    assert not again.created and "provenance" not in again.changed
    assert not updated.created
    assert set(updated.changed) == {"summary", "attachments"}
    method = Method.objects.get()
    assert method.origin_uid == method_a_uid and method.summary == "Oppdatert oppsummering"
    assert list(method.attachments.values_list("name", flat=True)) == ["guide.pdf"]


def test_a_package_of_this_installation_is_refused(shared_method, diana):
    with pytest.raises(PackageInvalid, match="exported from this installation"):
        package_import(actor=diana.user, data=package_build(shared_method))


BAD_PACKAGES = [
    ("not a zip", b"this is not a zip file", "not a zip file"),
    ("truncated", None, "not a zip file, or it is damaged"),
    ("foreign zip", _zip({"readme.txt": "hei"}), "does not belong in a method package"),
    ("no manifest", _zip({"attachments/a.pdf": PDF}), "no method.json"),
    ("zip slip", _zip({"method.json": "{}", "../../etc/evil.pdf": PDF}), "unsafe name"),
    ("absolute name", _zip({"method.json": "{}", "/srv/evil.pdf": PDF}), "unsafe name"),
    (
        "slip inside the folder",
        _zip({"method.json": "{}", "attachments/../../evil.pdf": PDF}),
        "unsafe name",
    ),
    ("backslash", _zip({"method.json": "{}", "attachments\\..\\x.pdf": PDF}), "unsafe name"),
    ("nested folder", _zip({"method.json": "{}", "attachments/a/b.pdf": PDF}), "does not belong"),
    ("not json", _zip({"method.json": "{nope"}), "not valid JSON"),
    ("wrong format", _zip({"method.json": json.dumps({"format": "x"})}), "not in the format"),
    (
        "unlisted file",
        _zip({"method.json": json.dumps(_manifest()), "attachments/a.pdf": PDF}),
        "do not match the list",
    ),
    (
        "wrong checksum",
        _zip(
            {
                "method.json": json.dumps(
                    _manifest(
                        attachments=[
                            {"name": "a.pdf", "path": "attachments/a.pdf", "sha256": "0" * 64}
                        ]
                    )
                ),
                "attachments/a.pdf": PDF,
            }
        ),
        "checksum does not match",
    ),
    (
        "program as pdf",
        _zip(
            {
                "method.json": json.dumps(
                    _manifest(attachments=[{"name": "a.pdf", "path": "attachments/a.pdf"}])
                ),
                "attachments/a.pdf": b"MZ\x90\x00program",
            }
        ),
        "does not contain what its name says",
    ),
    ("no title", _zip({"method.json": json.dumps(_manifest(method={"title": ""}))}), "title"),
]


@pytest.mark.parametrize(
    ("data", "message"),
    [(d, m) for _n, d, m in BAD_PACKAGES],
    ids=[n for n, _d, _m in BAD_PACKAGES],
)
def test_a_bad_package_gets_a_clear_error_and_changes_nothing(
    shared_method, diana, settings, data, message
):
    if data is None:
        data = package_build(shared_method)[:200]
    before = (Method.objects.count(), Attachment.objects.count(), AuditEntry.objects.count())
    stored = sorted(p.name for p in (settings.MEDIA_ROOT).rglob("*") if p.is_file())

    with pytest.raises(PackageInvalid, match=message):
        package_import(actor=diana.user, data=data)

    after = (Method.objects.count(), Attachment.objects.count(), AuditEntry.objects.count())
    assert after == before
    assert sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()) == stored


def test_an_oversized_member_is_refused_before_it_is_unpacked(settings):
    settings.METHOD_ATTACHMENT_MAX_BYTES = 1000
    bomb = _zip(
        {
            "method.json": json.dumps(
                _manifest(attachments=[{"name": "a.pdf", "path": "attachments/a.pdf"}])
            ),
            "attachments/a.pdf": b"%PDF-" + b"0" * 1_000_000,
        }
    )

    with pytest.raises(PackageInvalid, match="too large"):
        package_read(bomb)
    assert len(bomb) < 10_000  # it compresses well: only the size inside tells


def test_an_oversized_package_is_refused(settings):
    settings.METHOD_PACKAGE_MAX_BYTES = 100

    with pytest.raises(PackageInvalid, match="The package is too large"):
        package_read(_zip({"method.json": json.dumps(_manifest())}))


def test_staff_download_a_package_and_the_public_only_of_public_methods(
    client, signed_in, charlie, method_a, shared_method, private_b
):
    public = client.get(reverse("library:package", args=[shared_method.ref]))
    hidden = client.get(reverse("library:package", args=[private_b.ref]))
    staff = signed_in(charlie).get(reverse("methods:package", args=[shared_method.ref]))

    assert public.status_code == 200 and public["Content-Type"] == "application/zip"
    assert 'filename="frokostmote.zip"' in public["Content-Disposition"]
    assert hidden.status_code == 404
    assert staff.status_code == 200
    assert (
        signed_in(charlie).get(reverse("methods:package", args=[private_b.ref])).status_code == 200
    )


def test_the_import_page_takes_a_package_and_shows_a_bad_one_s_error(
    signed_in, diana, shared_method
):
    data = package_build(shared_method)
    _wipe_methods()
    client = signed_in(diana)
    url = reverse("methods:import_package")

    bad = client.post(url, {"package": SimpleUploadedFile("x.zip", b"garbage")})
    good = client.post(url, {"package": SimpleUploadedFile("frokost.zip", data)})

    assert "This is not a zip file, or it is damaged." in bad.content.decode()
    method = Method.objects.get()
    assert good.status_code == 302 and good["Location"] == method.get_absolute_url()
    assert method.owner == diana.garden


def test_the_commands_export_and_import_a_package(shared_method, garden_b, tmp_path):
    path = tmp_path / "frokost.zip"
    out = StringIO()
    call_command("export_method_package", shared_method.ref, "-o", str(path), stdout=out)
    assert path.read_bytes()[:2] == b"PK"
    _wipe_methods()

    call_command("import_method_package", str(path), "--garden", garden_b.slug, stdout=out)
    call_command("import_method_package", str(path), "--garden", garden_b.slug, stdout=out)

    assert Method.objects.get().owner == garden_b
    assert 'Imported "Frokostmøte for nye bedrifter" as frokostmote.' in out.getvalue()
    assert "was up to date" in out.getvalue()


def test_the_import_command_refuses_a_damaged_file(garden_b, tmp_path):
    path = tmp_path / "bad.zip"
    path.write_bytes(b"PK\x03\x04broken")

    with pytest.raises(CommandError, match="damaged. Download the package again. Nothing was"):
        call_command("import_method_package", str(path), "--garden", garden_b.slug)
    assert not Method.objects.exists()
