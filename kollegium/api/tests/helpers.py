"""Helpers for the API tests."""


def error_of(response) -> dict:
    """The structured error of a 4xx answer (and a check that it has the shape)."""
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert error["status"] == response.status_code
    assert error["code"] and error["message"]
    return error
