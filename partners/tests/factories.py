import factory

from partners.models import Partner, Person


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = Partner.Kind.COMPANY
    membership = Partner.Membership.FULL
    sector_da = "Energi"
    sector_en = "Energy"
    summary_da = factory.LazyAttribute(lambda p: f"{p.name} deler damp med naboerne.")
    summary_en = factory.LazyAttribute(lambda p: f"{p.name} shares steam with its neighbours.")
    is_public = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    role_da = "Miljøkoordinator"
    role_en = "Environmental coordinator"
    organisation = factory.SubFactory(PartnerFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "+45 55 55 01 01"
    is_public = True
