from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kollegium.network.models import User
from kollegium.network.tests.factories import PASSWORD

DEMO_PASSWORD = "kollegium-demo"


def _run(*args) -> str:
    out = StringIO()
    call_command("demo_logins", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def cast(alice, bob, cora, charlie, diana):
    return {"alice": alice, "bob": bob, "cora": cora, "charlie": charlie, "diana": diana}


def test_it_refuses_to_run_when_debug_is_off(cast, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        _run()

    cast["alice"].user.refresh_from_db()
    assert cast["alice"].user.check_password(PASSWORD)
    assert not User.objects.filter(email="admin@kollegium.example").exists()


def test_it_gives_the_first_of_each_role_and_the_operator_the_demo_password(cast, settings):
    settings.DEBUG = True

    output = _run()

    assert output.splitlines() == [
        "role         e-mail                  password",
        "leader       bob@orkdal.example      kollegium-demo",
        "advisor      alice@orkdal.example    kollegium-demo",
        "coordinator  cora@orkdal.example     kollegium-demo",
        "operator     admin@kollegium.example kollegium-demo",
    ]
    for name in ("alice", "bob", "cora"):
        assert User.objects.get(pk=cast[name].user_id).check_password(DEMO_PASSWORD)
    for name in ("charlie", "diana"):
        assert User.objects.get(pk=cast[name].user_id).check_password(PASSWORD)
    operator = User.objects.get(email="admin@kollegium.example")
    assert operator.is_superuser and operator.is_staff and operator.is_active
    assert operator.check_password(DEMO_PASSWORD)


def test_it_updates_the_operator_it_made_before_when_forced(cast, settings):
    settings.DEBUG = False
    User.objects.create_user(email="admin@kollegium.example", password="something-else")

    _run("--force")
    _run("--force")

    operator = User.objects.get(email="admin@kollegium.example")
    assert operator.is_superuser
    assert operator.check_password(DEMO_PASSWORD)


def test_it_skips_a_role_nobody_has(alice, settings):
    settings.DEBUG = True

    output = _run()

    assert [line.split()[0] for line in output.splitlines()] == ["role", "advisor", "operator"]
