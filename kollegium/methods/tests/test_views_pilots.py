"""Logging and evaluating pilots, adopting a method, and discussing it, from the method page."""

import datetime

from django.core import mail
from django.urls import reverse

from kollegium.methods.models import Adoption, Comment, Pilot
from kollegium.methods.tests.factories import EvaluatedPilotFactory, PilotFactory


def url(name, method, *args):
    return reverse(f"methods:{name}", args=[method.ref, *args])


def test_staff_of_another_garden_log_a_pilot(signed_in, charlie, method_a):
    response = signed_in(charlie).post(
        url("pilot_create", method_a),
        {
            "starts_on": "2025-02-03",
            "ends_on": "2025-03-31",
            "participants": "14",
            "context": "Tre frokostmøter på Røros",
        },
    )

    pilot = Pilot.objects.get()
    assert response.status_code == 302
    assert (pilot.garden, pilot.participants, pilot.is_completed) == (charlie.garden, 14, False)


def test_the_piloting_garden_evaluates_its_pilot(signed_in, diana, method_a, garden_b):
    pilot = PilotFactory(method=method_a, garden=garden_b)

    response = signed_in(diana).post(
        url("pilot_edit", method_a, pilot.pk),
        {
            "starts_on": "2025-01-15",
            "rating": "5",
            "worked": "Alt",
            "to_change": "",
            "recommendation": "adopt",
        },
    )

    pilot.refresh_from_db()
    assert response.status_code == 302
    assert pilot.is_completed and pilot.evaluated_on == datetime.date.today()


def test_another_garden_may_not_evaluate_the_pilot(signed_in, alice, method_a, garden_b):
    pilot = PilotFactory(method=method_a, garden=garden_b)

    response = signed_in(alice).post(url("pilot_edit", method_a, pilot.pk), {"rating": "1"})

    assert response.status_code == 403
    assert Pilot.objects.get().rating is None


def test_the_method_page_shows_the_evidence(signed_in, alice, method_a, garden_a, garden_b):
    EvaluatedPilotFactory(method=method_a, garden=garden_a, rating=4, recommendation="adopt")
    EvaluatedPilotFactory(method=method_a, garden=garden_b, rating=3, recommendation="revise")

    content = signed_in(alice).get(url("detail", method_a)).content.decode()

    assert "2 pilots in 2 garden(s)" in content
    assert "average rating 3.5 of 5" in content
    assert "Adopt: 1" in content and "Revise: 1" in content


def test_a_garden_marks_its_adoption_and_the_page_shows_the_spread(signed_in, charlie, method_a):
    client = signed_in(charlie)

    response = client.post(url("adopt", method_a), {"adopted_on": "2025-05-01", "note": "Fast"})

    assert response.status_code == 302
    assert Adoption.objects.get().garden == charlie.garden
    content = client.get(url("detail", method_a)).content.decode()
    assert "Used in 1 of 2 gardens." in content

    client.post(url("adoption_remove", method_a))
    assert not Adoption.objects.exists()


def test_staff_of_another_garden_comment_and_reply(
    signed_in, charlie, alice, method_a, django_capture_on_commit_callbacks
):
    client = signed_in(charlie)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("comment", method_a), {"text": "Hvordan inviterte dere?"})
    top = Comment.objects.get()

    reply = client.post(url("comment", method_a), {"text": "Tillegg", "parent": top.pk})

    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{top.pk}")
    assert reply.status_code == 302
    assert Comment.objects.get(text="Tillegg").parent == top
    assert [m.to for m in mail.outbox] == [["alice@orkdal.example"]]
    content = client.get(url("detail", method_a)).content.decode()
    assert "Hvordan inviterte dere?" in content and "Tillegg" in content


def test_an_empty_comment_is_refused_with_a_message(signed_in, charlie, method_a):
    response = signed_in(charlie).post(url("comment", method_a), {"text": "  "})

    assert response.status_code == 400
    assert "text" in response.context["comment_form"].errors
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_of_another_method_answers_404(signed_in, charlie, method_a, method_b):
    other = Comment.objects.create(method=method_b, text="Annen")

    response = signed_in(charlie).post(url("comment", method_a), {"text": "x", "parent": other.pk})

    assert response.status_code == 404
