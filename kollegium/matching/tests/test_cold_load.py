"""The fast cold load builds exactly the index that adding documents one by one builds, and a
web worker can load it before its first request."""

import logging
import runpy
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Avg
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import kollegium
from kollegium.matching import engine
from kollegium.matching.models import IndexState, SearchDocument
from kollegium.matching.ranking import match
from kollegium.matching.tests.helpers import area, person
from kollegium.methods.tests.factories import MethodFactory
from kollegium.programme.tests.factories import EventFactory

GUNICORN_CONF = Path(kollegium.__file__).parent / "gunicorn.conf.py"


@pytest.fixture
def indexed(garden_a, garden_b, company_a, company_b):
    finance = area("finans", "Finansiering og virkemidler")
    person(garden_a, "siri@x.example", "Siri Sand", bio="Eksport og SkatteFUNN.")
    person(garden_b, "ola@x.example", "Ola Li", areas=[(finance, 3, "Søknader til IN")])
    EventFactory(ref="eksportdag", title="Eksportdagen", hosts=[garden_a, garden_b])
    EventFactory(ref="gammel", title="Eksport i fjor", starts_at=timezone.now() - timedelta(30))
    MethodFactory(ref="eksportklar", title="Eksportklar", owner=garden_b, stage="shared")
    MethodFactory(ref="utkast", title="Eksportsjekk", owner=garden_b, visibility="garden")
    match("eksport")  # writes the documents
    return engine.engine()


def _one_by_one() -> engine.Engine:
    """The index as the load used to build it: every row added on its own, through the ORM."""
    averages = dict(
        SearchDocument.objects.values("kind").annotate(avg=Avg("length")).values_list("kind", "avg")
    )
    built = engine.Engine()
    for row in SearchDocument.objects.order_by("pk").values(*engine.Engine._FIELDS):
        built._apply(row, averages[row["kind"]])
    return built


def test_it_builds_the_same_index_as_adding_one_document_at_a_time(indexed):
    slow = _one_by_one()
    fast = engine.Engine()
    fast.load_all("g")

    assert set(fast.kinds) == set(slow.kinds) == {"person", "event", "method", "company", "need"}
    for name, kind in fast.kinds.items():
        assert kind.docs == slow.kinds[name].docs
        assert kind.total_length == slow.kinds[name].total_length
        assert kind.postings == slow.kinds[name].postings
    assert fast.vocab == slow.vocab
    doc = fast.kinds["event"].docs[next(iter(fast.kinds["event"].docs))]
    assert doc.starts_at.tzinfo is not None
    assert isinstance(fast.kinds["method"].docs[next(iter(fast.kinds["method"].docs))].shared, bool)


def test_a_reloaded_index_ranks_as_before(indexed):
    before = [(m.key, m.score, m.why) for m in match("eksport og SkatteFUNN")]
    engine.reset()

    assert [(m.key, m.score, m.why) for m in match("eksport og SkatteFUNN")] == before


def test_warm_up_loads_the_index_so_a_query_only_checks_the_generation(indexed):
    engine.reset()

    assert engine.warm_up() is not None
    with CaptureQueriesContext(connection) as queries:
        engine.engine()
    assert len(queries) == 1
    assert engine.engine().kinds["person"].docs


def test_warm_up_builds_no_index_that_was_never_built(db):
    IndexState.objects.all().delete()

    assert engine.warm_up() is None
    assert not IndexState.objects.exists()


def test_warm_up_never_raises(db, monkeypatch, caplog):
    def broken(self):
        raise RuntimeError("database away")

    monkeypatch.setattr(engine.Engine, "sync", broken)

    with caplog.at_level(logging.ERROR, logger="kollegium.matching.engine"):
        assert engine.warm_up() is None
    assert "first query" in caplog.text


def test_gunicorn_warms_each_worker_before_its_first_request(indexed, monkeypatch):
    closed = []
    monkeypatch.setattr("django.db.connections.close_all", lambda: closed.append(True))

    class Log:
        lines: list[str] = []

        def info(self, message, *args):
            self.lines.append(message % args)

        exception = info

    class Worker:
        log = Log()

    engine.reset()
    runpy.run_path(str(GUNICORN_CONF))["post_worker_init"](Worker())

    assert engine._engine.generation == IndexState.objects.get(pk=1).generation
    assert closed == [True]
    assert "search index" in Worker.log.lines[-1]
