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
)

# Reserved by kollegium.network/1 for programme events and the method bank (natural key
# "ref"). A document using them is refused until their apps add a Section above (after
# "people", since events and methods refer to gardens, areas and people) and drop the key
# from this tuple.
NOT_YET_SUPPORTED = ("events", "methods")

ORDER = ["format", *(section.key for section in SECTIONS), *NOT_YET_SUPPORTED]
