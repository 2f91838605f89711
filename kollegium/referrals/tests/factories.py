import factory

from kollegium.companies.tests.factories import NeedFactory
from kollegium.network.tests.factories import PersonFactory
from kollegium.referrals.models import Referral, Status


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    need = factory.SubFactory(NeedFactory)
    company = factory.SelfAttribute("need.company")
    from_person = factory.SubFactory(PersonFactory)
    from_garden = factory.SelfAttribute("from_person.garden")
    to_person = factory.SubFactory(PersonFactory)
    to_garden = factory.SelfAttribute("to_person.garden")
    message = factory.Faker("sentence", locale="no_NO")
    status = Status.PENDING
