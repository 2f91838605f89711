"""Writes of the matching app: the coordinator's synonym list."""

from django.db import transaction
from django.utils import timezone

from kollegium.core.audit import audit
from kollegium.matching.models import Synonym


def _clean(terms: str) -> str:
    return ", ".join(t.strip() for t in terms.split(",") if t.strip())


@transaction.atomic
def synonym_create(*, actor, terms: str) -> Synonym:
    """Add a synonym group; it applies to the next search (queries read the list each time)."""
    synonym = Synonym.objects.create(terms=_clean(terms))
    audit(actor=actor, action="matching.synonym.created", obj=synonym, terms=synonym.terms)
    return synonym


@transaction.atomic
def synonym_update(*, actor, synonym: Synonym, terms: str) -> Synonym:
    """Change the words of a synonym group."""
    before = synonym.terms
    synonym.terms = _clean(terms)
    synonym.updated_at = timezone.now()
    synonym.save(update_fields=["terms", "updated_at"])
    audit(
        actor=actor,
        action="matching.synonym.updated",
        obj=synonym,
        before=before,
        after=synonym.terms,
    )
    return synonym


@transaction.atomic
def synonym_delete(*, actor, synonym: Synonym) -> None:
    """Remove a synonym group."""
    audit(actor=actor, action="matching.synonym.deleted", obj=synonym, terms=synonym.terms)
    synonym.delete()
