"""Export the installation's network as a ``kollegium.network/1`` document."""

import json

from kollegium.interchange.document import FORMAT
from kollegium.interchange.sections import SECTIONS


def network_export() -> dict:
    """The whole network as a document: every list sorted by its natural key (code points),
    empty optional values left out, so the same data always gives the same bytes."""
    document: dict = {"format": FORMAT}
    for section in SECTIONS:
        value = section.export()
        if value or section.required:
            document[section.key] = value
    return document


def render(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
