import factory

from kollegium.companies.models import Company, CompanyGarden, Contact, Need
from kollegium.core.validators import org_number_check_digit


def valid_org_number(n: int) -> str:
    """The n-th MOD11-valid organisation number starting with 9."""
    base = 91000000 + n
    while True:
        first = str(base)
        digit = org_number_check_digit(first)
        if digit is not None:
            return first + str(digit)
        base += 1000000  # skip to a different prefix, keeps numbers distinct per n


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    org_number = factory.Sequence(valid_org_number)
    name = factory.Sequence(lambda n: f"Bedrift {n} AS")
    nace = "62.100"
    municipality = "5059"


class CompanyGardenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyGarden

    company = factory.SubFactory(CompanyFactory)
    garden = factory.SubFactory("kollegium.network.tests.factories.GardenFactory")
    relation = "member"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    company = factory.SubFactory(CompanyFactory)
    name = factory.Faker("name", locale="no_NO")
    email = factory.Sequence(lambda n: f"kontakt{n}@bedrift.example")


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    company = factory.SubFactory(CompanyFactory)
    text = factory.Sequence(lambda n: f"Trenger hjelp med søknad nummer {n}")
