from decimal import Decimal

import factory

from network.models import Symbiosis


class SymbiosisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Symbiosis
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Symbiose {n}")
    slug = factory.Sequence(lambda n: f"symbiose-{n}")
    town = "Kalundborg"
    latitude = Decimal("55.6796")
    longitude = Decimal("11.0886")
    description_da = factory.LazyAttribute(lambda s: f"{s.name} deler ressourcer.")
    description_en = factory.LazyAttribute(lambda s: f"{s.name} shares resources.")
    role = Symbiosis.Role.MEMBER
    is_public = True
