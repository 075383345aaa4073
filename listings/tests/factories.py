"""Factories of the exchange's tests: listings and matches."""

import factory
from django.utils import timezone

from listings.models import Kind, Listing, Match, Status, Visibility
from partners.tests.factories import PartnerFactory


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    kind = Kind.OFFER
    organisation = factory.SubFactory(
        PartnerFactory, town="Kalundborg", latitude="55.68100", longitude="11.08900"
    )
    title_da = factory.Sequence(lambda n: f"Opslag {n}")
    title_en = factory.Sequence(lambda n: f"Listing {n}")
    description_da = "Overskudsvarme fra en proces."
    description_en = "Surplus heat from a process."
    category = "material"
    place = "Kalundborg"
    visibility = Visibility.PUBLIC
    status = Status.PUBLISHED
    language = "da"
    published_at = factory.LazyFunction(timezone.now)


class WantFactory(ListingFactory):
    kind = Kind.WANT


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    offer = factory.SubFactory(ListingFactory)
    want = factory.SubFactory(WantFactory)
