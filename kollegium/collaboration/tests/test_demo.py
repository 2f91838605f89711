from pathlib import Path

from django.core.management import call_command

from kollegium.collaboration.models import ActionItem, Project, SessionStatus, WorkSession

DEMO = Path(__file__).resolve().parents[3] / "demo" / "innomidt.json"


def test_it_adds_the_innomidt_project_to_the_demo_network_once(db, capsys):
    call_command("import_network", str(DEMO))

    call_command("demo_collaboration")
    call_command("demo_collaboration")

    project = Project.objects.get(slug="innomidt")
    assert project.gardens.count() == 4
    assert project.leader.role == "coordinator"
    oppdal = WorkSession.objects.get(title__contains="Oppdal")
    assert (oppdal.starts_at.year, oppdal.starts_at.month) == (2016, 4)
    assert oppdal.status == SessionStatus.HELD
    assert "kompetanseprogram" in " ".join(oppdal.agenda.values_list("title", flat=True))
    assert oppdal.decisions.exists() and oppdal.actions.exists()
    assert oppdal.invitations.count() == 17
    assert WorkSession.objects.count() == 4
    assert ActionItem.objects.filter(status="open").count() == 3
    assert "exists already" in capsys.readouterr().out
