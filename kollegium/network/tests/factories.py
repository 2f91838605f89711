import factory

from kollegium.network.models import Competence, CompetenceArea, Garden, Person, Role, User

PASSWORD = "riktig-hest-batteri-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.no")
    name = factory.Faker("name", locale="no_NO")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class GardenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Garden

    slug = factory.Sequence(lambda n: f"hage-{n}")
    name = factory.Sequence(lambda n: f"Næringshage {n}")
    municipality = "5059"


class CompetenceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetenceArea

    slug = factory.Sequence(lambda n: f"omrade-{n}")
    name = factory.Sequence(lambda n: f"Område {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    user = factory.SubFactory(UserFactory)
    garden = factory.SubFactory(GardenFactory)
    role = Role.ADVISOR
    title = "Rådgiver"


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competence

    person = factory.SubFactory(PersonFactory)
    area = factory.SubFactory(CompetenceAreaFactory)
    level = 2
