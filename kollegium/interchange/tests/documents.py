"""A small valid network document and a way to compare the whole database before and after."""

import copy

from kollegium.companies.models import Company, CompanyGarden, Contact, Need
from kollegium.core.models import AuditEntry
from kollegium.methods.models import (
    Adoption,
    Comment,
    Method,
    MethodLink,
    MethodVersion,
    Pilot,
    StageMove,
)
from kollegium.network.models import (
    Competence,
    CompetenceArea,
    Garden,
    NetworkSettings,
    Person,
    User,
)
from kollegium.programme.models import Event, EventHost, Question

DOCUMENT = {
    "format": "kollegium.network/1",
    "network": {"name": "Testnettet", "contact_email": "post@testnettet.example"},
    "competence_areas": [
        {"slug": "finansiering", "name": "Finansiering og virkemidler"},
        {"slug": "eksport", "name": "Eksport", "description": "Nye markeder ute"},
    ],
    "gardens": [
        {
            "slug": "orkdal",
            "name": "Næringshagen i Orkdalsregionen",
            "org_number": "923609016",
            "municipality": "5059",
        }
    ],
    "people": [
        {
            "email": "alice@orkdal.example",
            "name": "Alice Aune",
            "garden": "orkdal",
            "keywords": ["sveis", "eksport"],
            "competences": [{"area": "finansiering", "level": 2, "note": "Innovasjon Norge"}],
        },
        {"email": "bob@orkdal.example", "name": "Bob Berg", "garden": "orkdal", "role": "leader"},
    ],
    "companies": [
        {
            "org_number": "974760673",
            "name": "Orkla Sveis AS",
            "nace": "62.100",
            "municipality": "5059",
            "employees": 12,
            "gardens": [{"garden": "orkdal", "relation": "member", "since": "2020-01-15"}],
            "contacts": [{"name": "Kari Kontakt", "email": "kari@sveis.example"}],
            "needs": [
                "Trenger hjelp med eksport",
                {"text": "Søker kapital", "areas": ["finansiering"], "status": "in_progress"},
            ],
        }
    ],
}


def document() -> dict:
    """A fresh copy of DOCUMENT, to change in one test."""
    return copy.deepcopy(DOCUMENT)


MODELS = [
    NetworkSettings,
    CompetenceArea,
    Garden,
    User,
    Person,
    Competence,
    Company,
    CompanyGarden,
    Contact,
    Need,
    Need.areas.through,
    Method,
    Method.areas.through,
    Method.contributors.through,
    MethodLink,
    StageMove,
    MethodVersion,
    Pilot,
    Adoption,
    Comment,
    Event,
    EventHost,
    Event.areas.through,
    Event.speakers.through,
    Question,
    AuditEntry,
]


def snapshot() -> dict:
    """Every row of every model the import touches, to compare before and after."""
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in MODELS}


def empty_database() -> None:
    """Delete everything the document describes (and the audit log), children first."""
    for model in reversed(MODELS):
        model.objects.all().delete()
