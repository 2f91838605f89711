"""The public method library and the Atom feed of newly shared methods."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kollegium.methods.models import Stage
from kollegium.methods.selectors import public_spread
from kollegium.methods.tests.factories import (
    AdoptionFactory,
    EvaluatedPilotFactory,
    MethodFactory,
)
from kollegium.network.tests.factories import CompetenceAreaFactory

LIBRARY = reverse("library:list")
FEED = "/feeds/methods.atom"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def public_method(method_a, at_stage):
    method_a.visibility = "public"
    method_a.body = "## Slik\n\nSteg for steg."
    at_stage(method_a, Stage.SHARED)
    return method_a


def test_the_library_lists_public_shared_methods_only(
    client, public_method, method_b, private_b, at_stage
):
    at_stage(method_b, Stage.SHARED)  # shared with the network, not the public

    response = client.get(LIBRARY)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Frokostmøte for nye bedrifter" in content
    assert "Samtaleguide" not in content and "Intern sjekkliste" not in content
    assert "1 method" in content


def test_a_public_method_in_an_earlier_stage_is_not_in_the_library(client, method_a):
    method_a.visibility = "public"
    method_a.save()

    assert "Frokostmøte" not in client.get(LIBRARY).content.decode()
    assert client.get(reverse("library:detail", args=[method_a.ref])).status_code == 404


def test_it_filters_by_area_kind_and_words(client, public_method, area, garden_b, at_stage):
    other = MethodFactory(title="Eksportsjekkliste", kind="tool", visibility="public")
    at_stage(other, Stage.SHARED)

    by_area = client.get(LIBRARY, {"area": area.slug}).content.decode()
    by_kind = client.get(LIBRARY, {"kind": "tool"}).content.decode()
    by_words = client.get(LIBRARY, {"q": "eksport"}).content.decode()

    assert "Frokostmøte" in by_area and "Eksportsjekkliste" not in by_area
    assert "Eksportsjekkliste" in by_kind and "Frokostmøte" not in by_kind
    assert "Eksportsjekkliste" in by_words and "Frokostmøte" not in by_words


def test_the_public_method_page_needs_no_account(client, public_method, garden_b):
    EvaluatedPilotFactory(method=public_method, garden=garden_b, rating=5)

    response = client.get(reverse("library:detail", args=[public_method.ref]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h3>Slik</h3>" in content
    assert "CC BY 4.0" in content and "creativecommons.org/licenses/by/4.0/" in content
    assert "1 pilot in 1 garden(s)" in content
    # Internal matters stay inside: no comments, no edit links, no stage history.
    assert (
        "Discussion" not in content and reverse("methods:edit", args=["frokostmote"]) not in content
    )


def test_the_library_reads_the_same_number_of_queries_for_10_and_200_methods(client, garden_a):
    area = CompetenceAreaFactory()

    def add(n):
        for method in MethodFactory.create_batch(
            n, owner=garden_a, visibility="public", stage=Stage.SHARED
        ):
            method.areas.set([area])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIBRARY).status_code == 200
        return len(captured)

    client.get(LIBRARY)
    add(10)
    few = count()
    add(190)

    assert count() == few


def test_the_feed_lists_newly_shared_public_methods_newest_first(client, public_method, at_stage):
    older = MethodFactory(title="Eldre metode", visibility="public")
    at_stage(older, Stage.SHARED)
    older.shared_at = timezone.now() - datetime.timedelta(days=30)
    older.save()
    hidden = MethodFactory(title="Bare for nettverket", visibility="network")
    at_stage(hidden, Stage.SHARED)

    response = client.get(FEED)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Frokostmøte for nye bedrifter",
        "Eldre metode",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href").endswith("/library/frokostmote/")
    assert first.findtext(f"{ATOM}id") == f"urn:uuid:{public_method.uid}"
    assert first.findtext(f"{ATOM}summary") == "Kort om metoden."
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == [
        "Finansiering og virkemidler"
    ]


def test_the_network_page_summary_counts_the_gardens_using_each_method(
    public_method, garden_a, garden_b
):
    AdoptionFactory(method=public_method, garden=garden_a)
    AdoptionFactory(method=public_method, garden=garden_b)
    garden_count, methods = public_spread()

    html = render_to_string(
        "methods/_network_spread.html", {"garden_count": garden_count, "spread_methods": methods}
    )

    assert "Frokostmøte for nye bedrifter" in html and "used in 2 of 2 gardens" in html
