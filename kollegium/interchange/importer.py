"""Import a network document: check everything, then create or update it all in one go."""

from typing import Any

from django.db import transaction

from kollegium.core.audit import audit
from kollegium.interchange.base import Counts, ImportContext, Problems
from kollegium.interchange.document import FORMAT, INVALID
from kollegium.interchange.sections import NOT_YET_SUPPORTED, ORDER, SECTIONS
from kollegium.network.models import CompetenceArea, Garden, NetworkSettings


def network_import(*, data: Any, actor=None) -> dict[str, Counts]:
    """Create or update what a ``kollegium.network/1`` document holds, all or nothing.

    Rows are matched by natural key; rows the document does not mention are kept. Raises
    DocumentInvalid listing every problem with its JSON path, and then writes nothing.
    Returns created/updated/unchanged counts per section present. An import that changes
    something is audited once as "network.imported"; one that changes nothing writes nothing.
    """
    problems = Problems()
    values = _check_document(data, problems)
    with transaction.atomic():
        ctx = ImportContext(
            problems=problems,
            areas=dict(CompetenceArea.objects.in_bulk(field_name="slug")),
            gardens=dict(Garden.objects.in_bulk(field_name="slug")),
        )
        plans = {}
        for section in SECTIONS:
            if section.key in values:
                plans[section.key] = section.plan(ctx)
                plans[section.key].plan(values[section.key])
        problems.raise_if_any(ORDER)
        summary = {key: plan.write() for key, plan in plans.items()}
        if any(counts.wrote for counts in summary.values()):
            # Sections write with bulk_create (no signals): rebuild the search index on commit.
            from kollegium.matching.indexing import rebuild_later

            rebuild_later()
        if any(counts.wrote for counts in summary.values()):
            audit(
                actor=actor,
                action="network.imported",
                obj=NetworkSettings.load(),
                sections={key: counts.as_dict() for key, counts in summary.items()},
            )
    return summary


def _check_document(data: Any, problems: Problems) -> dict[str, Any]:
    """Check the shape of the whole document; return each section's checked value."""
    if not isinstance(data, dict):
        problems.add((), "must be a JSON object")
        problems.raise_if_any(ORDER)
    if data.get("format", FORMAT) != FORMAT:
        problems.add(("format",), f'must be "{FORMAT}"')
    sections = {section.key: section for section in SECTIONS}
    values = {}
    for key, raw in data.items():
        if key in NOT_YET_SUPPORTED:
            problems.add((key,), "not supported yet by this version")
        elif key in sections:
            value = sections[key].check(raw, (key,), problems)
            if value is not INVALID:
                values[key] = value
        elif key != "format":
            problems.add((key,), "unknown key")
    required = ["format", *(section.key for section in SECTIONS if section.required)]
    for key in required:
        if key not in data:
            problems.add((key,), "missing")
    return values
