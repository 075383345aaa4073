"""Factories of the workspace's tests: people with access to organisations, rounds."""

import datetime

import factory
from django.contrib.auth import get_user_model

from partners.tests.factories import PartnerFactory
from workspace.models import Answer, DataRound, Membership, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"kontakt{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Mette"
    last_name = factory.Sequence(lambda n: f"Holm{n}")
    password = factory.django.Password("en-lang-adgangskode-42")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = Role.EDITOR


class ViewerFactory(MembershipFactory):
    role = Role.VIEWER


class DataRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataRound
        django_get_or_create = ("year",)

    year = 2025
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    message_da = "Send os jeres tal for året."
    message_en = "Send us your figures for the year."


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    round = factory.SubFactory(DataRoundFactory)
    partner = factory.SubFactory(PartnerFactory)
