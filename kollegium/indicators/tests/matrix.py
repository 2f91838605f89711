"""The indicator report's URLs and API operations for the permission matrices
(kollegium/core/tests/test_permission_matrix.py, kollegium/api/tests/test_permissions.py).

The report holds counts only: every staff member reads the network's and their own garden's;
another garden's is for its own staff and the coordinator. The public figures are open.
"""

from kollegium.api.tests.rules import EVERYONE, STAFF

PUBLIC = "public"
STAFF_READ = "staff_read"

URLS = {
    "indicators:report": (STAFF_READ, lambda c: {}),
    "indicators:report_xlsx": (STAFF_READ, lambda c: {}),
    "indicators:report_csv": (STAFF_READ, lambda c: {"table": "programme_key_figures"}),
    "indicators:annual": (STAFF_READ, lambda c: {}),
    "indicators:public": (PUBLIC, lambda c: {}),
}

# Garden B's report: its own staff, the coordinator and the operator.
GARDEN_B_STAFF = {**STAFF, "alice": 403, "bob": 403}

API_TABLE = [
    ("GET", "/indicators/report", None, STAFF),
    ("GET", "/indicators/report?period=semester&year=2025&half=2", None, STAFF),
    ("GET", "/indicators/report?garden={garden_b}", None, GARDEN_B_STAFF),
    ("GET", "/indicators/public", None, EVERYONE),
]
