"""Collaboration objects of the shared cast: garden B's project (Diana leads it) with a
session Charlie organised, and a project of both gardens."""

import pytest

from kollegium.collaboration.tests.factories import ProjectFactory, WorkSessionFactory


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    """Files go to a folder of this test only; messages in the source language (English)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def project_b(garden_b, diana):
    return ProjectFactory(slug="fjellmat", name="Fjellmat", gardens=[garden_b], leader=diana)


@pytest.fixture
def project_ab(garden_a, garden_b, bob):
    return ProjectFactory(
        slug="innomidt", name="INNOMIDT", gardens=[garden_a, garden_b], leader=bob
    )


@pytest.fixture
def session_b(project_b, charlie):
    return WorkSessionFactory(project=project_b, organiser=charlie, title="Arbeidsøkt på Røros")
