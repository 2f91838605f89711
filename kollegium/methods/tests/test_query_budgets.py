"""Query budgets of a method's page and its API lists (stage history, pilots): a ceiling on
the number of SQL queries, and the same number with 10 and with 200 rows behind them. The
board, the lists and the library have theirs in test_views_board.py and test_library.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.api.tests.conftest import Api
from kollegium.methods.models import StageMove
from kollegium.methods.tests.factories import (
    CommentFactory,
    EvaluatedPilotFactory,
    MethodFactory,
)
from kollegium.network.tests.factories import GardenFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def method(garden_a):
    return MethodFactory(owner=garden_a)


def add_history(method, who):
    def add(n):
        # A garden each: a garden pilots a method once.
        for garden in GardenFactory.create_batch(n):
            EvaluatedPilotFactory(method=method, garden=garden)
        CommentFactory.create_batch(n, method=method, author=who)
        StageMove.objects.bulk_create(
            StageMove(method=method, to_stage=method.stage, actor=who.user, actor_name=who.name)
            for _ in range(n)
        )

    return add


def assert_budget(count, budget: int, add) -> None:
    """``add(10)``, count, ``add(190)``, count: the same, and at most ``budget``."""
    count()  # warm up: the first request stores the network's settings or the token's use
    add(10)
    few = count()
    add(190)
    many = count()
    assert many == few, f"{few} queries with 10 rows, {many} with 200"
    assert many <= budget, f"{many} queries, the budget is {budget}"


def test_a_method_page_stays_within_its_budget(signed_in, alice, method):
    client = signed_in(alice)
    url = reverse("methods:detail", args=[method.ref])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert_budget(count, 20, add_history(method, alice))


@pytest.mark.parametrize("what", ["stages", "pilots"])
def test_the_method_api_lists_stay_within_their_budget(client, alice, method, what):
    api = Api(client)
    path = f"/methods/{method.ref}/{what}?limit=200"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get(path, who=alice).status_code == 200
        return len(queries)

    assert_budget(count, 8, add_history(method, alice))
