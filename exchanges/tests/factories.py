"""factory_boy factories for the exchanges app.

`FlowFactory()` makes a published, active steam flow between two new, distinct
public partners; `FlowFigureFactory()` a realised yearly figure of such a flow.
Override what a test cares about: `FlowFigureFactory(flow__resource__category=...)`
or, clearer, pass a `flow=` built with the resource you want.
"""

import datetime
from decimal import Decimal

import factory

from exchanges.models import Category, Flow, FlowFigure, ImpactStatement, Resource
from exchanges.units import Unit
from partners.tests.factories import PartnerFactory


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        django_get_or_create = ["slug"]

    name_da = factory.Sequence(lambda n: f"Damp {n}")
    name_en = factory.Sequence(lambda n: f"Steam {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    category = Category.ENERGY
    default_unit = Unit.T

    class Params:
        # ResourceFactory(water=True), (material=True), (heat=True): a typical resource.
        water = factory.Trait(
            name_da=factory.Sequence(lambda n: f"Overfladevand {n}"),
            name_en=factory.Sequence(lambda n: f"Surface water {n}"),
            category=Category.WATER,
            default_unit=Unit.M3,
        )
        material = factory.Trait(
            name_da=factory.Sequence(lambda n: f"Gips {n}"),
            name_en=factory.Sequence(lambda n: f"Gypsum {n}"),
            category=Category.MATERIAL,
            default_unit=Unit.T,
        )
        heat = factory.Trait(
            name_da=factory.Sequence(lambda n: f"Fjernvarme {n}"),
            name_en=factory.Sequence(lambda n: f"District heating {n}"),
            category=Category.ENERGY,
            default_unit=Unit.MWH,
        )


class FlowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Flow

    supplier = factory.SubFactory(PartnerFactory)
    receiver = factory.SubFactory(PartnerFactory)  # a second sequence value: never the supplier
    resource = factory.SubFactory(ResourceFactory)
    story_da = factory.LazyAttribute(
        lambda f: f"{f.supplier.name} sender {f.resource.name_da.lower()} til {f.receiver.name}."
    )
    story_en = factory.LazyAttribute(
        lambda f: f"{f.supplier.name} sends {f.resource.name_en.lower()} to {f.receiver.name}."
    )
    year_started = 1982
    year_ended = None
    status = Flow.Status.ACTIVE
    is_public = True


class FlowFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FlowFigure

    flow = factory.SubFactory(FlowFactory)
    year = 2019
    kind = FlowFigure.Kind.REALISED
    quantity = Decimal("1000")
    unit = factory.LazyAttribute(lambda f: f.flow.resource.default_unit)
    co2_avoided_t = None
    water_saved_m3 = None
    source = "Partner report"
    source_url = ""

    class Params:
        expected = factory.Trait(
            kind=FlowFigure.Kind.EXPECTED,
            year=factory.LazyFunction(lambda: datetime.date.today().year + 1),
        )


class ImpactStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactStatement

    year = 2018
    metric = ImpactStatement.Metric.CO2
    value = Decimal("635000")
    unit = Unit.T
    note_da = "om året"
    note_en = "per year"
    source = "Ellen MacArthur Foundation"
    source_url = "https://www.ellenmacarthurfoundation.org/circular-examples/kalundborg-symbiosis"
    method_da = "Livscyklusvurdering"
    method_en = "Life-cycle assessment"
