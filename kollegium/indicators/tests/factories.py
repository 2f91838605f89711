import factory

from kollegium.companies.tests.factories import CompanyFactory
from kollegium.indicators.models import KeyFigure


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure
        django_get_or_create = ("company", "year")

    company = factory.SubFactory(CompanyFactory)
    year = 2023
    revenue = 1_000_000
    operating_result = 100_000
    wage_costs = 400_000
    employees = 4
