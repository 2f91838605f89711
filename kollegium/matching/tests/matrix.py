"""Search and matching in the permission matrices.

The search page and its as-you-type partial are public (what they show depends on who asks);
"who can help?" is for staff; a need's matches follow the need (garden B's private need: 404 in
garden A); the synonym list is read by staff and edited by the coordinator.
"""

from kollegium.api.tests.rules import STAFF
from kollegium.matching.models import Synonym


def _need_b(cast) -> dict:
    return {"org_number": cast["company_b"].org_number, "pk": cast["need_b"].pk}


def _synonym(cast) -> dict:
    synonym, _created = Synonym.objects.get_or_create(terms="matrise, tabell")
    return {"pk": synonym.pk}


URLS = {
    "matching:search": ("public", lambda c: {}),
    "matching:suggest": ("public", lambda c: {}),
    "matching:who_can_help": ("staff_read", lambda c: {}),
    "matching:need": ("denied", _need_b),
    "matching:synonyms": ("staff_read", lambda c: {}),
    "matching:synonym_create": ("coordinator_only", lambda c: {}),
    "matching:synonym_edit": ("coordinator_only", _synonym),
    "matching:synonym_delete": ("coordinator_only", _synonym),
}

API_TABLE = [
    ("GET", "/match{match_query}", None, STAFF),
]
# The query string is no part of the schema path.
API_PLACEHOLDERS = {"{match_query}": ""}


def api_world(request) -> dict:
    return {"match_query": "?q=eksport"}
