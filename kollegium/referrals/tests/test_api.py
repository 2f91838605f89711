"""The referrals API: ask, answer, talk, complete, list mine."""

import pytest

from kollegium.api.tests.conftest import Api
from kollegium.companies.models import NeedStatus
from kollegium.referrals.models import Referral, Status


@pytest.fixture
def api(client):
    return Api(client)


def test_the_api_runs_a_referral_from_question_to_outcome(api, alice, charlie, need_a):
    asked = api.post(
        f"/needs/{need_a.pk}/referrals",
        {"to": ["charlie@roros.example"], "message": "Eksport?"},
        who=alice,
    )
    assert asked.status_code == 201, asked.content
    [row] = asked.json()
    assert row["asked"]["email"] == "charlie@roros.example" and row["status"] == "pending"
    pk = row["id"]

    assert api.post(f"/referrals/{pk}/answer", {"accept": True}, who=charlie).status_code == 200
    message = api.post(f"/referrals/{pk}/messages", {"text": "Jeg tar det"}, who=charlie)
    assert message.status_code == 201 and message.json()["author"] == "Charlie Dahl"
    done = api.post(
        f"/referrals/{pk}/complete", {"helped": True, "hours_spent": "1.5"}, who=charlie
    )

    assert done.status_code == 200 and done.json()["status"] == "completed"
    referral = Referral.objects.get(pk=pk)
    need_a.refresh_from_db()
    assert (referral.status, str(referral.hours_spent)) == (Status.COMPLETED, "1.5")
    assert need_a.status == NeedStatus.MET
    mine = api.get("/referrals?role=received", who=charlie).json()
    assert [r["id"] for r in mine["items"]] == [pk]
    assert api.get("/referrals?role=received", who=alice).json()["count"] == 0


def test_the_api_refuses_unknown_colleagues_with_a_field_error(api, alice, need_a):
    response = api.post(
        f"/needs/{need_a.pk}/referrals", {"to": ["nobody@x.example"], "message": "Hei"}, who=alice
    )

    assert response.status_code == 422
    assert "to" in response.json()["error"]["fields"]
    assert not Referral.objects.exists()


def test_declining_without_a_reason_is_a_422(api, alice, charlie, need_a):
    api.post(f"/needs/{need_a.pk}/referrals", {"to": [charlie.email], "message": "Hei"}, who=alice)
    pk = Referral.objects.get().pk

    response = api.post(f"/referrals/{pk}/answer", {"accept": False}, who=charlie)

    assert response.status_code == 422
    assert Referral.objects.get().status == Status.PENDING


def test_the_api_list_keeps_its_queries_bounded(api, alice, need_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kollegium.companies.tests.factories import NeedFactory
    from kollegium.network.tests.factories import PersonFactory
    from kollegium.referrals.tests.factories import ReferralFactory

    def add(count):
        for _n in range(count):
            ReferralFactory(need=need_a, from_person=alice, to_person=PersonFactory())
            ReferralFactory(need=NeedFactory(), from_person=PersonFactory(), to_person=alice)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert api.get("/referrals?limit=200", who=alice).status_code == 200
        return len(captured)

    queries()
    add(10)
    few = queries()
    add(90)
    assert queries() == few
