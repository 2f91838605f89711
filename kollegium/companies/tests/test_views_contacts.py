from django.urls import reverse

from kollegium.companies.models import Contact
from kollegium.companies.tests.factories import ContactFactory
from kollegium.core.models import AuditEntry


def _contact(company):
    return company.contacts.get()


def _url(name, company, *args):
    return reverse(f"companies:{name}", args=[company.org_number, *args])


def test_it_adds_a_contact_person(signed_in, alice, company_a):
    response = signed_in(alice).post(
        _url("contact_create", company_a),
        {"name": "Per Persen", "role": "Daglig leder", "email": "per@orkla.example", "phone": ""},
    )
    assert response.status_code == 302
    assert response.url == company_a.get_absolute_url()
    contact = _contact(company_a)
    assert (contact.name, contact.role, contact.email) == (
        "Per Persen",
        "Daglig leder",
        "per@orkla.example",
    )
    entry = AuditEntry.objects.get(action="contact.created")
    assert (entry.actor, entry.object_id) == (alice.user, str(contact.pk))


def test_it_shows_field_errors_for_a_contact(signed_in, alice, company_a):
    response = signed_in(alice).post(
        _url("contact_create", company_a), {"name": "", "email": "not-an-address"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "email"}
    assert not Contact.objects.exists()


def test_it_edits_a_contact_person(signed_in, charlie, company_b):
    contact = _contact(company_b)
    url = _url("contact_edit", company_b, contact.pk)
    client = signed_in(charlie)
    page = client.get(url).content.decode()
    assert 'value="Kari Kontakt"' in page
    assert _url("contact_delete", company_b, contact.pk) in page
    response = client.post(url, {"name": "Kari Kontakt", "role": "Innkjøpssjef", "email": ""})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.role, contact.email) == ("Innkjøpssjef", "")
    entry = AuditEntry.objects.get(action="contact.updated")
    assert set(entry.data["fields"]) == {"role", "email"}


def test_it_deletes_a_contact_person_by_post_only(signed_in, charlie, company_b):
    contact = _contact(company_b)
    url = _url("contact_delete", company_b, contact.pk)
    client = signed_in(charlie)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == company_b.get_absolute_url()
    assert not Contact.objects.exists()
    assert AuditEntry.objects.get(action="contact.deleted").object_id == str(contact.pk)


def test_it_refuses_other_gardens_any_change(signed_in, alice, company_b):
    contact = _contact(company_b)
    client = signed_in(alice)
    assert client.get(_url("contact_edit", company_b, contact.pk)).status_code == 403
    assert (
        client.post(_url("contact_edit", company_b, contact.pk), {"name": "X"}).status_code == 403
    )
    assert client.post(_url("contact_delete", company_b, contact.pk)).status_code == 403
    assert client.post(_url("contact_create", company_b), {"name": "X"}).status_code == 403
    contact.refresh_from_db()
    assert contact.name == "Kari Kontakt"
    assert Contact.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_it_answers_404_for_a_contact_of_another_company(signed_in, olga, company_a, company_b):
    contact = _contact(company_b)
    client = signed_in(olga)
    assert client.get(_url("contact_edit", company_a, contact.pk)).status_code == 404
    assert client.post(_url("contact_delete", company_a, contact.pk)).status_code == 404
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_it_lists_the_contacts_on_the_company_page(signed_in, alice, company_a):
    ContactFactory(company=company_a, name="Ola Olsen", phone="912 34 567")
    html = signed_in(alice).get(company_a.get_absolute_url()).content.decode()
    assert "Ola Olsen" in html
    assert 'href="tel:91234567"' in html
