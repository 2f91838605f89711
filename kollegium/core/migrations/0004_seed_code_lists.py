"""Seed the code lists shipped in kollegium/core/data (provenance in data/SOURCE.md).

Self-contained on purpose: it reads the CSV files as they are at this migration, whatever the
application code later becomes. Newer lists are loaded with ``kollegium load_codes``.
"""

import csv
import datetime
from pathlib import Path

from django.db import migrations
from django.utils import timezone

DATA = Path(__file__).resolve().parent.parent / "data"

# standard, kind, file, valid from, source
SHIPPED = [
    (
        "kommune-2024",
        "municipality",
        "kommuner-2024.csv",
        datetime.date(2024, 1, 1),
        "SSB Klass 131, valid from 2024-01-01 (via statisticsnorway/statbus)",
    ),
    (
        "fylke-2024",
        "county",
        "fylker-2024.csv",
        datetime.date(2024, 1, 1),
        "SSB Klass 104, valid from 2024-01-01 (via statisticsnorway/statbus)",
    ),
    (
        "sn2025",
        "industry",
        "sn2025.csv",
        datetime.date(2025, 1, 1),
        "SSB Klass 6, version 3218 SN2025 (via statisticsnorway/stat-master-nace)",
    ),
    (
        "sn2007",
        "industry",
        "sn2007.csv",
        datetime.date(2009, 1, 1),
        "SSB Klass 6, version 30 SN2007 (via statisticsnorway/statbus)",
    ),
    (
        "orgform",
        "org_form",
        "organisasjonsformer.csv",
        None,
        "Enhetsregisteret organisation forms, SSB Klass 1544 (via statisticsnorway/statbus)",
    ),
]


def seed(apps, schema_editor):
    CodeList = apps.get_model("core", "CodeList")
    Code = apps.get_model("core", "Code")
    now = timezone.now()
    for standard, kind, file, valid_from, source in SHIPPED:
        code_list = CodeList.objects.create(
            standard=standard, kind=kind, valid_from=valid_from, source=source, loaded_at=now
        )
        with open(DATA / file, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        Code.objects.bulk_create(
            [
                Code(
                    standard=code_list,
                    code=row.get("code") or row["number"],
                    name=row["name"],
                    parent=row.get("parent") or row.get("county_number") or "",
                    level=int(row["level"]) if row.get("level") else 1,
                )
                for row in rows
            ],
            batch_size=500,
        )


def unseed(apps, schema_editor):
    CodeList = apps.get_model("core", "CodeList")
    CodeList.objects.filter(standard__in=[row[0] for row in SHIPPED]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_code_lists")]

    operations = [migrations.RunPython(seed, unseed)]
