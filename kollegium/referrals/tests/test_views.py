"""Referral pages: ask from a need, answer, talk, complete; the list's query budget."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.companies.models import NeedStatus
from kollegium.companies.tests.factories import NeedFactory
from kollegium.network.tests.factories import PersonFactory
from kollegium.referrals.models import Message, Referral, Status
from kollegium.referrals.tests.factories import ReferralFactory


def test_the_need_page_offers_to_ask_the_network_to_its_gardens_staff(
    signed_in, alice, charlie, need_a
):
    url = reverse("companies:need", args=[need_a.company.org_number, need_a.pk])
    ask = reverse("referrals:create", args=[need_a.company.org_number, need_a.pk])

    assert ask in signed_in(alice).get(url).content.decode()


def test_an_advisor_asks_a_colleague_found_in_the_directory(signed_in, alice, charlie, need_a):
    client = signed_in(alice)
    url = reverse("referrals:create", args=[need_a.company.org_number, need_a.pk])

    page = client.get(url, {"q": "Charlie"})
    assert page.status_code == 200
    assert f'value="{charlie.pk}"' in page.content.decode()
    response = client.post(url, {"to_people": [charlie.pk], "message": "Kan du ta en prat?"})

    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == referral.get_absolute_url()
    assert (referral.to_person, referral.message) == (charlie, "Kan du ta en prat?")


def test_asking_without_choosing_anyone_shows_the_error(signed_in, alice, need_a):
    url = reverse("referrals:create", args=[need_a.company.org_number, need_a.pk])

    response = signed_in(alice).post(url, {"message": "Hei"})

    assert response.status_code == 200
    assert "Choose at least one colleague" in response.content.decode() or "kollega" in (
        response.content.decode()
    )
    assert not Referral.objects.exists()


def test_the_asked_colleague_answers_talks_and_records_the_outcome(client, alice, charlie, need_a):
    referral = ReferralFactory(need=need_a, from_person=alice, to_person=charlie)
    client.force_login(charlie.user)

    client.post(reverse("referrals:answer", args=[referral.pk]), {"accept": "yes"})
    client.post(reverse("referrals:message", args=[referral.pk]), {"text": "Jeg ringer dem"})
    client.post(
        reverse("referrals:complete", args=[referral.pk]),
        {"helped": "yes", "note": "Bra møte", "hours_spent": "2.5", "need_status": ""},
    )

    referral.refresh_from_db()
    need_a.refresh_from_db()
    assert referral.status == Status.COMPLETED and referral.outcome_note == "Bra møte"
    assert Message.objects.get().text == "Jeg ringer dem"
    assert need_a.status == NeedStatus.MET


def test_declining_without_a_reason_is_shown_on_the_page(client, alice, charlie, need_a):
    referral = ReferralFactory(need=need_a, from_person=alice, to_person=charlie)
    client.force_login(charlie.user)

    response = client.post(reverse("referrals:answer", args=[referral.pk]), {"accept": "no"})

    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.status == Status.PENDING


def test_the_asker_cannot_answer_for_the_colleague(client, alice, charlie, need_a):
    referral = ReferralFactory(need=need_a, from_person=alice, to_person=charlie)
    client.force_login(alice.user)

    response = client.post(reverse("referrals:answer", args=[referral.pk]), {"accept": "yes"})

    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == Status.PENDING


def _list_queries(client, person) -> int:
    client.force_login(person.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("referrals:list"))
    assert response.status_code == 200
    return len(queries)


def test_the_referral_list_keeps_its_queries_bounded(client, alice, charlie, cora, need_a):
    def add(count):
        for _n in range(count):
            ReferralFactory(need=need_a, from_person=alice, to_person=PersonFactory())
            ReferralFactory(need=NeedFactory(), from_person=PersonFactory(), to_person=alice)

    _list_queries(client, alice)  # the network's settings row is made on first use
    add(10)
    few = _list_queries(client, alice), _list_queries(client, cora)
    add(190)
    many = _list_queries(client, alice), _list_queries(client, cora)

    assert few == many


def test_the_referral_page_keeps_its_queries_bounded(client, alice, charlie, need_a):
    referral = ReferralFactory(
        need=need_a, from_person=alice, to_person=charlie, status=Status.ACCEPTED
    )
    client.force_login(charlie.user)
    url = reverse("referrals:detail", args=[referral.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()  # the network's settings row is made on first use
    for n in range(10):
        Message.objects.create(referral=referral, author=alice, author_name="Alice", text=f"{n}")
    few = count()
    for n in range(190):
        Message.objects.create(referral=referral, author=alice, author_name="Alice", text=f"{n}")

    assert count() == few


def test_the_ask_page_keeps_its_queries_bounded(client, alice, need_a, monkeypatch):
    # The matching ranking keeps its own budget (kollegium/matching); here: this page's part.
    monkeypatch.setattr("kollegium.matching.ranking.match", lambda *a, **k: [])
    client.force_login(alice.user)
    url = reverse("referrals:create", args=[need_a.company.org_number, need_a.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"q": "a"}).status_code == 200
        return len(queries)

    def add(n):
        for _i in range(n):
            ReferralFactory(need=need_a, from_person=alice, to_person=PersonFactory())

    count()
    add(10)
    few = count()
    add(190)
    assert count() == few
