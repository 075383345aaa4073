import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from partners.tests.factories import PartnerFactory
from projects.models import Currency, Funding, Participant, Project, grants_over_budget
from projects.money import format_money
from projects.tests.factories import FundingFactory, ParticipantFactory, ProjectFactory

pytestmark = pytest.mark.django_db

DKK, EUR = Currency.DKK, Currency.EUR


@pytest.mark.parametrize(
    ("language", "amount", "currency", "expected"),
    [
        ("da", "11999467", DKK, "11.999.467\u00a0kr."),
        ("en", "11999467", DKK, "DKK\u00a011,999,467"),
        ("da", "2500000", EUR, "2.500.000\u00a0€"),
        ("en", "2500000", EUR, "€2,500,000"),
        ("da", "1968401.16", EUR, "1.968.401,16\u00a0€"),
        ("en", "1968401.16", EUR, "€1,968,401.16"),
        ("en", "5999467.00", DKK, "DKK\u00a05,999,467"),
        ("da", "0", DKK, "0\u00a0kr."),
    ],
)
def test_money_is_written_as_each_language_reads_it(language, amount, currency, expected):
    with translation.override(language):
        assert format_money(Decimal(amount), currency) == expected


def test_status_follows_the_dates_and_the_amended_end():
    project = ProjectFactory.build(
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2021, 6, 30),
        amended_end=datetime.date(2021, 12, 31),
    )
    assert project.status_on(datetime.date(2018, 12, 31)) == Project.Status.PLANNED
    assert project.status_on(datetime.date(2019, 1, 1)) == Project.Status.RUNNING
    # Past the original end but within the extension: still running.
    assert project.status_on(datetime.date(2021, 9, 1)) == Project.Status.RUNNING
    assert project.status_on(datetime.date(2022, 1, 1)) == Project.Status.COMPLETED


def test_status_querysets_agree_with_the_status():
    today = datetime.date(2021, 9, 1)
    planned = ProjectFactory(start=datetime.date(2022, 1, 1), end=datetime.date(2023, 1, 1))
    extended = ProjectFactory(
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2021, 6, 30),
        amended_end=datetime.date(2021, 12, 31),
    )
    done = ProjectFactory(start=datetime.date(2017, 1, 1), end=datetime.date(2019, 12, 31))
    assert list(Project.objects.planned(today)) == [planned]
    assert list(Project.objects.running(today)) == [extended]
    assert list(Project.objects.completed(today)) == [done]
    for project in (planned, extended, done):
        assert Project.objects.filter(pk=project.pk).running(today).exists() == (
            project.status_on(today) == Project.Status.RUNNING
        )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"end": datetime.date(2018, 1, 1)},
            "end",
            "A project cannot end before it starts.",
        ),
        (
            {"amended_end": datetime.date(2021, 6, 30)},
            "amended_end",
            "The amended end date is the same as the end date: leave it empty.",
        ),
        (
            {"amended_end": datetime.date(2018, 6, 30)},
            "amended_end",
            "The amended end date cannot be before the start.",
        ),
        (
            {"grant_holder_name": "Holbæk Kommune", "with_holder": True},
            "grant_holder_name",
            "Choose the grant holder among the partners or type its name, not both.",
        ),
    ],
)
def test_project_validation(changes, field, message):
    with translation.override("en"):
        changes = dict(changes)
        if changes.pop("with_holder", False):
            changes["grant_holder"] = PartnerFactory()
        project = ProjectFactory.build(**changes)
        with pytest.raises(ValidationError) as error:
            project.full_clean()
        assert message in error.value.message_dict[field]


@pytest.mark.parametrize(
    "holder", [{}, {"grant_holder_name": "Holbæk Kommune"}, {"grant_holder": "partner"}]
)
def test_a_grant_holder_is_optional_but_never_twofold(holder):
    if holder.get("grant_holder") == "partner":
        holder = {"grant_holder": PartnerFactory()}
    ProjectFactory.build(**holder).full_clean()  # does not raise


def test_database_refuses_two_grant_holders():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(grant_holder=PartnerFactory(), grant_holder_name="Holbæk Kommune")


def test_budget_is_optional_and_then_not_formatted():
    project = ProjectFactory(total_budget=None)
    project.full_clean()
    assert project.budget_display is None


@pytest.mark.parametrize(
    ("partner", "name"), [(True, "Holbæk Kommune"), (False, ""), (False, "   ")]
)
def test_participant_is_a_partner_or_a_name_exactly(partner, name):
    participant = ParticipantFactory.build(
        project=ProjectFactory(), partner=PartnerFactory() if partner else None, name=name
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            participant.full_clean()
        assert error.value.message_dict["name"][0].startswith("Choose a partner of the symbiosis")


def test_participant_with_partner_or_name_is_valid():
    project = ProjectFactory()
    ParticipantFactory.build(project=project, partner=PartnerFactory()).full_clean()
    ParticipantFactory.build(project=project, partner=None, name="Odsherred Kommune").full_clean()


@pytest.mark.parametrize(("partner", "name"), [(True, "Holbæk Kommune"), (False, "")])
def test_database_refuses_participant_with_both_or_neither(partner, name):
    project = ProjectFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(
            project=project, partner=PartnerFactory() if partner else None, name=name
        )


def test_negative_amount_is_refused():
    funding = FundingFactory.build(project=ProjectFactory(), amount=Decimal("-1"))
    with pytest.raises(ValidationError) as error:
        funding.full_clean()
    assert "amount" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Funding.objects.create(
            project=funding.project, source_da="X", amount=Decimal("-1"), currency=EUR
        )


def test_grants_over_budget_adds_only_the_projects_own_currency():
    project = ProjectFactory.build(total_budget=Decimal("2500000"), currency=EUR)
    fits = [(Decimal("1300000"), EUR), (Decimal("1200000"), EUR), (Decimal("9000000"), DKK)]
    assert grants_over_budget(project, fits) is None
    over = [(Decimal("1300000"), EUR), (Decimal("1200000.01"), EUR)]
    assert grants_over_budget(project, over) == (EUR, Decimal("2500000.01"), Decimal("2500000"))
    project.total_budget = None
    assert grants_over_budget(project, over) is None


@pytest.mark.parametrize(
    ("precision", "language", "start", "end", "original"),
    [
        ("day", "en", ("2019-01-01", "Jan. 1, 2019"), ("2021-12-31", "Dec. 31, 2021"),
         "June 30, 2021"),
        ("day", "da", ("2019-01-01", "1. januar 2019"), ("2021-12-31", "31. december 2021"),
         "30. juni 2021"),
        ("month", "en", ("2019-01", "January 2019"), ("2021-12", "December 2021"), "June 2021"),
        ("year", "da", ("2019", "2019"), ("2021", "2021"), "2021"),
    ],
)  # fmt: skip
def test_period_is_written_to_the_known_precision(precision, language, start, end, original):
    project = ProjectFactory.build(
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2021, 6, 30),
        amended_end=datetime.date(2021, 12, 31),
        date_precision=precision,
    )
    with translation.override(language):
        assert tuple(project.start_text) == start
        assert tuple(project.end_text) == end
        assert project.original_end_text.text == original


def test_absolute_url_follows_language():
    project = ProjectFactory.build(slug="ubis")
    with translation.override("en"):
        assert project.get_absolute_url() == "/en/projects/ubis/"
