"""The companies section: companies with their garden relations, contacts and needs.

A company is keyed by org number; within it, relations by garden, contacts by name and needs
by text. Listed items are created or updated; items missing from the document are kept.
"""

from kollegium.companies.models import Company, CompanyGarden, Contact, NaceStandard, Need
from kollegium.interchange.base import (
    Change,
    Counts,
    ImportContext,
    KeyTracker,
    Path,
    assign,
    compact,
    save_changes,
)

COMPANY_FIELDS = {
    key: key for key in ("name", "nace", "nace_standard", "municipality", "employees", "website")
}
RELATION_FIELDS = {"relation": "relation", "since": "since"}
CONTACT_FIELDS = {"role": "role", "email": "email", "phone": "phone"}
CONTACT_KEYS = ("name", "role", "email", "phone")
NEED_FIELDS = {"status": "status", "shared": "shared_with_network"}
NeedAreas = Need.areas.through


class CompanyPlan:
    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self.companies: list[Change] = []
        self.relations: list[Change] = []
        self.contacts: list[Change] = []
        self.needs: list[Change] = []
        # (need, is new, [areas]) for every need whose areas change.
        self.need_areas: list[tuple[Need, bool, list]] = []
        self.counts = Counts()

    def plan(self, items: list[tuple[int, dict]]) -> None:
        existing = _existing(items)
        keys = KeyTracker(self.ctx.problems, "org_number")
        for i, data in items:
            path = ("companies", i)
            gardens = self._gardens(data, path)
            contacts = self._contacts(data, path)
            needs = self._needs(data, path)
            org_number = data.get("org_number")
            if org_number is None or not keys.first(org_number, path):
                continue
            company = existing.get(org_number)
            created = company is None
            company = company or Company(org_number=org_number)
            if "nace" in data:
                # A code without its standard is SN2025 (the document's default).
                data = {"nace_standard": NaceStandard.SN2025, **data}
            change = Change(company, created, assign(company, data, COMPANY_FIELDS))
            self.companies.append(change)
            nested = [
                self._plan_relations(company, created, gardens),
                self._plan_contacts(company, created, contacts),
                self._plan_needs(company, created, needs),
            ]
            self.counts.record(created=created, changed=change.dirty or any(nested))

    def _contacts(self, data: dict, path: Path) -> list[dict]:
        keys = KeyTracker(self.ctx.problems, "name")
        return [
            item
            for j, item in data.get("contacts", [])
            if "name" in item and keys.first(item["name"], (*path, "contacts", j))
        ]

    def _gardens(self, data: dict, path: Path) -> list[tuple]:
        keys = KeyTracker(self.ctx.problems, "garden")
        found = []
        for j, item in data.get("gardens", []):
            here = (*path, "gardens", j)
            garden = self.ctx.garden(item.get("garden"), (*here, "garden"))
            if garden is not None and keys.first(garden.slug, here):
                found.append((garden, item))
        return found

    def _needs(self, data: dict, path: Path) -> list[tuple]:
        """(item, areas or None) for each need; reports unknown and repeated areas."""
        keys = KeyTracker(self.ctx.problems, "text")
        found = []
        for j, item in data.get("needs", []):
            here = (*path, "needs", j)
            areas = self._areas(item, here)
            if "text" in item and keys.first(item["text"], here):
                found.append((item, areas))
        return found

    def _areas(self, item: dict, path: Path) -> list | None:
        if "areas" not in item:
            return None
        keys = KeyTracker(self.ctx.problems, None)
        areas = []
        for k, slug in item["areas"]:
            here = (*path, "areas", k)
            area = self.ctx.area(slug, here)
            if area is not None and keys.first(slug, here):
                areas.append(area)
        return areas

    def _plan_relations(self, company: Company, created: bool, gardens: list) -> bool:
        current = {} if created else {r.garden.slug: r for r in company.relations.all()}
        dirty = False
        for garden, item in gardens:
            relation = current.get(garden.slug)
            new = relation is None
            relation = relation or CompanyGarden(company=company, garden=garden)
            self.relations.append(Change(relation, new, assign(relation, item, RELATION_FIELDS)))
            dirty = dirty or self.relations[-1].dirty
        return dirty

    def _plan_contacts(self, company: Company, created: bool, contacts: list) -> bool:
        current: dict[str, Contact] = {}
        for contact in [] if created else sorted(company.contacts.all(), key=lambda c: c.pk):
            current.setdefault(contact.name, contact)
        dirty = False
        for item in contacts:
            contact = current.get(item["name"])
            new = contact is None
            contact = contact or Contact(company=company, name=item["name"])
            self.contacts.append(Change(contact, new, assign(contact, item, CONTACT_FIELDS)))
            dirty = dirty or self.contacts[-1].dirty
        return dirty

    def _plan_needs(self, company: Company, created: bool, needs: list) -> bool:
        current: dict[str, Need] = {}
        for need in [] if created else sorted(company.needs.all(), key=lambda n: n.pk):
            current.setdefault(need.text, need)
        dirty = False
        for item, areas in needs:
            need = current.get(item["text"])
            new = need is None
            need = need or Need(company=company, text=item["text"])
            self.needs.append(Change(need, new, assign(need, item, NEED_FIELDS)))
            areas_change = areas is not None and _areas_differ(need, new, areas)
            if areas_change:
                self.need_areas.append((need, new, areas))
            dirty = dirty or self.needs[-1].dirty or areas_change
        return dirty

    def write(self) -> Counts:
        save_changes(Company, self.companies, touch="updated_at")
        save_changes(CompanyGarden, self.relations)
        save_changes(Contact, self.contacts)
        save_changes(Need, self.needs, touch="updated_at")
        kept = [need for need, new, _areas in self.need_areas if not new]
        NeedAreas.objects.filter(need__in=kept).delete()
        NeedAreas.objects.bulk_create(
            NeedAreas(need_id=need.pk, competencearea_id=area.pk)
            for need, _new, areas in self.need_areas
            for area in areas
        )
        return self.counts


def _existing(items: list[tuple[int, dict]]) -> dict[str, Company]:
    org_numbers = {data["org_number"] for _i, data in items if "org_number" in data}
    companies = Company.objects.filter(org_number__in=org_numbers).prefetch_related(
        "relations__garden", "contacts", "needs__areas"
    )
    return {company.org_number: company for company in companies}


def _areas_differ(need: Need, new: bool, areas: list) -> bool:
    if new:
        return bool(areas)
    return {a.slug for a in need.areas.all()} != {a.slug for a in areas}


def export_companies() -> list[dict]:
    companies = Company.objects.prefetch_related("relations__garden", "contacts", "needs__areas")
    return sorted((_company(c) for c in companies), key=lambda row: row["org_number"])


def _company(company: Company) -> dict:
    gardens = [
        compact(
            {
                "garden": r.garden.slug,
                "relation": r.relation,
                "since": r.since.isoformat() if r.since else "",
            }
        )
        for r in company.relations.all()
    ]
    contacts = sorted((c.name, c.role, c.email, c.phone) for c in company.contacts.all())
    return compact(
        {
            "org_number": company.org_number,
            "name": company.name,
            **{key: getattr(company, key) for key in COMPANY_FIELDS if key != "name"},
            # Written only for another standard, so documents of SN2025 companies stay as
            # they were before the key existed.
            "nace_standard": ""
            if company.nace_standard == NaceStandard.SN2025
            else company.nace_standard,
            "gardens": sorted(gardens, key=lambda row: row["garden"]),
            "contacts": [compact(dict(zip(CONTACT_KEYS, row, strict=True))) for row in contacts],
            "needs": sorted((_need(n) for n in company.needs.all()), key=lambda row: row["text"]),
        },
        # Written even when unknown (null), as in the demo document.
        keep=("employees",),
    )


def _need(need: Need) -> dict:
    return compact(
        {
            "text": need.text,
            "areas": sorted(a.slug for a in need.areas.all()),
            "status": need.status,
            "shared": need.shared_with_network,
        }
    )
