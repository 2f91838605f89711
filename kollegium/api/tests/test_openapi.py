def test_it_publishes_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["info"]["title"] == "Kollegium API"
    assert {"/api/v1/people", "/api/v1/companies/{org_number}/needs"} <= set(schema["paths"])
    assert "TokenAuth" in schema["components"]["securitySchemes"]


def test_it_serves_the_docs_page(client, db):
    assert client.get("/api/v1/docs").status_code == 200


def test_it_marks_only_the_public_reads_as_open(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    open_operations = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, operations in paths.items()
        for method, operation in operations.items()
        if not operation.get("security")
    }
    assert open_operations == {
        ("GET", "/competence-areas"),
        ("GET", "/competence-areas/{slug}"),
        ("GET", "/gardens"),
        ("GET", "/gardens/{slug}"),
        # kollegium.methods: the open library (anonymous callers see public methods only).
        ("GET", "/methods"),
        ("GET", "/methods/{ref}"),
        # kollegium.programme events: the public programme (drafts only to their managers).
        ("GET", "/events"),
        ("GET", "/events/{ref}"),
        # kollegium.programme event day: the cross-garden reach of a published event.
        ("GET", "/events/{ref}/reach"),
        # kollegium.programme sign-up: the public sign-up, with the form's rules and rate limit.
        ("POST", "/events/{ref}/registrations"),
        # kollegium.surveys: a company's answer, by the token of its link.
        ("POST", "/survey-answers/{token}"),
        # kollegium.indicators: the public figures of the network (totals only, no names).
        ("GET", "/indicators/public"),
    }
