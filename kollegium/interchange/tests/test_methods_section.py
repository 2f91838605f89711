"""The methods section of the network document: import, export and every check."""

import copy
import datetime
import json

import pytest

from kollegium.interchange.tests.documents import document, empty_database, snapshot
from kollegium.methods.models import Comment, Method, Pilot, Stage, StageMove

METHOD = {
    "ref": "frokostmote",
    "title": "Frokostmøte for nye bedrifter",
    "kind": "concept",
    "summary": "Et uformelt frokostmøte der nye bedrifter møter hagen.",
    "body": "## Slik gjør du\n\n- Inviter\n- Server frokost",
    "owner": "orkdal",
    "areas": ["finansiering"],
    "contributors": ["alice@orkdal.example", "bob@orkdal.example"],
    "stage": "shared",
    "visibility": "public",
    "licence": "CC-BY-4.0",
    "links": [{"url": "https://www.siva.no", "title": "Siva"}],
    "pilots": [
        {
            "garden": "orkdal",
            "starts_on": "2025-01-15",
            "ends_on": "2025-03-01",
            "participants": 14,
            "context": "Tre frokostmøter",
            "rating": 4,
            "worked": "Godt oppmøte",
            "to_change": "Kortere innledning",
            "recommendation": "adopt",
            "evaluated_on": "2025-03-10",
        }
    ],
    "adoptions": [{"garden": "orkdal", "since": "2025-04-01", "note": "Fast hver måned"}],
    "comments": [
        {
            "author": "bob@orkdal.example",
            "at": "2025-02-03T09:15:00+01:00",
            "text": "Hvor mange kom?",
            "replies": [
                {"author": "alice@orkdal.example", "at": "2025-02-03T10:00:00+01:00", "text": "14"}
            ],
        }
    ],
}


def with_method(**changes) -> dict:
    doc = document()
    method = copy.deepcopy(METHOD)
    method.update(changes)
    doc["methods"] = [method]
    return doc


def test_it_imports_a_method_with_everything_it_holds(import_document):
    output = import_document(with_method())

    assert "  methods: 1 created, 0 updated, 0 unchanged" in output
    method = Method.objects.get()
    assert (method.stage, method.visibility, method.owner.slug) == ("shared", "public", "orkdal")
    assert method.shared_at is not None
    assert sorted(p.user.email for p in method.contributors.all()) == [
        "alice@orkdal.example",
        "bob@orkdal.example",
    ]
    pilot = Pilot.objects.get()
    assert pilot.is_completed and pilot.participants == 14
    assert method.adoptions.get().adopted_on == datetime.date(2025, 4, 1)
    reply = Comment.objects.get(parent__isnull=False)
    assert reply.parent.text == "Hvor mange kom?" and reply.author.user.name == "Alice Aune"


def test_it_records_the_stage_as_given_without_the_gates(import_document):
    import_document(with_method(stage="implementation", pilots=[], visibility="garden"))

    move = StageMove.objects.get()
    assert (move.from_stage, move.to_stage) == ("", "implementation")
    assert move.note == "Set by a network document import."


def test_it_round_trips_export_import_export(import_document, export_document):
    import_document(with_method())
    first = export_document()
    assert json.loads(first)["methods"][0] == METHOD
    empty_database()

    import_document(first)

    assert export_document() == first


def test_a_second_import_changes_nothing(import_document):
    import_document(with_method())
    before = snapshot()

    output = import_document(with_method())

    assert "  methods: 0 created, 0 updated, 1 unchanged" in output
    assert snapshot() == before


def test_it_updates_a_method_and_records_a_stage_change(import_document):
    import_document(with_method())

    output = import_document(
        with_method(stage="refinement", summary="Ny", comments=[], pilots=[], adoptions=[])
    )

    assert "  methods: 0 created, 1 updated, 0 unchanged" in output
    method = Method.objects.get()
    assert (method.stage, method.summary) == (Stage.REFINEMENT, "Ny")
    assert list(method.moves.values_list("from_stage", "to_stage")) == [
        ("", "shared"),
        ("shared", "refinement"),
    ]
    # Items the document no longer lists are kept.
    assert method.pilots.count() == 1 and method.comments.count() == 2


def test_a_short_method_needs_only_ref_title_and_owner(import_document, export_document):
    doc = document()
    doc["methods"] = [{"ref": "ide", "title": "En idé", "owner": "orkdal"}]

    import_document(doc)

    method = Method.objects.get()
    assert (method.kind, method.stage, method.visibility, method.licence) == (
        "method",
        "collection",
        "garden",
        "CC-BY-4.0",
    )
    exported = json.loads(export_document())["methods"]
    assert exported == [
        {
            "ref": "ide",
            "title": "En idé",
            "kind": "method",
            "owner": "orkdal",
            "stage": "collection",
            "visibility": "garden",
            "licence": "CC-BY-4.0",
        }
    ]


def _pilot(**changes) -> list:
    return [{**METHOD["pilots"][0], **changes}]


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        ({"owner": "nowhere"}, 'methods[0].owner: unknown garden "nowhere"'),
        ({"ref": "Frokost møte"}, "methods[0].ref: "),
        ({"ref": "new"}, 'methods[0].ref: "new" is reserved; choose another ref'),
        ({"stage": "done"}, "methods[0].stage: must be one of"),
        ({"areas": ["xyz"]}, 'methods[0].areas[0]: unknown competence area "xyz"'),
        (
            {"contributors": ["ingen@orkdal.example"]},
            'methods[0].contributors[0]: unknown person "ingen@orkdal.example"',
        ),
        (
            {"visibility": "garden"},
            'methods[0].visibility: a shared method must be visible to "network" or "public"',
        ),
        ({"licence": ""}, "methods[0].licence: a method shared publicly needs a licence"),
        (
            {"pilots": _pilot(rating=None)},
            "methods[0].pilots[0].evaluated_on: an evaluation needs a rating and a recommendation",
        ),
        (
            {"pilots": _pilot(ends_on="2024-12-31")},
            "methods[0].pilots[0].ends_on: must not be before starts_on",
        ),
        ({"pilots": _pilot(rating=6)}, "methods[0].pilots[0].rating: must be one of 1, 2, 3, 4, 5"),
        (
            {"pilots": _pilot() + _pilot(context="igjen")},
            'methods[0].pilots[1].starts_on: "orkdal 2025-01-15" is listed twice',
        ),
        (
            {"adoptions": [{"garden": "orkdal"}]},
            "methods[0].adoptions[0].since: missing",
        ),
        (
            {"comments": [{"text": "Hei", "at": "i går"}]},
            "methods[0].comments[0].at: must be a date and time with offset",
        ),
        ({"links": [{"url": "ikke en url"}]}, "methods[0].links[0].url: "),
        ({"nickname": "x"}, "methods[0].nickname: unknown key"),
    ],
)
def test_it_names_each_problem_by_its_path_and_writes_nothing(import_fails, changes, line):
    before = snapshot()

    problems = import_fails(with_method(**changes))

    assert any(problem.startswith(line) for problem in problems), problems
    assert snapshot() == before


def test_a_ref_listed_twice_is_a_problem(import_fails):
    doc = with_method()
    doc["methods"].append(copy.deepcopy(METHOD))

    assert 'methods[1].ref: "frokostmote" is listed twice (first at methods[0])' in import_fails(
        doc
    )


def test_contributors_may_be_staff_already_in_the_database(import_document, charlie, garden_b):
    doc = {
        "format": "kollegium.network/1",
        "network": {"name": "Testnettet"},
        "methods": [
            {
                "ref": "guide",
                "title": "Guide",
                "owner": garden_b.slug,
                "contributors": ["Charlie@Roros.example"],
            }
        ],
    }

    import_document(doc)

    assert list(Method.objects.get().contributors.all()) == [charlie]
