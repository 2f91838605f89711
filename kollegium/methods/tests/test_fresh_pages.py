"""The method board, the public library and the API's method list with the fragment cache on
(core/freshness.py): a repeated GET is served from the cache, a committed change shows at
once, and no viewer is served what another viewer may see."""

import pytest
from django.urls import reverse

from kollegium.api.tests.conftest import Api
from kollegium.api.tests.helpers import error_of
from kollegium.methods import services
from kollegium.methods.models import Stage
from kollegium.methods.tests.factories import MethodFactory
from kollegium.network.tests.factories import CompetenceAreaFactory

pytestmark = pytest.mark.usefixtures("kept_pages")

BOARD = reverse("methods:board")
LIBRARY = reverse("library:list")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def public_method(method_a, at_stage):
    method_a.visibility = "public"
    return at_stage(method_a, Stage.SHARED)


def _column(content: str, stage: str) -> str:
    start = content.index(f'id="stage-{stage}"')
    end = content.find('class="k-board-column"', start)
    return content[start : end if end != -1 else None]


def _board_part(content: str) -> str:
    return content[content.index('<div id="board"') :]


def _main(content: str) -> str:
    """The page without its header (which holds the per-request CSRF token)."""
    return content[content.index("<main") :]


def _twice(client, url: str, **extra) -> str:
    """The page, asked for twice: the first visit's writes (the network's settings row is made
    on first use) are bumped by the second, which then fills the cache."""
    client.get(url, **extra)
    return client.get(url, **extra).content.decode()


# --- the public library ------------------------------------------------------------------------


def test_the_library_shows_a_committed_change_at_once(
    client, public_method, django_capture_on_commit_callbacks
):
    assert "Frokostmøte for nye bedrifter" in client.get(LIBRARY).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        public_method.title = "Frokostmøte, andre utgave"
        public_method.save()
        MethodFactory(
            title="Nyhetsbrev til bedriftene",
            owner=public_method.owner,
            visibility="public",
            stage=Stage.SHARED,
        )

    content = client.get(LIBRARY).content.decode()
    assert "Frokostmøte, andre utgave" in content
    assert "Nyhetsbrev til bedriftene" in content


def test_a_repeated_library_visit_is_served_from_the_cache(
    client, public_method, django_assert_max_num_queries
):
    first = _twice(client, LIBRARY)

    # The network's settings (the page around the fragment) and the table versions.
    with django_assert_max_num_queries(2):
        again = client.get(LIBRARY).content.decode()

    assert _main(again) == _main(first)


def test_the_library_keeps_its_htmx_results_apart_from_the_page(client, public_method):
    page = client.get(LIBRARY).content.decode()
    results = client.get(LIBRARY, **HTMX).content.decode()
    page_again = client.get(LIBRARY).content.decode()

    assert "<form" in page and "<html" in page
    assert "<form" not in results and "<html" not in results
    assert "Frokostmøte for nye bedrifter" in results
    assert _main(page_again) == _main(page)


def test_the_library_keys_on_its_filters(client, public_method, method_b, at_stage):
    method_b.visibility = "public"
    at_stage(method_b, Stage.SHARED)

    concepts = client.get(LIBRARY, {"kind": "concept"}).content.decode()
    everything = client.get(LIBRARY).content.decode()

    assert "Samtaleguide" not in concepts and "Frokostmøte" in concepts
    assert "Samtaleguide" in everything and "Frokostmøte" in everything


# --- the board ---------------------------------------------------------------------------------


def test_the_board_shows_a_move_at_once(
    signed_in, alice, method_a, django_capture_on_commit_callbacks
):
    client = signed_in(alice)
    assert "Frokostmøte" in _column(client.get(BOARD).content.decode(), "collection")

    with django_capture_on_commit_callbacks(execute=True):
        services.method_move_stage(actor=alice.user, method=method_a, to=Stage.SYSTEMATISATION)

    content = client.get(BOARD).content.decode()
    assert "Frokostmøte" in _column(content, "systematisation")
    assert "Frokostmøte" not in _column(content, "collection")
    card = _column(content, "systematisation")
    assert f"Concept · {method_a.owner.name}" in card and method_a.areas.get().name in card


def test_the_board_shows_a_new_area_on_a_card_at_once(
    signed_in, alice, method_a, django_capture_on_commit_callbacks
):
    client = signed_in(alice)
    client.get(BOARD)

    with django_capture_on_commit_callbacks(execute=True):
        method_a.areas.add(CompetenceAreaFactory(name="Havbruk"))

    assert "Havbruk" in _board_part(client.get(BOARD).content.decode())


def test_a_repeated_board_visit_is_served_from_the_cache(
    signed_in, alice, method_a, method_b, django_assert_max_num_queries
):
    client = signed_in(alice)
    first = _twice(client, BOARD)

    # Session, user, person, network settings, table versions.
    with django_assert_max_num_queries(5):
        again = client.get(BOARD).content.decode()

    assert _board_part(again) == _board_part(first)


def test_a_board_kept_for_one_viewer_is_not_served_to_another(
    signed_in, alice, cora, charlie, method_a, method_b, private_b
):
    client = signed_in(cora)
    coordinator = client.get(BOARD).content.decode()
    advisor_a = signed_in(alice).get(BOARD).content.decode()
    advisor_b = signed_in(charlie).get(BOARD).content.decode()

    assert "Intern sjekkliste" in coordinator  # garden B's own method: the coordinator sees all
    assert "Intern sjekkliste" not in advisor_a
    assert "Intern sjekkliste" in advisor_b
    # Move buttons: Alice for garden A's method only, Charlie for garden B's.
    assert reverse("methods:move", args=[method_a.ref]) in advisor_a
    assert reverse("methods:move", args=[method_b.ref]) not in advisor_a
    assert reverse("methods:move", args=[method_a.ref]) not in advisor_b
    assert reverse("methods:move", args=[method_b.ref]) in advisor_b


def test_a_viewer_who_moves_to_another_garden_gets_that_garden_s_board(
    signed_in, alice, garden_b, method_a, private_b
):
    client = signed_in(alice)
    assert "Intern sjekkliste" not in client.get(BOARD).content.decode()

    alice.garden = garden_b  # not through a declared table: the viewer's garden is in the key
    alice.save()

    assert "Intern sjekkliste" in client.get(BOARD).content.decode()


def test_the_board_keeps_no_csrf_token_and_its_buttons_use_the_form_outside(
    signed_in, alice, charlie, method_a, client
):
    content = signed_in(alice).get(BOARD).content.decode()

    board = _board_part(content)
    outside = content[: content.index('<div id="board"')]
    assert "csrfmiddlewaretoken" not in board
    assert '<form id="board-move" method="post"' in outside
    assert 'name="csrfmiddlewaretoken"' in outside[outside.index('id="board-move"') :]
    assert 'form="board-move"' in board
    assert f'formaction="{reverse("methods:move", args=[method_a.ref])}"' in board


def test_a_move_from_the_cached_board_answers_with_the_board_as_it_now_is(
    signed_in, alice, method_a, django_capture_on_commit_callbacks
):
    client = signed_in(alice)
    client.get(BOARD, {"kind": "concept"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("methods:move", args=[method_a.ref]),
            {"to": "systematisation", "from": "board", "filters": "kind=concept"},
            **HTMX,
        )

    assert "Frokostmøte" in _column(response.content.decode(), "systematisation")
    assert 'value="kind=concept"' in response.content.decode()
    after = client.get(BOARD, {"kind": "concept"}).content.decode()
    assert "Frokostmøte" in _column(after, "systematisation")


def test_the_board_keeps_its_htmx_part_apart_from_the_page(signed_in, alice, method_a):
    client = signed_in(alice)
    page = client.get(BOARD).content.decode()
    part = client.get(BOARD, **HTMX).content.decode()

    assert part.startswith('<div id="board"') and "<h1" not in part
    assert "<h1" in client.get(BOARD).content.decode()
    assert _board_part(page).startswith(part.strip()[:200])


# --- the API's method list ---------------------------------------------------------------------


@pytest.fixture
def api(client):
    return Api(client)


def test_the_api_list_shows_a_committed_change_at_once(
    api, alice, method_a, django_capture_on_commit_callbacks
):
    assert api.get("/methods", who=alice).json()["items"][0]["title"].startswith("Frokostmøte")

    with django_capture_on_commit_callbacks(execute=True):
        method_a.title = "Lunsjmøte for nye bedrifter"
        method_a.save()

    assert api.get("/methods", who=alice).json()["items"][0]["title"] == (
        "Lunsjmøte for nye bedrifter"
    )


def test_a_repeated_api_list_is_served_from_the_cache(
    signed_in, alice, method_a, method_b, django_assert_max_num_queries
):
    client = signed_in(alice)
    _twice(client, "/api/v1/methods")
    first = client.get("/api/v1/methods")

    # Session, user, person, table versions.
    with django_assert_max_num_queries(4):
        again = client.get("/api/v1/methods")

    assert again.status_code == 200 and again.json() == first.json()


def test_the_api_list_is_kept_per_caller(api, alice, charlie, method_a, private_b, public_method):
    anonymous = [m["ref"] for m in api.get("/methods").json()["items"]]
    advisor_a = api.get("/methods", who=alice).json()["items"]
    advisor_b = [m["ref"] for m in api.get("/methods", who=charlie).json()["items"]]
    anonymous_again = api.get("/methods").json()["items"]

    assert anonymous == ["frokostmote"]
    assert [m["ref"] for m in advisor_a] == ["frokostmote"]
    assert advisor_a[0]["contributors"] != []  # staff see contributors, anonymous callers not
    assert advisor_b == ["frokostmote", "hemmelig"]
    assert [m["ref"] for m in anonymous_again] == ["frokostmote"]
    assert anonymous_again[0]["contributors"] == []


def test_a_bad_token_still_answers_401_when_the_list_is_cached(api, client, public_method):
    assert api.get("/methods").status_code == 200
    assert api.get("/methods").status_code == 200

    response = client.get("/api/v1/methods", HTTP_AUTHORIZATION="Bearer nope")

    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"
