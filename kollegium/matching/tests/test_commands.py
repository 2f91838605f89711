"""``kollegium match`` and ``kollegium rebuild_search_index``."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kollegium.matching.models import SearchDocument
from kollegium.matching.ranking import match
from kollegium.matching.tests.helpers import area, person
from kollegium.methods.tests.factories import MethodFactory
from kollegium.programme.tests.factories import EventFactory


@pytest.fixture
def world(garden_a, garden_b):
    finance = area("finans", "Finansiering og virkemidler")
    person(garden_b, "siri@roros.example", "Siri Sand", bio="SkatteFUNN.", areas=[(finance, 3, "")])
    EventFactory(ref="skattefunn-dag", title="SkatteFUNN-dagen", hosts=[garden_a])
    MethodFactory(ref="skattefunn-mal", title="SkatteFUNN-søknad", owner=garden_a, stage="shared")


def _run(tmp_path, lines, *args) -> list[dict]:
    queries = tmp_path / "queries.jsonl"
    queries.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    out = StringIO()
    call_command("match", "--queries", str(queries), "--format", "jsonl", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_writes_one_line_per_query_in_the_contract_format(tmp_path, world):
    out = _run(
        tmp_path,
        [{"id": "q1", "text": "SkatteFUNN"}, {"id": "q2", "text": "ingenting her"}],
        "--limit",
        "5",
    )

    assert [line["id"] for line in out] == ["q1", "q2"]
    assert set(out[0]) == {"id", "results"}
    assert {r["key"] for r in out[0]["results"]} == {
        "siri@roros.example",
        "skattefunn-dag",
        "skattefunn-mal",
    }
    for result in out[0]["results"]:
        assert set(result) == {"kind", "key", "score", "why"}
        assert result["kind"] in ("person", "event", "method")
        assert isinstance(result["score"], float) and 0 < result["score"] <= 1
        assert isinstance(result["why"], list) and result["why"]
    assert out[1] == {"id": "q2", "results": []}


def test_it_keeps_to_a_kind_and_a_limit(tmp_path, world):
    out = _run(tmp_path, [{"id": "q1", "text": "SkatteFUNN"}], "--kind", "events", "--limit", "1")

    assert [(r["kind"], r["key"]) for r in out[0]["results"]] == [("event", "skattefunn-dag")]


def test_bad_input_is_a_clear_error(tmp_path, db):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")

    with pytest.raises(CommandError, match="line 1"):
        call_command("match", "--queries", str(bad), "--format", "jsonl", stdout=StringIO())
    with pytest.raises(CommandError, match="cannot read"):
        call_command("match", "--queries", str(tmp_path / "missing.jsonl"), stdout=StringIO())


def test_rebuild_indexes_everything(world):
    SearchDocument.objects.all().delete()
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert SearchDocument.objects.filter(kind="person", key="siri@roros.example").exists()
    assert SearchDocument.objects.filter(kind="event", key="skattefunn-dag").exists()
    assert SearchDocument.objects.filter(kind="method", key="skattefunn-mal").exists()
    assert "person" in out.getvalue()


def test_a_network_import_is_searchable_at_once(garden_a):
    from kollegium.interchange.importer import network_import

    match("x")  # an index exists before the import
    network_import(
        data={
            "format": "kollegium.network/1",
            "network": {"name": "Testnettverket"},
            "people": [
                {
                    "email": "ny@orkdal.example",
                    "name": "Nina Ny",
                    "garden": garden_a.slug,
                    "title": "Rådgiver",
                    "phone": "",
                    "role": "advisor",
                    "bio": "Kan alt om akvakultur.",
                    "show_public": False,
                    "keywords": [],
                    "competences": [],
                }
            ],
        }
    )

    assert [m.key for m in match("akvakultur", kind="people")] == ["ny@orkdal.example"]
