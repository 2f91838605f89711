import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kollegium.collaboration import services
from kollegium.collaboration.models import Project
from kollegium.core.models import AuditEntry
from kollegium.methods.tests.factories import PDF


def test_it_creates_a_project_of_the_creators_garden(signed_in, alice, garden_a, garden_b):
    client = signed_in(alice)
    response = client.post(
        reverse("collaboration:project_create"),
        {"name": "Felles frokostmøter", "gardens": [garden_a.pk, garden_b.pk], "status": "planned"},
    )

    project = Project.objects.get(name="Felles frokostmøter")
    assert response.status_code == 302
    assert project.slug == "felles-frokostmoter"
    assert project.leader == alice
    assert set(project.gardens.all()) == {garden_a, garden_b}
    assert AuditEntry.objects.filter(action="collaboration.project.create").exists()


def test_it_refuses_a_project_without_the_creators_garden(signed_in, alice, garden_b):
    client = signed_in(alice)
    response = client.post(
        reverse("collaboration:project_create"),
        {"name": "Røros alene", "gardens": [garden_b.pk], "status": "planned"},
    )

    assert response.status_code == 200
    assert "Your own garden must take part" in response.content.decode()
    assert not Project.objects.filter(name="Røros alene").exists()


def test_it_lets_garden_bs_staff_not_edit_a_project_garden_b_is_not_in(
    signed_in, charlie, garden_a, bob
):
    project = services.project_create(actor=bob.user, name="Orkdal", gardens=[garden_a])
    client = signed_in(charlie)

    response = client.post(
        reverse("collaboration:project_edit", args=[project.slug]),
        {"name": "Kapret", "status": "active"},
    )

    assert response.status_code == 403
    project.refresh_from_db()
    assert project.name == "Orkdal"
    with pytest.raises(PermissionDenied):
        services.project_update(actor=charlie.user, project=project, name="Kapret")


def test_it_lets_staff_of_a_participating_garden_edit(signed_in, charlie, project_ab):
    client = signed_in(charlie)

    response = client.post(
        reverse("collaboration:project_edit", args=[project_ab.slug]),
        {
            "name": "INNOMIDT",
            "goals": "Ett kollegium",
            "status": "active",
            "links": "https://siva.no Siva",
        },
    )

    assert response.status_code == 302
    project_ab.refresh_from_db()
    assert project_ab.goals == "Ett kollegium"
    assert [(link.url, link.title) for link in project_ab.links.all()] == [
        ("https://siva.no", "Siva")
    ]


def test_it_lets_only_the_leader_and_coordinator_change_the_gardens(
    project_ab, alice, bob, cora, garden_a, garden_b
):
    with pytest.raises(PermissionDenied):
        services.project_set_members(actor=alice.user, project=project_ab, gardens=[garden_a])

    services.project_set_members(actor=bob.user, project=project_ab, gardens=[garden_a])
    assert list(project_ab.gardens.all()) == [garden_a]
    services.project_set_members(actor=cora.user, project=project_ab, gardens=[garden_a, garden_b])
    assert project_ab.gardens.count() == 2
    with pytest.raises(ValidationError):
        services.project_set_members(actor=cora.user, project=project_ab, gardens=[])


def test_it_refuses_a_period_that_ends_before_it_starts(bob, garden_a):
    import datetime

    with pytest.raises(ValidationError) as error:
        services.project_create(
            actor=bob.user,
            name="Bakvendt",
            gardens=[garden_a],
            starts_on=datetime.date(2027, 1, 1),
            ends_on=datetime.date(2026, 1, 1),
        )
    assert "ends_on" in error.value.error_dict


def test_it_serves_a_projects_file_to_staff_only(client, signed_in, charlie, alice, project_b):
    from django.core.files.uploadedfile import SimpleUploadedFile

    signed_in(charlie)
    upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("collaboration:file_add", args=[project_b.slug]), {"file": upload}
    )
    assert response.status_code == 302
    stored = project_b.files.get()
    url = reverse("collaboration:file", args=[project_b.slug, stored.pk])

    client.logout()
    assert client.get(url).status_code == 302
    signed_in(alice)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_it_refuses_a_file_that_is_not_what_it_says(signed_in, charlie, project_b):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = signed_in(charlie)
    upload = SimpleUploadedFile("plan.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(
        reverse("collaboration:file_add", args=[project_b.slug]), {"file": upload}
    )

    assert response.status_code == 400
    assert not project_b.files.exists()


def test_it_shows_sessions_actions_events_and_methods_on_the_project_page(
    signed_in, alice, project_b, session_b, charlie
):
    from kollegium.collaboration.tests.factories import ActionItemFactory
    from kollegium.methods.tests.factories import MethodFactory

    ActionItemFactory(session=session_b, project=project_b, owner=charlie, what="Ring Kari")
    project_b.methods.add(MethodFactory(title="Synlig metode", visibility="network"))
    project_b.methods.add(MethodFactory(title="Skjult metode", visibility="garden"))
    client = signed_in(alice)

    page = client.get(reverse("collaboration:project", args=[project_b.slug])).content.decode()

    assert "Arbeidsøkt på Røros" in page
    assert "Ring Kari" in page
    assert "Synlig metode" in page
    assert "Skjult metode" not in page
    assert "Edit project" not in page
