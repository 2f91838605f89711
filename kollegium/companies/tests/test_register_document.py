"""The network document keeps a company's industry standard (optional key nace_standard)."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from kollegium.companies.models import Company
from kollegium.companies.tests.factories import CompanyFactory
from kollegium.interchange.base import DocumentInvalid
from kollegium.interchange.exporter import network_export
from kollegium.interchange.importer import network_import

pytestmark = pytest.mark.django_db


def _companies() -> dict:
    return {c["org_number"]: c for c in network_export()["companies"]}


def test_it_writes_the_standard_only_for_sn2007_codes_and_reads_it_back(tmp_path):
    CompanyFactory(
        org_number="931466941", name="OPTITRAILS AS", nace="62.010", nace_standard="sn2007"
    )
    CompanyFactory(org_number="923609016", name="Equinor ASA", nace="06.100")
    exported = _companies()
    assert exported["931466941"]["nace_standard"] == "sn2007"
    assert "nace_standard" not in exported["923609016"]

    document = network_export()
    Company.objects.all().delete()
    path = tmp_path / "network.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    call_command("import_network", str(path), stdout=io.StringIO())

    assert network_export() == document
    company = Company.objects.get(org_number="931466941")
    assert (company.nace, company.nace_standard) == ("62.010", "sn2007")


def test_a_code_without_its_standard_is_sn2025():
    company = CompanyFactory(nace="62.010", nace_standard="sn2007")
    row = {"org_number": company.org_number, "name": company.name, "nace": "62.100"}
    network_import(data={**network_export(), "companies": [row]})
    company.refresh_from_db()
    assert (company.nace, company.nace_standard) == ("62.100", "sn2025")


def test_it_checks_the_code_against_the_standard_named():
    rows = [
        {"org_number": "931466941", "name": "A", "nace": "62.010"},
        {"org_number": "923609016", "name": "B", "nace": "62.100", "nace_standard": "sn2007"},
        {"org_number": "974760673", "name": "C", "nace": "62.010", "nace_standard": "sn1994"},
    ]
    with translation.override("en"), pytest.raises(DocumentInvalid) as exc:
        network_import(data={**network_export(), "companies": rows})
    assert exc.value.lines == [
        "companies[0].nace: 62.010 is not an SN2025 industry code.",
        "companies[1].nace: 62.100 is not an industry code of SN2007.",
        'companies[2].nace_standard: must be one of "sn2025", "sn2007"',
    ]
