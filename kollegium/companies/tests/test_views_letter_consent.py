"""Recording a contact's consent to the programme letter on the contact form."""

from django.urls import reverse

from kollegium.core.models import AuditEntry


def _post(client, company, contact, **extra):
    url = reverse("companies:contact_edit", args=[company.org_number, contact.pk])
    data = {"name": contact.name, "role": "", "email": contact.email, "phone": "", **extra}
    return client.post(url, data)


def test_it_records_an_opt_in_with_time_who_and_how(signed_in, charlie, company_b):
    contact = company_b.contacts.get()

    response = _post(
        signed_in(charlie), company_b, contact, letter_consent="on", letter_consent_how="På e-post"
    )

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.letter_consent
    assert contact.letter_consent_at is not None
    assert contact.letter_consent_by == charlie.user
    assert contact.letter_consent_how == "På e-post"
    assert AuditEntry.objects.filter(
        action="contact.letter_consent_given", object_id=str(contact.pk)
    ).exists()


def test_it_asks_how_consent_was_given(signed_in, charlie, company_b):
    contact = company_b.contacts.get()

    response = _post(signed_in(charlie), company_b, contact, letter_consent="on")

    assert response.status_code == 200
    assert "letter_consent_how" in response.context["form"].errors
    contact.refresh_from_db()
    assert not contact.letter_consent


def test_it_records_an_opt_out_by_staff(signed_in, charlie, company_b):
    contact = company_b.contacts.get()
    contact.letter_consent = True
    contact.save()

    _post(signed_in(charlie), company_b, contact)

    contact.refresh_from_db()
    assert not contact.letter_consent
    assert contact.letter_consent_by == charlie.user
    assert AuditEntry.objects.filter(action="contact.letter_consent_withdrawn").exists()


def test_it_leaves_consent_alone_when_other_fields_change(signed_in, charlie, company_b):
    contact = company_b.contacts.get()

    _post(signed_in(charlie), company_b, contact, role="Daglig leder")

    contact.refresh_from_db()
    assert (contact.role, contact.letter_consent, contact.letter_consent_at) == (
        "Daglig leder",
        False,
        None,
    )
    assert not AuditEntry.objects.filter(action__startswith="contact.letter_consent").exists()


def test_it_shows_what_was_recorded_last(signed_in, charlie, company_b):
    contact = company_b.contacts.get()
    _post(
        signed_in(charlie), company_b, contact, letter_consent="on", letter_consent_how="På e-post"
    )

    url = reverse("companies:contact_edit", args=[company_b.org_number, contact.pk])
    form = signed_in(charlie).get(url).context["form"]

    assert form["letter_consent"].initial is True
    assert "På e-post" in str(form["letter_consent"].help_text)
