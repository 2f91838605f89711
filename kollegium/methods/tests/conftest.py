"""Methods of the shared cast: garden A's (shared with the network) and garden B's."""

import pytest

from kollegium.methods.models import Stage
from kollegium.methods.tests.factories import MethodFactory


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    """Attachments go to a folder of this test only; messages are asserted in the source
    language (English) whatever the catalogues hold."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def method_a(garden_a, alice, area):
    """Garden A's breakfast concept in collection, visible to the network; Alice contributes."""
    method = MethodFactory(
        ref="frokostmote",
        title="Frokostmøte for nye bedrifter",
        kind="concept",
        owner=garden_a,
        created_by=alice,
    )
    method.areas.set([area])
    method.contributors.set([alice])
    return method


@pytest.fixture
def method_b(garden_b, charlie):
    """Garden B's conversation guide, visible to the network."""
    method = MethodFactory(
        ref="samtaleguide", title="Samtaleguide for førstemøtet", owner=garden_b, created_by=charlie
    )
    method.contributors.set([charlie])
    return method


@pytest.fixture
def private_b(garden_b, charlie):
    """Garden B's method only its own garden may see."""
    return MethodFactory(
        ref="hemmelig", title="Intern sjekkliste", owner=garden_b, visibility="garden"
    )


@pytest.fixture
def at_stage():
    """Put a method in a stage directly (as an import would), bypassing the gates."""

    def put(method, stage):
        method.stage = stage
        if stage == Stage.SHARED and method.shared_at is None:
            from django.utils import timezone

            method.shared_at = timezone.now()
        method.save()
        return method

    return put
