"""The sections of the network document, in the order they are imported.

This is the one place a section plugs in: its checker (see document.py), its plan (a class
whose ``plan`` checks references and works out the changes and whose ``write`` applies them)
and its export function. Sections that others refer to (areas, gardens) come first.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kollegium.interchange import document
from kollegium.interchange.company_sections import CompanyPlan, export_companies
from kollegium.interchange.event_document import EVENTS
from kollegium.interchange.event_sections import EventPlan, export_events
from kollegium.interchange.method_document import METHODS
from kollegium.interchange.method_export import export_methods
from kollegium.interchange.method_sections import MethodPlan
from kollegium.interchange.network_sections import (
    AreaPlan,
    GardenPlan,
    NetworkPlan,
    PersonPlan,
    export_areas,
    export_gardens,
    export_network,
    export_people,
)


@dataclass(frozen=True)
class Section:
    key: str
    check: document.Checker
    plan: type
    export: Callable[[], Any]
    required: bool = False


SECTIONS = (
    Section("network", document.NETWORK, NetworkPlan, export_network, required=True),
    Section("competence_areas", document.list_of(document.AREA), AreaPlan, export_areas),
    Section("gardens", document.list_of(document.GARDEN), GardenPlan, export_gardens),
    Section("people", document.list_of(document.PERSON), PersonPlan, export_people),
    Section("companies", document.list_of(document.COMPANY), CompanyPlan, export_companies),
    # After "people": events name host gardens, areas and staff (speakers).
    Section("events", EVENTS, EventPlan, export_events),
    # After "people": methods name gardens, areas and staff (contributors, comment authors).
    Section("methods", METHODS, MethodPlan, export_methods),
)

# Keys reserved by kollegium.network/1 for sections this version cannot read yet: a document
# using one is refused until its app adds a Section above and drops the key from this tuple.
NOT_YET_SUPPORTED: tuple[str, ...] = ()

ORDER = ["format", *(section.key for section in SECTIONS), *NOT_YET_SUPPORTED]
