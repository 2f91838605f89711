"""Permission tables contributed by apps: ``kollegium/<app>/tests/matrix.py`` may define

- ``URLS``: url name -> (rule, function of the UI cast giving the URL kwargs), with the rules
  of kollegium/core/tests/test_permission_matrix.py ("public", "staff_read", "denied",
  "denied_except_coordinator", "coordinator_only");
- ``API_TABLE``: (method, path, body, expected status per caller) rows for
  kollegium/api/tests/test_permissions.py (rules in kollegium/api/tests/rules.py);
- ``API_PLACEHOLDERS``: {"{placeholder}": "{schema path parameter}"} for its paths;
- ``api_world(request) -> dict``: placeholder values (``request.getfixturevalue`` for the cast).

So each app keeps its own rows, and the central tables still cover every URL and endpoint.
"""

from importlib import import_module

APPS = (
    "matching",
    "collaboration",
    "referrals",
    "notifications",
    "surveys",
    "indicators",
    "programme",
)


def _modules():
    for app in APPS:
        try:
            yield import_module(f"kollegium.{app}.tests.matrix")
        except ModuleNotFoundError as error:
            if error.name not in (f"kollegium.{app}.tests.matrix", f"kollegium.{app}"):
                raise


def urls() -> dict:
    return {k: v for m in _modules() for k, v in getattr(m, "URLS", {}).items()}


def api_table() -> list:
    return [row for m in _modules() for row in getattr(m, "API_TABLE", [])]


def api_placeholders() -> dict:
    return {k: v for m in _modules() for k, v in getattr(m, "API_PLACEHOLDERS", {}).items()}


def api_world(request) -> dict:
    world = {}
    for module in _modules():
        if hasattr(module, "api_world"):
            world.update(module.api_world(request))
    return world
