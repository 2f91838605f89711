"""Expected statuses per caller for the API permission table (and the apps' own rows).

anon: no one; outsider: a user without a garden; alice (advisor), bob (leader), cora
(coordinator) of garden A; charlie (advisor), diana (leader) of garden B; olga the operator.
"""

CALLERS = ("anon", "outsider", "alice", "bob", "cora", "charlie", "diana", "olga")
EVERYONE = dict.fromkeys(CALLERS, 200)
STAFF = {**EVERYONE, "anon": 401, "outsider": 403}
COORDINATOR = {**dict.fromkeys(CALLERS, 403), "anon": 401, "cora": 200, "olga": 200}
A_ONLY = {**STAFF, "charlie": 403, "diana": 403}
B_ONLY = {**STAFF, "alice": 403, "bob": 403, "cora": 403}
B_PRIVATE = {**STAFF, "alice": 404, "bob": 404, "cora": 404}


def created(expected: dict) -> dict:
    """The same rule for a POST: success is 201."""
    return {caller: 201 if status == 200 else status for caller, status in expected.items()}


def deleted(expected: dict) -> dict:
    """The same rule for a DELETE: success is 204."""
    return {caller: 204 if status == 200 else status for caller, status in expected.items()}
