import datetime
from decimal import Decimal

import factory

from partners.tests.factories import PartnerFactory
from projects.models import Currency, Funding, Participant, Project


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        django_get_or_create = ["slug"]

    title_da = factory.Sequence(lambda n: f"Projekt {n}")
    title_en = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    programme_da = "Interreg Baltic Sea Region"
    programme_en = "Interreg Baltic Sea Region"
    start = datetime.date(2019, 1, 1)
    end = datetime.date(2021, 6, 30)
    total_budget = Decimal("2500000")
    currency = Currency.EUR
    summary_da = factory.LazyAttribute(lambda p: f"{p.title_da} om industriel symbiose.")
    summary_en = factory.LazyAttribute(lambda p: f"{p.title_en} on industrial symbiosis.")
    is_public = True


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funding

    project = factory.SubFactory(ProjectFactory)
    source_da = "Den Europæiske Fond for Regionaludvikling"
    source_en = "European Regional Development Fund"
    amount = Decimal("1300000")
    currency = factory.SelfAttribute("project.currency")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    project = factory.SubFactory(ProjectFactory)
    partner = factory.SubFactory(PartnerFactory)
    name = ""
    role_da = "Partner"
    role_en = "Partner"
