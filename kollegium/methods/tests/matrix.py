"""Garden B's method bank objects for the permission matrix (kollegium/core/tests), made on
first use: URL kwargs for a method shared with the network, a public one, and their parts."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from kollegium.methods.models import Attachment, Method, MethodVersion, Pilot, Stage
from kollegium.methods.tests.factories import PDF


def _method(cast, *, public: bool) -> Method:
    ref = "matrix-public-b" if public else "matrix-b"
    method, _created = Method.objects.get_or_create(
        ref=ref,
        defaults={
            "title": "Garden B's method",
            "owner": cast["garden_b"],
            "summary": "Om metoden",
            "visibility": "public" if public else "network",
            "stage": Stage.SHARED if public else Stage.PILOT,
            "shared_at": timezone.now() if public else None,
        },
    )
    return method


def method_b(cast) -> dict:
    """Garden B's method, visible to the network, in the pilot stage."""
    return {"ref": _method(cast, public=False).ref}


def public_b(cast) -> dict:
    """Garden B's method shared publicly."""
    return {"ref": _method(cast, public=True).ref}


def attachment_b(cast, *, public: bool = False) -> dict:
    method = _method(cast, public=public)
    attachment = method.attachments.first()
    if attachment is None:
        attachment = Attachment(
            method=method,
            name="guide.pdf",
            size=len(PDF),
            content_type="application/pdf",
            sha256="0" * 64,
        )
        attachment.file.save("guide.pdf", ContentFile(PDF), save=False)
        attachment.save()
    return {"ref": method.ref, "pk": attachment.pk}


def pilot_b(cast) -> dict:
    """Garden B's own pilot of its method."""
    method = _method(cast, public=False)
    pilot, _created = Pilot.objects.get_or_create(
        method=method, garden=cast["garden_b"], starts_on=datetime.date(2025, 1, 6)
    )
    return {"ref": method.ref, "pk": pilot.pk}


def version_b(cast) -> dict:
    method = _method(cast, public=False)
    MethodVersion.objects.get_or_create(
        method=method, number=1, defaults={"title": method.title, "summary": method.summary}
    )
    return {"ref": method.ref, "number": 1}


def api_world(garden_b) -> dict:
    """Placeholders of the API permission table: garden B's method (network), its public one
    and its pilot."""
    cast = {"garden_b": garden_b}
    return {
        "method_b": method_b(cast)["ref"],
        "public_b": public_b(cast)["ref"],
        "pilot_b": pilot_b(cast)["pk"],
    }
