"""Creating and editing methods: text, kind, areas, contributors, links and visibility."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.core.services import apply_changes
from kollegium.methods.models import Licence, Method, MethodLink, Stage, Visibility
from kollegium.methods.services.versions import text_of, version_edit
from kollegium.network import permissions
from kollegium.network.models import CompetenceArea, Garden, Person

METHOD_FIELDS = ("title", "kind", "summary", "body", "visibility", "licence")
REF_MAX_LENGTH = 60
NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
# Paths of the method bank that a ref would hide (/methods/new/ …).
RESERVED_REFS = frozenset({"new", "list", "spread", "import"})

# (url, title) pairs, in the order they are shown.
Links = list[tuple[str, str]]


def ref_base(title: str) -> str:
    """ "Frokostmøte for nye bedrifter" -> "frokostmote-for-nye-bedrifter"."""
    base = slugify(title.lower().translate(NORWEGIAN_LETTERS))[:REF_MAX_LENGTH].strip("-")
    return base or "metode"


def unique_ref(title: str) -> str:
    """A ref no method has yet: the title's slug, numbered from 2 when it is taken."""
    base = ref_base(title)
    taken = set(Method.objects.filter(ref__startswith=base).values_list("ref", flat=True))
    taken |= RESERVED_REFS
    ref, n = base, 2
    while ref in taken:
        ref, n = f"{base}-{n}", n + 1
    return ref


def _check_sharing(method: Method) -> None:
    """A shared method stays visible beyond its garden, and licensed when public."""
    if method.stage != Stage.SHARED:
        return
    if method.visibility == Visibility.GARDEN:
        raise ValidationError(
            {
                "visibility": _(
                    "A shared method is visible to the network or the public. Move it back to "
                    "an earlier stage before you make it private to your garden."
                )
            }
        )
    if method.visibility == Visibility.PUBLIC and not method.licence:
        raise ValidationError({"licence": _("A method shared publicly needs a licence.")})


def set_links(method: Method, links: Links) -> bool:
    """Replace the method's links; True when they changed."""
    current = [(link.url, link.title) for link in method.links.all()]
    wanted = [(url.strip(), title.strip()) for url, title in links]
    if current == wanted:
        return False
    method.links.all().delete()
    rows = [
        MethodLink(method=method, url=url, title=title, position=i)
        for i, (url, title) in enumerate(wanted)
    ]
    for row in rows:
        row.full_clean(exclude=["method"])
    MethodLink.objects.bulk_create(rows)
    return True


def _set_m2m(method: Method, name: str, values: list | None) -> bool:
    if values is None:
        return False
    manager = getattr(method, name)
    if {v.pk for v in values} == set(manager.values_list("pk", flat=True)):
        return False
    manager.set(values)
    return True


def _owner_for(actor, owner: Garden | None) -> Garden:
    person = permissions.person_of(actor)
    if person is not None:
        return person.garden
    if owner is None:
        raise ValidationError({"owner": _("Choose the garden that owns the method.")})
    return owner


@transaction.atomic
def method_create(
    *,
    actor,
    title: str,
    kind: str = "method",
    summary: str = "",
    body: str = "",
    visibility: str = Visibility.GARDEN,
    licence: str = Licence.CC_BY,
    areas: list[CompetenceArea] | None = None,
    contributors: list[Person] | None = None,
    links: Links | None = None,
    owner: Garden | None = None,
) -> Method:
    """A new method of the actor's garden, in the first stage (collection).

    The actor becomes its first contributor. The operator names the owner garden.
    """
    if not permissions.can_create_method(actor):
        raise PermissionDenied
    person = permissions.person_of(actor)
    method = Method(owner=_owner_for(actor, owner), created_by=person, ref=unique_ref(title))
    apply_changes(
        method,
        {
            "title": title,
            "kind": kind,
            "summary": summary,
            "body": body,
            "visibility": visibility,
            "licence": licence,
        },
        METHOD_FIELDS,
    )
    method.full_clean()
    method.save()
    method.areas.set(areas or [])
    people = list(contributors or [])
    if person is not None and person not in people:
        people.insert(0, person)
    method.contributors.set(people)
    set_links(method, links or [])
    audit(actor=actor, action="method.created", obj=method, ref=method.ref, owner=method.owner.slug)
    return method


@transaction.atomic
def method_update(
    *,
    actor,
    method: Method,
    areas: list[CompetenceArea] | None = None,
    contributors: list[Person] | None = None,
    links: Links | None = None,
    **data,
) -> Method:
    """Change a method (staff of the owner garden). Past development, a changed text is kept
    as a new version, so the history shows who changed what."""
    if not permissions.can_edit_method(actor, method):
        raise PermissionDenied
    # The stored row, locked: a form may hand us an instance it already changed, and two
    # edits at once must not both take the same version number.
    method = Method.objects.select_for_update().select_related("owner").get(pk=method.pk)
    before = text_of(method)
    changed = apply_changes(method, data, METHOD_FIELDS)
    _check_sharing(method)
    if changed:
        method.full_clean()
        method.save()
    if _set_m2m(method, "areas", areas):
        changed.append("areas")
    if _set_m2m(method, "contributors", contributors):
        changed.append("contributors")
    if links is not None and set_links(method, links):
        changed.append("links")
    if changed:
        version_edit(method, actor, before, changed)
        audit(actor=actor, action="method.updated", obj=method, ref=method.ref, fields=changed)
    return method
