"""Every way a document can be wrong: each problem is named by its JSON path."""

import pytest

from kollegium.interchange.tests.documents import document, snapshot
from kollegium.network.models import Garden, Role
from kollegium.network.tests.factories import PASSWORD


def _walk(doc, path: str):
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    for part in parents:
        doc = doc[part]
    return doc, last


def put(path: str, value):
    def change(doc):
        parent, key = _walk(doc, path)
        parent[key] = value

    return change


def drop(path: str):
    def change(doc):
        parent, key = _walk(doc, path)
        del parent[key]

    return change


def append(path: str, value):
    def change(doc):
        parent, key = _walk(doc, path)
        parent[key].append(value)

    return change


ROLES = '"advisor", "leader", "coordinator"'
LEVELS = "must be one of 1, 2, 3"
NOT_A_SLUG = '"Eksport_2" is not a slug (lower-case letters and digits, single hyphens)'

CASES = [
    # Structure: required keys, unknown keys, types.
    (drop("format"), "format: missing"),
    (put("format", "kollegium.network/2"), 'format: must be "kollegium.network/1"'),
    (drop("network"), "network: missing"),
    (put("nickname", "x"), "nickname: unknown key"),
    (put("people.1.nickname", "Bobben"), "people[1].nickname: unknown key"),
    (drop("gardens.0.slug"), "gardens[0].slug: missing"),
    (drop("people.0.competences.0.level"), "people[0].competences[0].level: missing"),
    (put("gardens", {}), "gardens: must be a list"),
    (put("competence_areas.0", "finansiering"), "competence_areas[0]: must be an object"),
    (put("people.0.name", 42), "people[0].name: must be a string"),
    (put("network.name", " "), "network.name: must not be empty"),
    (put("people.0.show_public", "yes"), "people[0].show_public: must be true or false"),
    (put("companies.0.needs.0", 7), "companies[0].needs[0]: must be a string or an object"),
    # Enumerations and numbers.
    (put("people.0.role", "boss"), f"people[0].role: must be one of {ROLES}"),
    (
        put("people.0.capacity", "busy"),
        'people[0].capacity: must be one of "available", "limited", "not_now"',
    ),
    (put("people.0.competences.0.level", 4), f"people[0].competences[0].level: {LEVELS}"),
    (put("people.0.competences.0.level", True), f"people[0].competences[0].level: {LEVELS}"),
    (
        put("companies.0.gardens.0.relation", "friend"),
        'companies[0].gardens[0].relation: must be one of "member", "client"',
    ),
    (
        put("companies.0.needs.1.status", "done"),
        'companies[0].needs[1].status: must be one of "open", "in_progress", "met"',
    ),
    (
        put("companies.0.employees", -1),
        "companies[0].employees: must be a whole number, 0 or more, or null",
    ),
    (
        put("companies.0.gardens.0.since", "2020-02-30"),
        "companies[0].gardens[0].since: must be a date written YYYY-MM-DD (or empty)",
    ),
    # Values: codes, identifiers, e-mail addresses, lengths.
    (
        put("companies.0.org_number", "923609017"),
        "companies[0].org_number: 923609017 is not a valid organisation number: "
        "the check digit does not match.",
    ),
    (
        put("companies.0.org_number", "12345"),
        "companies[0].org_number: An organisation number has exactly 9 digits.",
    ),
    (
        put("gardens.0.org_number", "974760672"),
        "gardens[0].org_number: 974760672 is not a valid organisation number: "
        "the check digit does not match.",
    ),
    (
        put("gardens.0.municipality", "9999"),
        "gardens[0].municipality: 9999 is not a municipality number (kommunenummer) "
        "in the 2024 structure.",
    ),
    (
        put("companies.0.nace", "99.999"),
        "companies[0].nace: 99.999 is not an SN2025 industry code.",
    ),
    (put("gardens.0.website", "ikke en adresse"), "gardens[0].website: Enter a valid URL."),
    (put("people.0.email", "alice(at)orkdal"), "people[0].email: Enter a valid email address."),
    (put("network.contact_email", "post@"), "network.contact_email: Enter a valid email address."),
    (
        put("companies.0.contacts.0.email", "kari"),
        "companies[0].contacts[0].email: Enter a valid email address.",
    ),
    (put("competence_areas.1.slug", "Eksport_2"), f"competence_areas[1].slug: {NOT_A_SLUG}"),
    (
        put("people.0.name", "A" * 151),
        "people[0].name: Ensure this value has at most 150 characters (it has 151).",
    ),
    (
        put("people.0.bio", "B" * 2001),
        "people[0].bio: Ensure this value has at most 2000 characters (it has 2001).",
    ),
    (
        put("people.0.keywords.1", "sveis, lodding"),
        "people[0].keywords[1]: must be at most 100 characters, no comma",
    ),
    # References to other sections.
    (
        put("people.0.competences.0.area", "xyz"),
        'people[0].competences[0].area: unknown competence area "xyz"',
    ),
    (put("people.1.garden", "nowhere"), 'people[1].garden: unknown garden "nowhere"'),
    (
        put("companies.0.gardens.0.garden", "nowhere"),
        'companies[0].gardens[0].garden: unknown garden "nowhere"',
    ),
    (
        put("companies.0.needs.1.areas", ["finansiering", "xyz"]),
        'companies[0].needs[1].areas[1]: unknown competence area "xyz"',
    ),
    # Natural keys listed twice.
    (
        put("competence_areas.1.slug", "finansiering"),
        'competence_areas[1].slug: "finansiering" is listed twice (first at competence_areas[0])',
    ),
    (
        append("gardens", {"slug": "orkdal", "name": "Kopi"}),
        'gardens[1].slug: "orkdal" is listed twice (first at gardens[0])',
    ),
    (
        put("people.1.email", "ALICE@orkdal.example"),
        'people[1].email: "alice@orkdal.example" is listed twice (first at people[0])',
    ),
    (
        append("companies", {"org_number": "974 760 673", "name": "Kopi AS"}),
        'companies[1].org_number: "974760673" is listed twice (first at companies[0])',
    ),
    (
        append("people.0.competences", {"area": "finansiering", "level": 1}),
        'people[0].competences[1].area: "finansiering" is listed twice '
        "(first at people[0].competences[0])",
    ),
    (
        append("companies.0.gardens", {"garden": "orkdal", "relation": "client"}),
        'companies[0].gardens[1].garden: "orkdal" is listed twice '
        "(first at companies[0].gardens[0])",
    ),
    (
        append("companies.0.contacts", {"name": "Kari Kontakt"}),
        'companies[0].contacts[1].name: "Kari Kontakt" is listed twice '
        "(first at companies[0].contacts[0])",
    ),
    (
        append("companies.0.needs", {"text": "Trenger hjelp med eksport", "status": "met"}),
        'companies[0].needs[2].text: "Trenger hjelp med eksport" is listed twice '
        "(first at companies[0].needs[0])",
    ),
    (
        put("companies.0.needs.1.areas", ["finansiering", "finansiering"]),
        'companies[0].needs[1].areas[1]: "finansiering" is listed twice '
        "(first at companies[0].needs[1].areas[0])",
    ),
    # kollegium.programme: events.
    (put("events", [{"ref": "fagdag-2025"}]), "events[0].title: missing"),
    (put("methods", [{"ref": "idesprint"}]), "methods[0].title: missing"),
]


@pytest.mark.parametrize(("change", "line"), CASES, ids=[line.split(":")[0] for _c, line in CASES])
def test_it_names_the_problem_by_its_json_path(import_fails, change, line):
    doc = document()
    change(doc)

    assert line in import_fails(doc)


def test_it_accepts_the_unchanged_document(import_document):
    import_document(document())


def test_it_prints_every_problem_in_document_order(import_fails):
    doc = document()
    doc["methods"] = [{"ref": "idesprint", "title": "Idésprint", "owner": "nowhere"}]
    doc["companies"][0]["org_number"] = "923609017"
    doc["people"][1]["garden"] = "nowhere"
    doc["people"][0]["nickname"] = "Ali"
    doc["people"][0]["competences"][0]["area"] = "xyz"
    doc["gardens"][0].pop("slug")

    assert import_fails(doc) == [
        "gardens[0].slug: missing",
        "people[0].nickname: unknown key",
        'people[0].garden: unknown garden "orkdal"',
        'people[0].competences[0].area: unknown competence area "xyz"',
        'people[1].garden: unknown garden "nowhere"',
        "companies[0].org_number: 923609017 is not a valid organisation number: "
        "the check digit does not match.",
        'companies[0].gardens[0].garden: unknown garden "orkdal"',
        'methods[0].owner: unknown garden "nowhere"',
    ]


def test_it_reports_invalid_json_with_line_and_column(import_fails):
    text = '{"format": "kollegium.network/1",\n  "network": {"name": "x"}\n  "gardens": []}'

    assert import_fails(text) == ["invalid JSON at line 3, column 3: Expecting ',' delimiter"]


def test_it_refuses_a_document_that_is_not_an_object(import_fails):
    assert import_fails("[]") == ["document: must be a JSON object"]


def test_it_resolves_references_to_rows_already_in_the_database(import_document, garden_a, area):
    doc = {
        "format": "kollegium.network/1",
        "network": {"name": "Testnettet"},
        "people": [
            {
                "email": "ny@orkdal.example",
                "name": "Ny Person",
                "garden": garden_a.slug,
                "competences": [{"area": area.slug, "level": 3}],
            }
        ],
    }

    import_document(doc)

    assert garden_a.people.get().competences.get().area == area


def test_it_leaves_the_database_exactly_as_it_was_when_one_person_is_wrong(
    import_fails, alice, area
):
    before = snapshot()
    doc = document()
    doc["gardens"][0]["name"] = "Nytt navn på hagen"
    doc["people"][0]["name"] = "Alice Endret"
    doc["people"].append({"email": "feil@orkdal.example", "name": "Feil", "garden": "nowhere"})

    assert import_fails(doc) == ['people[2].garden: unknown garden "nowhere"']

    assert snapshot() == before
    garden = Garden.objects.get(slug="orkdal")
    assert garden.name == "Næringshagen i Orkdalsregionen"
    assert alice.user.check_password(PASSWORD)
    assert alice.role == Role.ADVISOR
