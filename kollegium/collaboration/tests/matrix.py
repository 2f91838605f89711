"""Garden B's collaboration objects for the permission matrices (kollegium/core/tests and
kollegium/api/tests), made on first use.

Every staff member reads every project, session and action; garden B's project (which garden A
does not take part in) is edited by garden B's staff and the coordinator only; an invitation
is answered by the invitee only (garden A's people are not invited: 404).
"""

from kollegium.api.tests.rules import B_ONLY, STAFF, created
from kollegium.collaboration.models import ActionItem, Invitation, Project, WorkSession
from kollegium.collaboration.tests.factories import WorkSessionFactory
from kollegium.methods.tests.factories import PDF

STAFF_READ = "staff_read"
DENIED = "denied"
DENIED_EXCEPT_COORDINATOR = "denied_except_coordinator"


def _project(garden_b) -> Project:
    project, created_now = Project.objects.get_or_create(
        slug="matrix-project-b", defaults={"name": "Garden B's project", "status": "active"}
    )
    if created_now:
        project.gardens.set([garden_b])
    return project


def _session(garden_b) -> WorkSession:
    project = _project(garden_b)
    session = project.sessions.first()
    if session is None:
        organiser = garden_b.people.order_by("pk").first()
        session = WorkSessionFactory(project=project, organiser=organiser, title="B's session")
        for person in garden_b.people.all():
            Invitation.objects.get_or_create(session=session, person=person)
        session.agenda.create(title="Sak 1", position=0)
        session.decisions.create(text="Vedtak")
    return session


def _action(garden_b) -> ActionItem:
    session = _session(garden_b)
    action = session.actions.first()
    if action is None:
        owner = garden_b.people.order_by("pk").first()
        action = ActionItem.objects.create(
            session=session, project=session.project, what="Følge opp", owner=owner
        )
    return action


def _file(garden_b) -> dict:
    from django.core.files.base import ContentFile

    project = _project(garden_b)
    stored = project.files.first()
    if stored is None:
        stored = project.files.model(
            project=project,
            name="plan.pdf",
            size=len(PDF),
            content_type="application/pdf",
            sha256="0" * 64,
        )
        stored.file.save("plan.pdf", ContentFile(PDF), save=False)
        stored.save()
    return {"slug": project.slug, "pk": stored.pk}


def project_b(cast) -> dict:
    return {"slug": _project(cast["garden_b"]).slug}


def session_b(cast) -> dict:
    return {"pk": _session(cast["garden_b"]).pk}


def agenda_b(cast) -> dict:
    session = _session(cast["garden_b"])
    return {"pk": session.pk, "item_pk": session.agenda.first().pk}


def decision_b(cast) -> dict:
    session = _session(cast["garden_b"])
    return {"pk": session.pk, "decision_pk": session.decisions.first().pk}


def action_b(cast) -> dict:
    return {"pk": _action(cast["garden_b"]).pk}


URLS = {
    "collaboration:projects": (STAFF_READ, lambda c: {}),
    "collaboration:project_create": (STAFF_READ, lambda c: {}),
    "collaboration:project": (STAFF_READ, project_b),
    "collaboration:file": (STAFF_READ, lambda c: _file(c["garden_b"])),
    "collaboration:project_edit": (DENIED_EXCEPT_COORDINATOR, project_b),
    "collaboration:project_members": (DENIED_EXCEPT_COORDINATOR, project_b),
    "collaboration:file_add": (DENIED_EXCEPT_COORDINATOR, project_b),
    "collaboration:file_delete": (DENIED_EXCEPT_COORDINATOR, lambda c: _file(c["garden_b"])),
    "collaboration:project_action_add": (DENIED_EXCEPT_COORDINATOR, project_b),
    "collaboration:sessions": (STAFF_READ, lambda c: {}),
    "collaboration:session_create": (STAFF_READ, lambda c: {}),
    "collaboration:session": (STAFF_READ, session_b),
    "collaboration:session_print": (STAFF_READ, session_b),
    "collaboration:session_ics": (STAFF_READ, session_b),
    "collaboration:session_edit": (DENIED_EXCEPT_COORDINATOR, session_b),
    "collaboration:session_invite": (DENIED_EXCEPT_COORDINATOR, session_b),
    # Nobody of garden A is invited, the coordinator included: each answers only for themselves.
    "collaboration:session_answer": (DENIED, session_b),
    "collaboration:agenda_add": (DENIED_EXCEPT_COORDINATOR, session_b),
    "collaboration:agenda_edit": (DENIED_EXCEPT_COORDINATOR, agenda_b),
    "collaboration:agenda_move": (DENIED_EXCEPT_COORDINATOR, agenda_b),
    "collaboration:agenda_delete": (DENIED_EXCEPT_COORDINATOR, agenda_b),
    "collaboration:decision_add": (DENIED_EXCEPT_COORDINATOR, session_b),
    "collaboration:decision_delete": (DENIED_EXCEPT_COORDINATOR, decision_b),
    "collaboration:session_action_add": (DENIED_EXCEPT_COORDINATOR, session_b),
    "collaboration:summary_send": (DENIED_EXCEPT_COORDINATOR, session_b),
    "collaboration:actions": (STAFF_READ, lambda c: {}),
    "collaboration:action_edit": (DENIED_EXCEPT_COORDINATOR, action_b),
    "collaboration:action_done": (DENIED_EXCEPT_COORDINATOR, action_b),
}

B_EDITORS = {**B_ONLY, "cora": 200}
B_EDITORS_422 = {c: 422 if s == 200 else s for c, s in B_EDITORS.items()}
INVITEES_B = {**STAFF, "alice": 404, "bob": 404, "cora": 404, "olga": 404}
NEW_PROJECT = {"name": "Nytt prosjekt", "gardens": ["orkdal"]}
NEW_SESSION = {
    "title": "Arbeidsøkt",
    "starts_at": "2027-02-04T09:00:00+01:00",
    "ends_at": "2027-02-04T12:00:00+01:00",
}
NEW_ACTION_B = {"what": "Ringe bedriften", "owner": "charlie@roros.example", "session": None}

API_TABLE = [
    ("GET", "/projects", None, STAFF),
    ("GET", "/projects/{project_b}", None, STAFF),
    # Garden A's project: garden B's staff are refused (their own garden must take part).
    ("POST", "/projects", NEW_PROJECT, {**created(STAFF), "charlie": 422, "diana": 422}),
    ("PATCH", "/projects/{project_b}", {"goals": "Nye mål"}, B_EDITORS),
    ("GET", "/work-sessions", None, STAFF),
    ("GET", "/work-sessions/{session_b}", None, STAFF),
    ("POST", "/work-sessions", NEW_SESSION, created(STAFF)),
    ("PATCH", "/work-sessions/{session_b}", {"place": "Røros"}, B_EDITORS),
    (
        "POST",
        "/work-sessions/{session_b}/invitations",
        {"people": ["diana@roros.example"]},
        B_EDITORS,
    ),
    ("PUT", "/work-sessions/{session_b}/answer", {"answer": "coming"}, INVITEES_B),
    ("POST", "/work-sessions/{session_b}/agenda", {"title": "Ny sak"}, created(B_EDITORS)),
    ("PUT", "/work-sessions/{session_b}/agenda/order", {"order": []}, B_EDITORS_422),
    ("PATCH", "/agenda-items/{agenda_b}", {"minutes": "Referat"}, B_EDITORS),
    ("POST", "/work-sessions/{session_b}/decisions", {"text": "Vedtak"}, created(B_EDITORS)),
    ("POST", "/work-sessions/{session_b}/summary", None, B_EDITORS),
    ("GET", "/actions", None, STAFF),
    ("GET", "/actions/{action_b}", None, STAFF),
    ("POST", "/actions", {**NEW_ACTION_B, "project": "matrix-project-b"}, created(B_EDITORS)),
    ("PATCH", "/actions/{action_b}", {"due_on": "2027-01-31"}, B_EDITORS),
]

API_PLACEHOLDERS = {
    "{project_b}": "{slug}",
    "{session_b}": "{session_id}",
    "{agenda_b}": "{item_id}",
    "{action_b}": "{action_id}",
}


def api_world(request) -> dict:
    garden_b = request.getfixturevalue("garden_b")
    # The people of garden B, so they are invited and may own actions.
    request.getfixturevalue("charlie")
    request.getfixturevalue("diana")
    session = _session(garden_b)
    return {
        "project_b": _project(garden_b).slug,
        "session_b": session.pk,
        "agenda_b": session.agenda.first().pk,
        "action_b": _action(garden_b).pk,
    }
