import re

from django.core import mail
from django.urls import reverse

from kollegium.network.models import Person, Role, User  # noqa: F401


def test_it_invites_a_staff_member_by_email(
    signed_in, bob, garden_a, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(bob).post(
            reverse("network:garden_staff", args=[garden_a.slug]),
            {
                "email": "Ny@Orkdal.example",
                "name": "Nora Ny",
                "title": "Rådgiver",
                "role": "advisor",
            },
        )
    assert response.status_code == 302
    person = Person.objects.get(user__email="ny@orkdal.example")
    assert person.garden == garden_a
    assert not person.user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ny@orkdal.example"]
    path = re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+/\S+/)", mail.outbox[0].body)
    client.logout()
    page = client.get(path.group(1), follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Et-godt-passord-123", "new_password2": "Et-godt-passord-123"},
    )
    assert client.login(email="ny@orkdal.example", password="Et-godt-passord-123")


def test_it_refuses_to_invite_an_existing_account(signed_in, bob, charlie, garden_a):
    response = signed_in(bob).post(
        reverse("network:garden_staff", args=[garden_a.slug]),
        {"email": charlie.email, "name": "X", "title": "", "role": Role.ADVISOR},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert mail.outbox == []


def test_it_deactivates_and_reactivates_a_staff_member(signed_in, bob, alice, garden_a):
    client = signed_in(bob)
    url = reverse("network:staff_set_active", args=[garden_a.slug, alice.pk])
    client.post(url, {"active": "0"})
    assert User.objects.get(pk=alice.user_id).is_active is False
    client.post(url, {"active": "1"})
    assert User.objects.get(pk=alice.user_id).is_active is True


def test_it_forbids_managing_another_gardens_staff(signed_in, diana, alice, garden_a, garden_b):
    client = signed_in(diana)
    assert client.get(reverse("network:garden_staff", args=[garden_a.slug])).status_code == 403
    url = reverse("network:staff_set_active", args=[garden_a.slug, alice.pk])
    assert client.post(url, {"active": "0"}).status_code == 403
    # Someone of garden A addressed through garden B's URL is not found there.
    url = reverse("network:staff_set_active", args=[garden_b.slug, alice.pk])
    assert client.post(url, {"active": "0"}).status_code == 404
    assert User.objects.get(pk=alice.user_id).is_active is True


def test_it_forbids_advisors_to_manage_staff(signed_in, alice, garden_a):
    assert (
        signed_in(alice).get(reverse("network:garden_staff", args=[garden_a.slug])).status_code
        == 403
    )
