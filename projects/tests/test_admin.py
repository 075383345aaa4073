"""The secretariat edits projects in the admin: grants and partners inline, mistakes
refused with a clear message and nothing saved."""

from decimal import Decimal

import pytest
from django.conf import settings

from partners.tests.factories import PartnerFactory
from projects.models import Funding, Participant, Project
from projects.tests.factories import FundingFactory, ProjectFactory
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db

ADD = "/admin/projects/project/add/"


@pytest.fixture
def admin_en(admin_client):
    """The admin in English (staff choose it with the language cookie): the Danish
    translations of new messages are added later by the lead."""
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return admin_client


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def project_form(holder, overrides=None):
    data = {
        "acronym": "BIS",
        "slug": "baltic-industrial-symbiosis",
        "is_public": "on",
        "order": "20",
        "title_da": "Baltic Industrial Symbiosis",
        "programme_da": "Interreg Baltic Sea Region",
        "summary_da": "Et Interreg-projekt om industriel symbiose.",
        "description_da": "<p>Om projektet.</p>",
        "title_en": "Baltic Industrial Symbiosis",
        "programme_en": "Interreg Baltic Sea Region",
        "summary_en": "An Interreg project on industrial symbiosis.",
        "description_en": "",
        "fund": "ERDF",
        "grant_reference": "",
        "total_budget": "2500000",
        "currency": "EUR",
        "grant_holder": str(holder.pk),
        "grant_holder_name": "",
        "start": "2019-01-01",
        "end": "2021-06-30",
        "amended_end": "2021-12-31",
        "date_precision": "month",
        "partner_count": "",
        "country_count": "",
        "website": "",
        **management("fundings", 2),
        "fundings-0-source_da": "Den Europæiske Fond for Regionaludvikling",
        "fundings-0-source_en": "European Regional Development Fund",
        "fundings-0-amount": "1300000",
        "fundings-0-currency": "EUR",
        "fundings-0-order": "1",
        "fundings-1-source_da": "Statens medfinansiering",
        "fundings-1-source_en": "",
        "fundings-1-amount": "200000",
        "fundings-1-currency": "DKK",
        "fundings-1-order": "2",
        **management("participants", 2),
        "participants-0-partner": str(holder.pk),
        "participants-0-name": "",
        "participants-0-country": "DK",
        "participants-0-role_da": "Leadpartner",
        "participants-0-role_en": "Lead partner",
        "participants-0-order": "1",
        "participants-1-partner": "",
        "participants-1-name": "Holbæk Kommune",
        "participants-1-country": "DK",
        "participants-1-role_da": "",
        "participants-1-role_en": "",
        "participants-1-order": "2",
    }
    data.update(overrides or {})
    return data


def errors(response):
    return [li.get_text(" ", strip=True) for li in soup(response).select(".errorlist li")]


@pytest.fixture
def holder():
    return PartnerFactory(name="Kalundborg Symbiose", slug="kalundborg-symbiose")


def test_add_form_offers_danish_and_english_and_the_inlines(admin_en):
    page = soup(admin_en.get(ADD))
    assert page.select_one('input[name="title_da"]') and page.select_one('input[name="title_en"]')
    assert page.select_one('input[name="fundings-TOTAL_FORMS"]')
    assert page.select_one('input[name="participants-TOTAL_FORMS"]')
    # Partners are chosen by searching, not from a long list.
    assert "admin-autocomplete" in page.select_one('select[name="grant_holder"]')["class"]


def test_a_project_with_two_grants_and_two_partners_is_saved(admin_en, holder):
    response = admin_en.post(ADD, project_form(holder))
    assert response.status_code == 302, errors(response)
    project = Project.objects.get()
    assert (project.slug, project.total_budget, project.grant_holder) == (
        "baltic-industrial-symbiosis",
        Decimal("2500000"),
        holder,
    )
    assert [(f.source_da, f.amount, f.currency) for f in project.fundings.all()] == [
        ("Den Europæiske Fond for Regionaludvikling", Decimal("1300000"), "EUR"),
        ("Statens medfinansiering", Decimal("200000"), "DKK"),
    ]
    assert [(p.partner, p.name, p.role_en) for p in project.participants.all()] == [
        (holder, "", "Lead partner"),
        (None, "Holbæk Kommune", ""),
    ]


def test_grants_over_the_budget_are_refused_and_nothing_is_saved(admin_en, holder):
    data = project_form(holder, {"fundings-1-amount": "1200000.01", "fundings-1-currency": "EUR"})
    response = admin_en.post(ADD, data)
    assert response.status_code == 200
    assert (
        "The grants in EUR add up to €2,500,000.01, which is more than the project's total "
        "budget of €2,500,000. Correct the amounts or the budget."
    ) in text_of(response)
    assert not Project.objects.exists()
    assert not Funding.objects.exists()
    assert not Participant.objects.exists()


def test_danish_admin_shows_the_over_budget_figures_the_danish_way(admin_client, holder):
    data = project_form(holder, {"fundings-1-amount": "1200000.01", "fundings-1-currency": "EUR"})
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert "2.500.000,01 €" in text_of(response)
    assert "2.500.000 €" in text_of(response)
    assert not Project.objects.exists()


def test_lowering_the_budget_below_existing_grants_is_refused(admin_en, holder):
    project = ProjectFactory(slug="p", total_budget=Decimal("2500000"))
    funding = FundingFactory(project=project, amount=Decimal("1300000"))
    data = project_form(
        holder,
        {
            "slug": "p",
            "total_budget": "1000000",
            **management("fundings", 1, initial=1),
            "fundings-0-id": str(funding.pk),
            "fundings-0-project": str(project.pk),
            **management("participants", 0),
        },
    )
    response = admin_en.post(f"/admin/projects/project/{project.pk}/change/", data)
    assert response.status_code == 200
    assert "which is more than the project's total budget of €1,000,000" in text_of(response)
    project.refresh_from_db()
    assert project.total_budget == Decimal("2500000")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"participants-1-partner": "HOLDER"},
            "Choose a partner of the symbiosis or type the name of another organisation: "
            "one of the two.",
        ),
        (
            {"participants-1-name": ""},
            "Choose a partner of the symbiosis or type the name of another organisation: "
            "one of the two.",
        ),
        ({"fundings-0-amount": "-5"}, "Ensure this value is greater than or equal to 0."),
        (
            {"grant_holder_name": "Region Sjælland"},
            "Choose the grant holder among the partners or type its name, not both.",
        ),
        ({"end": "2018-01-01", "amended_end": ""}, "A project cannot end before it starts."),
    ],
)
def test_mistakes_are_refused_with_a_message(admin_en, holder, overrides, message):
    overrides = {k: str(holder.pk) if v == "HOLDER" else v for k, v in overrides.items()}
    response = admin_en.post(ADD, project_form(holder, overrides))
    assert response.status_code == 200
    assert message in errors(response)
    assert not Project.objects.exists()


def test_changelist_filters_and_searches(admin_en):
    ProjectFactory(title_da="VALUEWASTE", acronym="VALUEWASTE", title_en="", summary_en="")
    ProjectFactory(title_da="Regionalt sekretariat", acronym="", programme_da="EU's Regionalfond")

    def titles(params):
        response = admin_en.get("/admin/projects/project/", params)
        return [a.get_text() for a in soup(response).select("#result_list tbody th a")]

    assert titles({"q": "valuewaste"}) == ["VALUEWASTE"]
    assert titles({"english": "missing"}) == ["VALUEWASTE"]
    assert sorted(titles({"status": "completed"})) == ["Regionalt sekretariat", "VALUEWASTE"]
    assert titles({"status": "running"}) == []
    assert titles({"programme_da": "EU's Regionalfond"}) == ["Regionalt sekretariat"]


def test_change_page_links_to_the_site(admin_en):
    project = ProjectFactory(slug="ubis")
    response = admin_en.get(f"/admin/projects/project/{project.pk}/change/")
    view_on_site = soup(response).select_one("a.viewsitelink")["href"]
    assert admin_en.get(view_on_site)["Location"].endswith("/projects/ubis/")


def test_a_save_is_kept_as_one_version_with_its_grants_and_partners(admin_en, holder):
    from reversion.models import Version

    admin_en.post(ADD, project_form(holder))
    project = Project.objects.get()
    versions = Version.objects.get_for_object(project)
    assert versions.count() == 1
    kept = {v.content_type.model for v in versions.get().revision.version_set.all()}
    assert kept == {"project", "funding", "participant"}
