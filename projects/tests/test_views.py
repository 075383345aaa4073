import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from partners.tests.factories import PartnerFactory
from projects.models import Currency, Project
from projects.tests.factories import FundingFactory, ParticipantFactory, ProjectFactory
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db


def url(language, name="projects:list", **kwargs):
    # Through reverse(): the Danish URL words are translated by the lead later.
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def words(element):
    """The text a reader sees, every run of spaces (no-break ones too) as one space."""
    return " ".join(element.get_text().split())


def cards(response):
    return {
        words(card.select_one(".project-card-title")): {
            words(dt): words(dd) for dt, dd in zip(card("dt"), card("dd"), strict=True)
        }
        for card in soup(response).select(".project-card")
    }


def facts(response):
    page = soup(response)
    return {
        words(dt): words(dd)
        for dt, dd in zip(
            page.select(".project-facts dt"), page.select(".project-facts dd"), strict=True
        )
    }


def label(language, text):
    with translation.override(language):
        return gettext(text)


def project_queries(client, path):
    """(all queries, queries of this app) for one page: the header and footer of the
    site may run their own, the same on every page."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    ours = [q for q in context.captured_queries if '"projects_' in q["sql"]]
    return response, len(context.captured_queries), len(ours)


@pytest.fixture
def secretariat():
    kommune = PartnerFactory(name="Kalundborg Kommune", slug="kalundborg-kommune")
    project = ProjectFactory(
        slug="sekretariat",
        title_da="Etablering af regionalt Symbiosesekretariat",
        title_en="A regional symbiosis secretariat",
        programme_da="EU's Regionalfond",
        programme_en="EU Regional Fund",
        start=datetime.date(2010, 12, 1),
        end=datetime.date(2014, 11, 30),
        total_budget=Decimal("11999467"),
        currency=Currency.DKK,
        grant_holder=kommune,
        website="https://example.org/sekretariat",
        description_da="<p>Sekretariatet skal finde nye sidestrømme.</p><script>x()</script>",
        description_en="<p>The secretariat finds new side streams.</p>",
    )
    FundingFactory(
        project=project,
        source_da="EU's Regionalfond",
        source_en="EU Regional Fund",
        amount=Decimal("5999467"),
        currency=Currency.DKK,
    )
    ParticipantFactory(
        project=project,
        partner=kommune,
        role_da="Tilskudsmodtager",
        role_en="Grant holder",
        order=1,
    )
    ParticipantFactory(project=project, partner=None, name="Holbæk Kommune", country="DK", order=2)
    return project


def test_list_shows_each_project_with_programme_period_and_budget_in_english(client, secretariat):
    ProjectFactory(
        slug="ubis",
        acronym="UBIS",
        title_en="Symbiosis in the South Baltic",
        programme_en="Interreg South Baltic",
        start=datetime.date(2017, 1, 1),
        end=datetime.date(2019, 12, 31),
        date_precision=Project.Precision.YEAR,
        total_budget=Decimal("1968401.16"),
        currency=Currency.EUR,
    )
    ProjectFactory(slug="hidden", title_en="Hidden", is_public=False)
    response = client.get(url("en"))
    assert cards(response) == {
        "A regional symbiosis secretariat": {
            "Programme": "EU Regional Fund",
            "Period": "Dec. 1, 2010 – Nov. 30, 2014",
            "Total budget": "DKK 11,999,467",
        },
        "Symbiosis in the South Baltic": {
            "Programme": "Interreg South Baltic",
            "Period": "2017 – 2019",
            "Total budget": "€1,968,401.16",
        },
    }
    page = soup(response)
    assert page.select_one(".project-acronym").get_text() == "UBIS"
    assert page.select_one("main section h2").get_text(" ", strip=True) == "Completed (2)"
    assert "2 projects" in text_of(response)


def test_list_in_danish_formats_figures_the_danish_way(client, secretariat):
    ProjectFactory(slug="vw", title_da="VALUEWASTE", total_budget=None, currency=Currency.EUR)
    response = client.get(url("da"))
    found = cards(response)
    assert found["Etablering af regionalt Symbiosesekretariat"] == {
        label("da", "Programme"): "EU's Regionalfond",
        label("da", "Period"): "1. december 2010 – 30. november 2014",
        label("da", "Total budget"): "11.999.467 kr.",
    }
    assert found["VALUEWASTE"][label("da", "Total budget")] == label("da", "not stated")


def test_list_groups_running_before_planned_before_completed(client):
    today = datetime.date.today()
    year = datetime.timedelta(days=365)
    ProjectFactory(title_en="Done", start=today - 3 * year, end=today - year)
    ProjectFactory(title_en="Later", start=today + year, end=today + 2 * year)
    ProjectFactory(title_en="Now", start=today - year, end=today + year)
    page = soup(client.get(url("en")))
    groups = {
        section.h2.contents[0].strip(): [h3.get_text(strip=True) for h3 in section.select("h3")]
        for section in page.select("main section")
    }
    assert list(groups.items()) == [
        ("Running", ["Now"]),
        ("Planned", ["Later"]),
        ("Completed", ["Done"]),
    ]


def test_list_filters_by_status(client):
    today = datetime.date.today()
    year = datetime.timedelta(days=365)
    ProjectFactory(title_en="Done", start=today - 3 * year, end=today - year)
    ProjectFactory(
        title_en="Extended", start=today - 2 * year, end=today - year, amended_end=today + year
    )
    response = client.get(url("en"), {"status": "running"})
    assert list(cards(response)) == ["Extended"]
    assert (
        soup(response).select_one('select[name="status"] option[selected]').get_text() == "Running"
    )
    assert "Clear filters" in text_of(response)
    empty = client.get(url("en"), {"status": "planned"})
    assert "No projects match this filter." in text_of(empty)


@pytest.mark.parametrize(
    "params",
    [
        {"status": "<script>alert(1)</script>"},
        {"status": "x" * 5000},
        {"status": "\x00"},
        {"status": "2019-13-45"},
        {"page": "\x00", "status": "' OR 1=1 --"},
    ],
)
def test_hostile_filters_are_dropped_with_a_message(client, params):
    ProjectFactory(title_en="Only one")
    response = client.get(url("en"), params, follow=True)
    # A parameter the page does not read is sent away by a 301 (the page cache, issue 14).
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    assert list(cards(response)) == ["Only one"]
    assert "Some filters could not be used" in text_of(response)


def test_list_runs_a_constant_number_of_queries(client):
    ProjectFactory()
    _response, small, ours = project_queries(client, url("da"))
    assert ours == 1
    ProjectFactory.create_batch(30)
    response, large, ours = project_queries(client, url("da"))
    assert (large, ours) == (small, 1)
    assert len(soup(response).select(".project-card")) == 31


def test_detail_in_english(client, secretariat):
    with translation.override("en"):
        response = client.get(secretariat.get_absolute_url())
    page = soup(response)
    assert page.h1.get_text(strip=True) == "A regional symbiosis secretariat"
    assert len(page.select("h1")) == 1
    assert facts(response) == {
        "Programme": "EU Regional Fund",
        "Period": "Dec. 1, 2010 – Nov. 30, 2014",
        "Total budget": "DKK 11,999,467",
        "Grant holder": "Kalundborg Kommune",
        "Website": "https://example.org/sekretariat",
    }
    holder = page.select_one(".project-holder a")
    assert holder["href"] == "/en/partners/kalundborg-kommune/"
    grants = [
        [words(cell) for cell in row.select("th, td")]
        for row in page.select(".project-grants tbody tr")
    ]
    assert grants == [["EU Regional Fund", "DKK 5,999,467"]]
    partners = page.select(".project-participants li")
    assert [words(li) for li in partners] == [
        "Kalundborg Kommune, Grant holder",
        "Holbæk Kommune, Partner (Denmark)",
    ]
    assert partners[0].a["href"] == "/en/partners/kalundborg-kommune/"
    assert partners[1].a is None  # not a partner of the symbiosis: a plain name
    description = page.select_one(".project-description")
    assert description.get_text(strip=True) == "The secretariat finds new side streams."


def test_detail_in_danish(client, secretariat):
    response = client.get(url("da", "projects:detail", slug="sekretariat"))
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Etablering af regionalt Symbiosesekretariat"
    found = facts(response)
    assert found[label("da", "Total budget")] == "11.999.467 kr."
    assert found[label("da", "Period")] == "1. december 2010 – 30. november 2014"
    assert page.select_one(".project-grants td").get_text() == "5.999.467\u00a0kr."
    # Rich text is shown sanitised: the script is gone.
    assert "Sekretariatet skal finde nye sidestrømme." in text_of(response)
    assert "<script>x()" not in response.content.decode()


def test_detail_shows_amended_end_beside_the_original(client):
    ProjectFactory(
        slug="bis",
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2021, 6, 30),
        amended_end=datetime.date(2021, 12, 31),
        date_precision=Project.Precision.MONTH,
    )
    en = facts(client.get(url("en", "projects:detail", slug="bis")))
    assert en["Period"] == "January 2019 – December 2021 (originally June 2021)"
    da = facts(client.get(url("da", "projects:detail", slug="bis")))
    assert da[label("da", "Period")].startswith("januar 2019 – december 2021 (")
    page = soup(client.get(url("en", "projects:detail", slug="bis")))
    assert [t["datetime"] for t in page.select(".project-facts time")] == [
        "2019-01",
        "2021-12",
        "2021-06",
    ]


def test_detail_without_budget_or_holder_says_not_stated(client):
    ProjectFactory(slug="vw", total_budget=None, partner_count=17, country_count=6)
    found = facts(client.get(url("en", "projects:detail", slug="vw")))
    assert found["Total budget"] == "not stated"
    assert found["Grant holder"] == "not stated"
    assert found["Partners"] == "17 partners in 6 countries"


def test_grants_are_added_only_within_one_currency(client):
    project = ProjectFactory(slug="mixed", total_budget=Decimal("5000000"), currency=Currency.EUR)
    FundingFactory(project=project, source_en="ERDF", amount=Decimal("1000000"))
    FundingFactory(project=project, source_en="Interreg", amount=Decimal("500000"))
    FundingFactory(
        project=project, source_en="Danish fund", amount=Decimal("750000"), currency=Currency.DKK
    )
    page = soup(client.get(url("en", "projects:detail", slug="mixed")))
    totals = [
        [words(cell) for cell in row.select("th, td")]
        for row in page.select(".project-grants tfoot tr")
    ]
    assert totals == [["Grants in EUR together", "€1,500,000"]]


def test_grant_holder_by_name_is_plain_text(client):
    ProjectFactory(slug="named", grant_holder_name="Region Sjælland")
    page = soup(client.get(url("en", "projects:detail", slug="named")))
    holder = page.select_one(".project-holder")
    assert holder.get_text(strip=True) == "Region Sjælland"
    assert holder.a is None


def test_a_hidden_partner_is_not_named_as_grant_holder_nor_participant(client):
    # A hidden partner's name is secret (docs/security.md, "Hidden partners").
    hidden = PartnerFactory(name="Hemmelig", is_public=False)
    project = ProjectFactory(slug="p", grant_holder=hidden)
    ParticipantFactory(project=project, partner=hidden)
    ParticipantFactory(project=project, partner=None, name="Lunds universitet")
    page = soup(client.get(url("en", "projects:detail", slug="p")))
    assert page.select_one(".project-holder").get_text(strip=True) == "not stated"
    participants = [li.get_text(" ", strip=True) for li in page.select(".project-participants li")]
    assert participants == ["Lunds universitet, Partner"]
    assert "Hemmelig" not in page.get_text()


def test_english_page_falls_back_to_danish_visibly(client):
    project = ProjectFactory(
        slug="kun-dansk",
        title_da="Kun på dansk",
        title_en="",
        summary_da="Et projekt uden engelsk tekst.",
        summary_en="",
        description_da="<p>Dansk beskrivelse.</p>",
        description_en="",
    )
    FundingFactory(project=project, source_da="Regionalfonden", source_en="")
    page = soup(client.get(url("en", "projects:detail", slug="kun-dansk")))
    assert page.h1["lang"] == "da"
    assert page.h1.select_one(".fallback-note").get_text() == "Not yet translated: shown in Danish"
    lead = page.select_one("p.lead")
    assert lead["lang"] == "da"
    assert lead.get_text(" ", strip=True).startswith("Et projekt uden engelsk tekst.")
    assert page.select_one(".project-description")["lang"] == "da"
    assert page.select_one(".project-grants tbody th")["lang"] == "da"
    listing = soup(client.get(url("en")))
    assert listing.select_one(".project-card-title a")["lang"] == "da"
    assert listing.select_one(".project-card-title .fallback-note")
    # The Danish page is not marked.
    danish = soup(client.get(url("da", "projects:detail", slug="kun-dansk")))
    assert danish.h1.get("lang") is None
    assert danish.select(".fallback-note") == []


def test_hidden_project_is_not_found(client):
    ProjectFactory(slug="skjult", is_public=False)
    assert client.get(url("da", "projects:detail", slug="skjult")).status_code == 404


@pytest.mark.parametrize("tail", ["%3Cscript%3E/", "a/b/c/", "%00/", "x" * 5000 + "/"])
def test_hostile_paths_get_a_clean_404(client, tail):
    response = client.get(url("en") + tail)
    assert response.status_code == 404
    assert "<script>" not in response.content.decode()


def test_detail_runs_a_constant_number_of_queries(client):
    project = ProjectFactory(slug="one", grant_holder=PartnerFactory(), total_budget=None)
    path = url("da", "projects:detail", slug="one")

    def add(count):
        FundingFactory.create_batch(count, project=project)
        ParticipantFactory.create_batch(count, project=project)
        ParticipantFactory.create_batch(count, project=project, partner=None, name="Other")

    add(1)
    _response, small, ours = project_queries(client, path)
    # project with its grant holder, grants, participants with their partners
    assert ours == 3
    add(19)
    response, large, ours = project_queries(client, path)
    assert (large, ours) == (small, 3)
    page = soup(response)
    assert len(page.select(".project-grants tbody tr")) == 20
    assert len(page.select(".project-participants li")) == 40
