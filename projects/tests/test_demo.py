from decimal import Decimal

import pytest
from django.forms.models import model_to_dict

from partners.tests.factories import PartnerFactory
from projects import demo
from projects.models import Funding, Participant, Project

pytestmark = pytest.mark.django_db


def snapshot():
    return [
        [(model_to_dict(row), getattr(row, "updated", None)) for row in model.objects.all()]
        for model in (Project, Funding, Participant)
    ]


@pytest.fixture
def loaded():
    # The two partners the projects name (the partners demo makes them with logos, slowly).
    PartnerFactory(slug="kalundborg-kommune", name="Kalundborg Kommune")
    PartnerFactory(slug="kalundborg-symbiose", name="Kalundborg Symbiose")
    assert demo.load() > 0


def test_demo_has_the_four_projects_secretariat_first(loaded):
    assert [p.slug for p in Project.objects.published()] == [
        "regionalt-symbiosesekretariat",
        "baltic-industrial-symbiosis",
        "valuewaste",
        "ubis",
    ]


def test_demo_figures_are_the_published_ones(loaded):
    secretariat = Project.objects.get(slug="regionalt-symbiosesekretariat")
    assert (secretariat.total_budget, secretariat.currency) == (Decimal("11999467"), "DKK")
    assert secretariat.grant_holder.slug == "kalundborg-kommune"
    assert [(f.amount, f.currency) for f in secretariat.fundings.all()] == [
        (Decimal("5999467"), "DKK")
    ]
    assert [p.display_name for p in secretariat.participants.all()] == [
        "Kalundborg Kommune",
        "Holbæk Kommune",
        "Odsherred Kommune",
    ]
    bis = Project.objects.get(slug="baltic-industrial-symbiosis")
    assert (bis.total_budget, bis.currency, str(bis.end), str(bis.amended_end)) == (
        Decimal("2500000"),
        "EUR",
        "2021-06-30",
        "2021-12-31",
    )
    assert [f.amount for f in bis.fundings.all()] == [Decimal("1300000")]
    valuewaste = Project.objects.get(slug="valuewaste")
    assert valuewaste.total_budget is None  # not published: never invented
    assert (valuewaste.grant_reference, valuewaste.partner_count) == ("818312", 17)
    ubis = Project.objects.get(slug="ubis")
    assert ubis.total_budget == Decimal("1968401.16")
    assert [f.amount for f in ubis.fundings.all()] == [Decimal("1547123.91")]
    assert ubis.date_precision == Project.Precision.YEAR
    for project in Project.objects.all():
        project.full_clean()
        assert project.status == Project.Status.COMPLETED


def test_loading_the_demo_twice_changes_nothing(loaded):
    before = snapshot()
    assert demo.load() == 0
    assert snapshot() == before
