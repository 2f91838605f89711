import datetime
import io
import zipfile

import factory
from django.utils import timezone

from kollegium.methods.models import Adoption, Comment, Method, Pilot, Stage
from kollegium.network.tests.factories import GardenFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    """A minimal Word document: a zip with the parts Office files have."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


class MethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Method

    ref = factory.Sequence(lambda n: f"metode-{n}")
    title = factory.Sequence(lambda n: f"Metode {n}")
    owner = factory.SubFactory(GardenFactory)
    summary = "Kort om metoden."
    body = "Slik gjør du det."
    visibility = "network"
    stage = Stage.COLLECTION
    shared_at = factory.LazyAttribute(lambda o: timezone.now() if o.stage == Stage.SHARED else None)


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilot

    method = factory.SubFactory(MethodFactory)
    garden = factory.SubFactory(GardenFactory)
    starts_on = datetime.date(2025, 1, 15)


class EvaluatedPilotFactory(PilotFactory):
    ends_on = datetime.date(2025, 3, 1)
    rating = 4
    worked = "Godt oppmøte."
    recommendation = "adopt"
    evaluated_on = datetime.date(2025, 3, 10)


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    method = factory.SubFactory(MethodFactory)
    garden = factory.SubFactory(GardenFactory)
    adopted_on = datetime.date(2025, 4, 1)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    method = factory.SubFactory(MethodFactory)
    text = factory.Sequence(lambda n: f"Kommentar {n}")
