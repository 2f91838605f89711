"""The collaboration map: its geometry, and the report pages that draw it."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from kollegium.indicators.collaboration import collaboration_group
from kollegium.indicators.collaboration_map import Link, map_geometry
from kollegium.indicators.report import Period, Scope
from kollegium.indicators.tests.test_collaboration import build
from kollegium.network.tests.factories import GardenFactory


@pytest.fixture
def network(garden_a, garden_b, alice, bob, cora, charlie, diana):
    return build(garden_a, garden_b, alice, bob, charlie, diana)


def test_it_puts_the_gardens_on_a_circle_and_widens_the_busiest_links(settings, db):
    settings.LANGUAGE_CODE = "en"
    north, east, south, west = (GardenFactory(name=n) for n in ("N", "E", "S", "W"))
    links = [Link(north.pk, south.pk, events=4, referrals=2), Link(east.pk, west.pk, referrals=1)]

    drawn = map_geometry([north, east, south, west], links)

    assert [(n.x, n.y, n.anchor) for n in drawn.nodes] == [
        (380, 50, "middle"),
        (560, 230, "start"),
        (380, 410, "middle"),
        (200, 230, "end"),
    ]
    # North–south has both kinds, drawn side by side; east–west only referrals, centred.
    assert [(ln.kind, ln.x1, ln.width) for ln in drawn.lines] == [
        ("events", 384, 12),
        ("referrals", 376, 7),
        ("referrals", 560, 4),
    ]
    assert drawn.lines[0].title == "N – S: co-hosted events: 4"
    assert all(isinstance(v, int) for n in drawn.nodes for v in (n.x, n.y, n.r))


def test_the_map_names_gardens_only_and_has_its_table(network):
    group = collaboration_group(Scope(), Period.year(2025), Period.year(2024))

    html = render_to_string("indicators/_collaboration_map.html", {"group": group})

    assert html.count("<line ") == 5  # A–B twice, B–C twice, A–C once
    assert html.count("<circle ") == 3
    assert "Trøndersk Kystkompetanse" in html
    assert 'role="img"' in html
    assert "collaboration_links" in [t.key for t in group.tables]


def test_the_report_page_draws_the_map(settings, signed_in, cora, network):
    settings.LANGUAGE_CODE = "en"
    response = signed_in(cora).get(reverse("indicators:report"), {"period": "year", "year": 2025})

    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="collaboration-map-title"' in text
    assert "Referrals between gardens" in text


def test_the_public_page_shows_the_map_without_company_names(client, network):
    response = client.get(reverse("indicators:public"), {"year": 2025})

    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="collaboration-map-title"' in text
    # The referrals' companies (the factories' "Bedrift 12 AS") appear nowhere.
    assert not re.search(r"Bedrift \d+ AS", text)
