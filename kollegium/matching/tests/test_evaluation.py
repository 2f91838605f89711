"""The evaluation set, its metrics, the BM25 baseline and ``kollegium evaluate_matching``."""

import datetime
import json
import math

import pytest
from django.core.management import CommandError, call_command

from kollegium.matching.evaluation import bm25, run
from kollegium.matching.evaluation.metrics import mean, ndcg_at, recall_at, reciprocal_rank


def test_it_computes_ndcg_with_graded_gains():
    judged = {"a": 2, "c": 1}

    assert ndcg_at(["a", "b", "c"], judged) == pytest.approx(2.5 / (2 + 1 / math.log2(3)))
    assert ndcg_at(["a", "c"], judged) == pytest.approx(1.0)
    assert ndcg_at(["c", "a"], judged) == pytest.approx(
        (1 + 2 / math.log2(3)) / (2 + 1 / math.log2(3))
    )
    assert ndcg_at(["x", "y"], judged) == 0.0
    assert ndcg_at(["a"], {}) == 0.0


def test_it_cuts_ndcg_and_recall_at_k():
    judged = {"f": 2, "a": 1}
    ranking = ["a", "b", "c", "d", "e", "f"]

    assert ndcg_at(ranking, judged, k=5) == pytest.approx(1.0 / (2 + 1 / math.log2(3)))
    assert recall_at(ranking, judged, k=5) == 0.5
    assert recall_at(ranking, judged, k=6) == 1.0
    assert recall_at(ranking, {}, k=5) == 0.0


def test_it_takes_the_reciprocal_rank_of_the_first_relevant_item():
    assert reciprocal_rank(["x", "y", "a"], {"a": 1, "b": 2}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["b"], {"b": 2}) == 1.0
    assert reciprocal_rank(["x"], {"b": 2}) == 0.0
    assert mean([1.0, 0.0, 0.5]) == 0.5
    assert mean([]) == 0.0


def test_it_ranks_with_plain_bm25_without_stemming():
    index = bm25.BM25(
        [
            ("søknad", "Hjelp med søknad om tilskudd"),
            ("søknader", "Vi skriver søknader hver uke, mange søknader"),
            ("eksport", "Eksport til Tyskland"),
        ]
    )

    assert index.rank("Søknad") == ["søknad"]  # lowercased, but "søknader" is another word
    assert index.rank("søknader søknad") == ["søknader", "søknad"]
    assert index.rank("ukjent") == []
    assert bm25.tokens("E-handel, SoMe og IN!") == ["e", "handel", "some", "og", "in"]
    n, df = 3, 1
    assert index.idf("eksport") == pytest.approx(math.log(1 + (n - df + 0.5) / (df + 0.5)))


def test_it_ships_an_evaluation_set_of_the_promised_size():
    document = run.load_document()
    needs = run.load_needs()
    judgements = run.load_judgements()
    emails = {p["email"] for p in document["people"]}
    events = {e["ref"] for e in document["events"]}
    methods = {m["ref"] for m in document["methods"]}

    assert len(emails) >= 60
    assert len(document["gardens"]) >= 10
    assert len(needs) >= 40
    assert {n["id"] for n in needs} == set(judgements)
    for judged in judgements.values():
        assert set(judged["people"]) <= emails
        assert set(judged["events"]) <= events
        assert set(judged["methods"]) <= methods
        assert 2 in judged["people"].values()
        assert set(judged["events"].values()) | set(judged["methods"].values()) <= {1, 2}


def test_it_moves_the_events_to_start_a_week_or_two_from_now():
    now = datetime.datetime(2030, 5, 6, 12, tzinfo=datetime.UTC)
    document = run.upcoming(run.load_document(), now)

    starts = sorted(datetime.datetime.fromisoformat(e["starts_at"]) for e in document["events"])
    assert now + datetime.timedelta(days=7) <= starts[0] < now + datetime.timedelta(days=14)
    original = run.load_document()["events"][0]
    moved = document["events"][0]
    shift = datetime.datetime.fromisoformat(moved["starts_at"]) - datetime.datetime.fromisoformat(
        original["starts_at"]
    )
    assert shift.days % 7 == 0
    assert (
        datetime.datetime.fromisoformat(moved["ends_at"])
        - datetime.datetime.fromisoformat(original["ends_at"])
        == shift
    )


@pytest.mark.django_db
def test_it_prints_the_table_and_leaves_the_database_as_it_was(capsys):
    from kollegium.network.models import Person

    call_command("evaluate_matching")

    out = capsys.readouterr().out
    assert "| results | system | nDCG@5 | recall@5 | MRR | needs |" in out
    for kind in ("people", "events", "methods"):
        for system in ("engine", "bm25", "engine − bm25"):
            assert f"| {kind} | {system} |" in out
    assert not Person.objects.exists()


def test_it_refuses_a_database_with_other_people(alice):
    with pytest.raises(CommandError, match="throwaway database"):
        call_command("evaluate_matching")


@pytest.mark.django_db
def test_it_scores_each_need_only_where_it_has_judgements(monkeypatch):
    needs = [{"id": "q1", "text": "eksport"}]
    judgements = {"q1": {"people": {"x@example.no": 2}, "events": {}, "methods": {}}}
    monkeypatch.setattr(bm25, "people_documents", lambda: [("x@example.no", "eksport")])
    monkeypatch.setitem(run.KINDS, "people", bm25.people_documents)

    results = run.evaluate(needs, judgements)

    assert results["bm25"]["people"].summary() == {
        "ndcg@5": 1.0,
        "recall@5": 1.0,
        "mrr": 1.0,
        "needs": 1,
    }
    assert results["engine"]["events"].summary()["needs"] == 0
    assert json.dumps(run.table(results))
