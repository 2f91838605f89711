"""Mark search documents for re-indexing when the objects they are made of change.

Signals rather than calls in every service: other apps keep their services free of search
concerns, and saves through the admin are covered too. Bulk loads (generate, network import)
bypass signals and call ``reindex_all`` when they are done.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from kollegium.matching.indexing import mark
from kollegium.matching.models import DocKind


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


def _person(sender, instance, **kwargs):
    mark(DocKind.PERSON, [instance.pk])


def _user(sender, instance, **kwargs):
    from kollegium.network.models import Person

    mark(DocKind.PERSON, _ids(Person.objects.filter(user_id=instance.pk)))


def _competence(sender, instance, **kwargs):
    mark(DocKind.PERSON, [instance.person_id])


def _area(sender, instance, **kwargs):
    from kollegium.network.models import Person

    mark(DocKind.PERSON, _ids(Person.objects.filter(competences__area=instance)))
    mark(DocKind.EVENT, _ids(instance.events.all()))
    mark(DocKind.METHOD, _ids(instance.methods.all()))
    mark(DocKind.NEED, _ids(instance.needs.all()))


def _garden(sender, instance, **kwargs):
    mark(DocKind.PERSON, _ids(instance.people.all()))


def _event(sender, instance, **kwargs):
    mark(DocKind.EVENT, [instance.pk])
    people = set(instance.speakers.values_list("pk", flat=True)) if instance.pk else set()
    mark(DocKind.PERSON, people | {instance.created_by_id})


def _event_host(sender, instance, **kwargs):
    mark(DocKind.EVENT, [instance.event_id])


def _method(sender, instance, **kwargs):
    mark(DocKind.METHOD, [instance.pk])
    if instance.pk:
        mark(DocKind.PERSON, _ids(instance.contributors.all()))


def _company(sender, instance, **kwargs):
    mark(DocKind.COMPANY, [instance.pk])
    if instance.pk:
        mark(DocKind.NEED, _ids(instance.needs.all()))


def _company_garden(sender, instance, **kwargs):
    from kollegium.companies.models import Need

    mark(DocKind.COMPANY, [instance.company_id])
    mark(DocKind.NEED, _ids(Need.objects.filter(company_id=instance.company_id)))


def _need(sender, instance, **kwargs):
    mark(DocKind.NEED, [instance.pk])


def _m2m(own_kind: str, other_kind: str | None):
    """A receiver for an m2m between a document kind and people (or areas: other_kind None)."""

    def receiver(sender, instance, action, reverse, pk_set, model, **kwargs):
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if action == "pre_clear":
            # A clear gives no pk_set: read the links it is about to remove.
            own_field, other_field = _through_fields(sender, type(instance), reverse)
            related = set(
                sender.objects.filter(**{own_field: instance.pk}).values_list(
                    other_field, flat=True
                )
            )
        else:
            related = set(pk_set or ())
        if not reverse:
            mark(own_kind, [instance.pk])
            if other_kind:
                mark(other_kind, related)
        else:
            mark(own_kind, related)
            if other_kind:
                mark(other_kind, [instance.pk])

    return receiver


def _through_fields(through, instance_model, reverse: bool) -> tuple[str, str]:
    """(column of the instance, column of the other side) in an auto-created through table."""
    fks = [f for f in through._meta.concrete_fields if f.is_relation]
    own = next(f for f in fks if issubclass(instance_model, f.related_model))
    other = next(f for f in fks if f is not own)
    return own.attname, other.attname


# What an audited service write touched; catches writes that use bulk_create or update().
AUDITED = {
    "network.person": DocKind.PERSON,
    "programme.event": DocKind.EVENT,
    "methods.method": DocKind.METHOD,
    "companies.company": DocKind.COMPANY,
    "companies.need": DocKind.NEED,
}


def _audited(sender, instance, created, **kwargs):
    kind = AUDITED.get(instance.object_type)
    if created and kind and instance.object_id.isdigit():
        mark(kind, [int(instance.object_id)])


def connect() -> None:
    from kollegium.companies.models import Company, CompanyGarden, Need
    from kollegium.methods.models import Method
    from kollegium.network.models import Competence, CompetenceArea, Garden, Person, User
    from kollegium.programme.models import Event, EventHost

    for model, receiver in (
        (Person, _person),
        (User, _user),
        (Competence, _competence),
        (CompetenceArea, _area),
        (Garden, _garden),
        (Event, _event),
        (EventHost, _event_host),
        (Method, _method),
        (Company, _company),
        (CompanyGarden, _company_garden),
        (Need, _need),
    ):
        uid = f"matching-{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + "-save")
        if model not in (CompetenceArea, Garden, User):
            # Before the delete, while related rows (speakers, needs) can still be read.
            pre_delete.connect(receiver, sender=model, dispatch_uid=uid + "-pre-delete")
            post_delete.connect(receiver, sender=model, dispatch_uid=uid + "-delete")
    from kollegium.core.models import AuditEntry

    post_save.connect(_audited, sender=AuditEntry, dispatch_uid="matching-audit")
    for through, own, other in (
        (Event.speakers.through, DocKind.EVENT, DocKind.PERSON),
        (Event.areas.through, DocKind.EVENT, None),
        (Method.contributors.through, DocKind.METHOD, DocKind.PERSON),
        (Method.areas.through, DocKind.METHOD, None),
        (Need.areas.through, DocKind.NEED, None),
    ):
        # weak=False: the receiver is a closure nothing else keeps alive.
        m2m_changed.connect(
            _m2m(own, other),
            sender=through,
            weak=False,
            dispatch_uid=f"matching-{through._meta.label}",
        )
