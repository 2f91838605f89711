"""The board (a column per stage), the list and the spread; moves from the board with htmx."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.core.models import AuditEntry
from kollegium.methods.models import Method, Stage
from kollegium.methods.tests.factories import MethodFactory
from kollegium.network.tests.factories import CompetenceAreaFactory

BOARD = reverse("methods:board")
LIST = reverse("methods:list")
SPREAD = reverse("methods:spread")
HTMX = {"HTTP_HX_REQUEST": "true"}


def _column(content: str, stage: str) -> str:
    start = content.index(f'id="stage-{stage}"')
    end = content.find('class="k-board-column"', start)
    return content[start : end if end != -1 else None]


def test_it_shows_one_column_per_stage_in_lifecycle_order(signed_in, alice, method_a, at_stage):
    at_stage(method_a, Stage.PILOT)

    response = signed_in(alice).get(BOARD)

    content = response.content.decode()
    positions = [content.index(f'id="stage-{stage}"') for stage in Stage.values]
    assert positions == sorted(positions)
    assert "Frokostmøte for nye bedrifter" in _column(content, "pilot")
    assert "Frokostmøte for nye bedrifter" not in _column(content, "collection")


def test_it_shows_what_the_user_may_see(signed_in, alice, method_a, method_b, private_b):
    content = signed_in(alice).get(BOARD).content.decode()

    assert "Frokostmøte for nye bedrifter" in content
    assert "Samtaleguide for førstemøtet" in content
    assert "Intern sjekkliste" not in content


def test_the_coordinator_sees_every_garden_s_methods(signed_in, cora, private_b):
    assert "Intern sjekkliste" in signed_in(cora).get(BOARD).content.decode()


def test_it_filters_by_garden_area_and_kind(signed_in, alice, method_a, method_b, area, garden_b):
    client = signed_in(alice)

    by_garden = client.get(BOARD, {"garden": garden_b.slug}).content.decode()
    by_area = client.get(BOARD, {"area": area.slug}).content.decode()
    by_kind = client.get(BOARD, {"kind": "concept"}).content.decode()

    assert "Samtaleguide" in by_garden and "Frokostmøte" not in by_garden
    assert "Frokostmøte" in by_area and "Samtaleguide" not in by_area
    assert "Frokostmøte" in by_kind and "Samtaleguide" not in by_kind


def test_an_htmx_filter_gets_the_board_alone(signed_in, alice, method_a):
    response = signed_in(alice).get(BOARD, {"kind": "concept"}, **HTMX)

    content = response.content.decode()
    assert content.startswith('<div id="board"')
    assert "<h1" not in content


def test_the_move_button_moves_a_method_and_answers_with_the_board(signed_in, alice, method_a):
    response = signed_in(alice).post(
        reverse("methods:move", args=[method_a.ref]),
        {"to": "systematisation", "from": "board", "filters": "kind=concept"},
        **HTMX,
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert content.startswith('<div id="board"')
    assert "is now in the stage" in content
    assert "Frokostmøte" in _column(content, "systematisation")
    assert Method.objects.get(pk=method_a.pk).stage == Stage.SYSTEMATISATION
    assert AuditEntry.objects.filter(action="method.stage_moved").count() == 1


def test_a_refused_move_on_the_board_says_what_is_missing(signed_in, alice, method_a, at_stage):
    at_stage(method_a, Stage.PILOT)

    response = signed_in(alice).post(
        reverse("methods:move", args=[method_a.ref]),
        {"to": "refinement", "from": "board"},
        **HTMX,
    )

    content = response.content.decode()
    assert 'role="alert"' in content
    assert "At least one completed pilot with an evaluation." in content
    assert Method.objects.get(pk=method_a.pk).stage == Stage.PILOT


def test_it_offers_move_buttons_only_where_the_user_may_move(signed_in, alice, method_a, method_b):
    content = signed_in(alice).get(BOARD).content.decode()

    assert reverse("methods:move", args=[method_a.ref]) in content
    assert reverse("methods:move", args=[method_b.ref]) not in content


def test_the_list_searches_titles_with_norwegian_letters(signed_in, alice, method_a, method_b):
    content = signed_in(alice).get(LIST, {"q": "FØRSTEMØTET"}).content.decode()

    assert "Samtaleguide" in content and "Frokostmøte for nye" not in content
    assert "1 method" in content


def test_the_list_filters_by_stage(signed_in, alice, method_a, method_b, at_stage):
    at_stage(method_b, Stage.DEVELOPMENT)

    content = signed_in(alice).get(LIST, {"stage": "development"}).content.decode()

    assert "Samtaleguide" in content and "Frokostmøte" not in content


def test_the_spread_shows_which_garden_pilots_and_uses_each_method(
    signed_in, alice, method_a, garden_b
):
    from kollegium.methods.tests.factories import AdoptionFactory, PilotFactory

    PilotFactory(method=method_a, garden=garden_b)
    AdoptionFactory(method=method_a, garden=method_a.owner)

    content = signed_in(alice).get(SPREAD).content.decode()

    assert "Piloted" in content and "In use" in content
    assert "1/2" in content


def _many(garden, n, area):
    methods = MethodFactory.create_batch(n, owner=garden)
    for i, method in enumerate(methods):
        method.areas.set([area])
        method.stage = Stage.values[i % len(Stage.values)]
        method.shared_at = method.created_at
        method.save()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [BOARD, LIST, SPREAD])
def test_it_reads_the_same_number_of_queries_for_10_and_200_methods(
    signed_in, alice, garden_a, url
):
    area = CompetenceAreaFactory()
    client = signed_in(alice)
    client.get(url)  # the first request of a session stores the network's settings
    _many(garden_a, 10, area)
    few = _queries(client, url)
    _many(garden_a, 190, area)

    assert _queries(client, url) == few


def test_a_long_column_shows_its_first_methods_its_total_and_a_link_to_the_rest(
    signed_in, alice, garden_a, settings
):
    from kollegium.methods import selectors

    for n in range(selectors.BOARD_COLUMN_LIMIT + 5):
        MethodFactory(owner=garden_a, title=f"Metode {n:03d}")
    MethodFactory(owner=garden_a, stage=Stage.PILOT, title="Eneste i utprøving")

    response = signed_in(alice).get(BOARD)

    columns = {column.stage: column for column in response.context["columns"]}
    collection = columns[Stage.COLLECTION]
    assert collection.total == selectors.BOARD_COLUMN_LIMIT + 5
    assert [m.title for m in collection.methods][:2] == ["Metode 000", "Metode 001"]
    assert len(collection.methods) == selectors.BOARD_COLUMN_LIMIT
    assert (columns[Stage.PILOT].total, columns[Stage.PILOT].more) == (1, 0)
    assert f"stage={Stage.COLLECTION}" in response.content.decode()
