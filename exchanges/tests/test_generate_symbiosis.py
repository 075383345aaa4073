"""`manage.py generate_symbiosis`: the large data set for `make bench`, at a small scale."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from exchanges.models import Flow, FlowFigure, Resource, units_for
from partners.models import Partner, Person
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

SMALL = ["--partners", "20", "--flows", "100", "--years", "3", "--until", "2024"]


def generate(*args):
    out = StringIO()
    call_command("generate_symbiosis", *SMALL, *args, stdout=out)
    return out.getvalue()


PARTNER_FIELDS = ["slug", "name", "kind", "membership", "year_joined", "summary_en", "latitude"]
FLOW_KEY = ["supplier__slug", "receiver__slug", "resource__slug"]
FLOW_FIELDS = ["status", "year_started", "year_ended", "is_public", "story_en"]
FIGURE_FIELDS = ["year", "kind", "quantity", "unit", "co2_avoided_t", "water_saved_m3", "source"]


def snapshot():
    """Everything generated, by natural keys (no primary keys or timestamps)."""
    return (
        list(Partner.objects.order_by("slug").values_list(*PARTNER_FIELDS)),
        list(Flow.objects.order_by(*FLOW_KEY).values_list(*FLOW_KEY, *FLOW_FIELDS)),
        list(
            FlowFigure.objects.order_by(
                *[f"flow__{k}" for k in FLOW_KEY], "year", "kind"
            ).values_list(*[f"flow__{k}" for k in FLOW_KEY], *FIGURE_FIELDS)
        ),
    )


def test_small_run_makes_the_asked_numbers_of_rows():
    message = generate()
    assert Partner.objects.count() == 20
    assert Flow.objects.count() == 100
    assert Resource.objects.exists()
    assert "Generated 20 partners" in message
    assert "100 flows" in message
    assert Person.objects.exists()
    # Realised figures only in the three asked years; expected ones lie ahead.
    realised_years = set(FlowFigure.objects.realised().values_list("year", flat=True))
    assert realised_years <= {2022, 2023, 2024}
    assert len(realised_years) == 3


def test_every_row_is_valid_and_realistic():
    generate()
    for model in (Partner, Person, Resource, Flow, FlowFigure):
        for obj in model.objects.all():
            obj.full_clean()  # model validation: units fit, years in order, …
    assert not Flow.objects.filter(supplier=F("receiver")).exists()
    for figure in FlowFigure.objects.select_related("flow__resource").exclude(unit=""):
        assert figure.unit in units_for(figure.flow.resource.category), figure
    assert all(slug.startswith("gen-") for slug in Partner.objects.values_list("slug", flat=True))
    statuses = set(Flow.objects.values_list("status", flat=True))
    assert statuses == {Flow.Status.ACTIVE, Flow.Status.ENDED, Flow.Status.PLANNED}
    assert not FlowFigure.objects.realised().filter(flow__status=Flow.Status.PLANNED).exists()
    links = set(Flow.objects.values_list("supplier_id", "receiver_id"))
    assert any((receiver, supplier) in links for supplier, receiver in links), "no two-way pair"
    # A busy hub first, as in a real symbiosis.
    hub = Partner.objects.get(slug="gen-asnaes-kraftvarme-as")
    assert hub.flows_out.count() + hub.flows_in.count() >= 10


def test_the_same_seed_gives_the_same_symbiosis_and_another_seed_another():
    generate()
    first = snapshot()
    generate()  # replaces the earlier generated rows
    assert Partner.objects.count() == 20
    assert snapshot() == first
    generate("--seed", "7")
    assert snapshot() != first


def test_refuses_a_database_with_real_partners_unless_forced():
    real = PartnerFactory(slug="orsted", name="Ørsted")
    with pytest.raises(CommandError, match="not generated"):
        generate()
    assert Partner.objects.count() == 1
    generate("--force")
    generate("--force")  # the second run replaces only generated rows
    assert Partner.objects.count() == 21
    assert Partner.objects.filter(pk=real.pk).exists()
    assert not Flow.objects.filter(supplier=real).exists()
    call_command("generate_symbiosis", "--clear", "--force", stdout=StringIO())
    assert list(Partner.objects.all()) == [real]
    assert not Flow.objects.exists() and not Resource.objects.exists()


def test_realised_figures_cannot_be_asked_for_this_year():
    with pytest.raises(CommandError, match="past year"):
        call_command("generate_symbiosis", "--until", str(datetime.date.today().year))
