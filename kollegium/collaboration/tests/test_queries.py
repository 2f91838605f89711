"""Pages keep a fixed number of queries however many rows they show."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.collaboration.models import Invitation
from kollegium.collaboration.tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ProjectFactory,
    WorkSessionFactory,
)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _fill(n, project, people):
    """n sessions of the project, each with an agenda item, an invitation and an action, plus
    n agenda items, invitations and actions of one session."""
    session = project.sessions.order_by("pk").first() or WorkSessionFactory(
        project=project, organiser=people[0]
    )
    for i in range(n):
        WorkSessionFactory(project=project, organiser=people[0])
        AgendaItemFactory(session=session, owner=people[i % 2], minutes="Referat")
        session.decisions.create(text=f"Vedtak {i}")
        ActionItemFactory(session=session, project=project, owner=people[i % 2])
        ProjectFactory(gardens=[project.gardens.first()])
    for person in people:
        Invitation.objects.get_or_create(session=session, person=person)
    return session


def test_it_shows_lists_and_pages_in_a_fixed_number_of_queries(
    signed_in, alice, charlie, diana, project_b
):
    session = _fill(10, project_b, [charlie, diana])
    client = signed_in(alice)
    urls = [
        reverse("collaboration:projects"),
        reverse("collaboration:project", args=[project_b.slug]),
        reverse("collaboration:sessions"),
        reverse("collaboration:session", args=[session.pk]),
        reverse("collaboration:session_print", args=[session.pk]),
        reverse("collaboration:actions") + "?who=all",
        reverse("home"),
    ]
    client.get(urls[0])
    small = [_count(client, url) for url in urls]

    _fill(190, project_b, [charlie, diana])

    assert [_count(client, url) for url in urls] == small
