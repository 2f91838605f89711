from django.urls import reverse


def test_it_shows_the_network_and_only_people_who_opted_in(client, alice, charlie, garden_a):
    alice.show_public = True
    alice.phone = "+47 900 00 001"
    alice.save()
    response = client.get(reverse("public:network"))
    body = response.content.decode()
    assert response.status_code == 200
    assert garden_a.name in body
    assert alice.name in body
    assert charlie.name not in body
    # Public pages show name, title, garden and areas only.
    assert alice.email not in body and alice.phone not in body


def test_it_shows_a_garden_page_with_its_municipality(client, garden_a, alice):
    response = client.get(reverse("public:garden", args=[garden_a.slug]))
    assert response.status_code == 200
    assert "Orkland" in response.content.decode()
    assert alice.name not in response.content.decode()


def test_it_answers_404_for_an_unknown_garden(client, db):
    assert client.get(reverse("public:garden", args=["finnes-ikke"])).status_code == 404


def test_it_shows_how_far_public_methods_have_spread(client, garden_a, garden_b):
    from kollegium.methods.models import Stage
    from kollegium.methods.tests.factories import AdoptionFactory, MethodFactory

    public = MethodFactory(
        owner=garden_a,
        stage=Stage.SHARED,
        visibility="public",
        licence="CC-BY-4.0",
        title="Frokostmøtekonseptet",
    )
    AdoptionFactory(method=public, garden=garden_b)
    MethodFactory(owner=garden_a, stage=Stage.SHARED, title="Bare for nettverket")

    body = client.get(reverse("public:network")).content.decode()

    assert "Frokostmøtekonseptet" in body
    assert "1 av 2" in body  # "brukt i 1 av 2 hager"
    assert "Bare for nettverket" not in body
