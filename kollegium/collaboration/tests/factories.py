import datetime

import factory
from django.utils import timezone

from kollegium.collaboration.models import ActionItem, AgendaItem, Project, WorkSession
from kollegium.network.tests.factories import PersonFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"prosjekt-{n}")
    name = factory.Sequence(lambda n: f"Prosjekt {n}")
    description = "Et samarbeidsprosjekt."
    status = "active"

    @factory.post_generation
    def gardens(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.gardens.set(extracted)


class WorkSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkSession

    title = factory.Sequence(lambda n: f"Arbeidsøkt {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place = "Oppdal"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(WorkSessionFactory)
    title = factory.Sequence(lambda n: f"Sak {n}")
    position = factory.Sequence(lambda n: n)
    minutes_allotted = 30


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    session = factory.SubFactory(WorkSessionFactory)
    what = factory.Sequence(lambda n: f"Oppgave {n}")
    owner = factory.SubFactory(PersonFactory)
    due_on = datetime.date(2026, 12, 1)
