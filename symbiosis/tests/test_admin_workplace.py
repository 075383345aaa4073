"""The secretariat's admin: Danish by default, English on request, a dashboard that
shows what waits, and "view on site" from everything with a page."""

import pytest
import reversion
from django.contrib.auth.models import Permission

from exchanges.tests.factories import FlowFactory
from network.tests.factories import SymbiosisFactory
from news.tests.factories_articles import ArticleFactory
from news.tests.factories_events import EventFactory, SpeakerFactory
from pages.models import Page
from pages.tests.factories import PageFactory
from partners.tests.factories import PartnerFactory
from projects.tests.factories import ProjectFactory
from tests.html import soup
from timeline.tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db


def test_admin_speaks_danish_even_to_an_english_browser(admin_client):
    page = soup(admin_client.get("/admin/", headers={"accept-language": "en"}))
    assert page.html["lang"] == "da"
    assert page.select_one("#user-tools button[value=en]").get_text(strip=True) == "English"


def test_staff_can_switch_the_admin_to_english_and_back(admin_client):
    response = admin_client.post("/i18n/setlang/", {"language": "en", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    page = soup(admin_client.get("/admin/"))
    assert page.html["lang"] == "en"
    assert page.select_one("#user-tools button[value=da]").get_text(strip=True) == "Dansk"
    admin_client.post("/i18n/setlang/", {"language": "da", "next": "/admin/"})
    assert soup(admin_client.get("/admin/")).html["lang"] == "da"


def test_the_login_page_is_danish_with_the_switch(client):
    page = soup(client.get("/admin/login/", headers={"accept-language": "en-GB,en"}))
    assert page.html["lang"] == "da"
    assert page.select_one("form.admin-language button[value=en]") is not None


def test_a_hostile_language_cookie_falls_back_to_danish(admin_client):
    admin_client.cookies["django_language"] = "<script>"
    assert soup(admin_client.get("/admin/")).html["lang"] == "da"


def dashboard(client):
    return soup(client.get("/admin/")).select_one("#dashboard")


def test_dashboard_lists_drafts_scheduled_items_and_upcoming_events(admin_client):
    ArticleFactory(title_da="En kladde", draft=True)
    ArticleFactory(title_da="Planlagt nyhed", scheduled=True)
    ArticleFactory(title_da="Allerede ude")
    PageFactory(title_da="Side under arbejde", status=Page.Status.DRAFT)
    EventFactory(title_da="Konference om cirkulær økonomi")
    board = dashboard(admin_client)
    waiting = board.select(".module")[0].get_text(" ", strip=True)
    assert (
        "En kladde" in waiting and "Planlagt nyhed" in waiting and "Side under arbejde" in waiting
    )
    assert "Allerede ude" not in waiting
    assert "Konference om cirkulær økonomi" in board.select(".module")[2].get_text()


def test_dashboard_counts_content_missing_english_with_a_link_to_it(admin_client):
    PartnerFactory(summary_en="")
    PartnerFactory(summary_en="")
    ArticleFactory(title_en="")
    links = {
        a.get_text(" ", strip=True): a["href"]
        for a in dashboard(admin_client).select(".module:nth-of-type(2) a")
    }
    assert links["Partnere: 2 emner"] == "/admin/partners/partner/?english=missing"
    assert "/admin/news/article/?english=missing" in links.values()


def test_dashboard_shows_the_last_changes_and_who_made_them(admin_client, django_user_model):
    editor = django_user_model.objects.create_user("mette", first_name="Mette", last_name="Holm")
    article = ArticleFactory(title_da="Nyt om damp")
    with reversion.create_revision():
        article.save()
        reversion.set_user(editor)
    latest = dashboard(admin_client).select(".module")[3].select_one("li").get_text(" ", strip=True)
    assert "Mette Holm" in latest and "Nyt om damp" in latest


def test_dashboard_shows_only_what_the_user_may_see(client, django_user_model):
    ArticleFactory(title_da="Hemmelig kladde", draft=True)
    data_user = django_user_model.objects.create_user("data", password="x", is_staff=True)
    data_user.user_permissions.add(Permission.objects.get(codename="change_partner"))
    client.force_login(data_user)
    assert "Hemmelig kladde" not in dashboard(client).get_text()


def test_dashboard_query_count_does_not_grow_with_the_changes(
    admin_client, django_assert_max_num_queries
):
    for n in range(15):
        with reversion.create_revision():
            ArticleFactory(title_da=f"Artikel {n}").save()
    with django_assert_max_num_queries(40):
        admin_client.get("/admin/")


@pytest.mark.parametrize(
    "make, admin_path",
    [
        (lambda: PartnerFactory(), "partners/partner"),
        (lambda: FlowFactory(), "exchanges/flow"),
        (lambda: ArticleFactory(), "news/article"),
        (lambda: EventFactory(), "news/event"),
        (lambda: SpeakerFactory(), "news/speaker"),
        (lambda: PageFactory(), "pages/page"),
        (lambda: ProjectFactory(), "projects/project"),
        (lambda: MilestoneFactory(), "timeline/milestone"),
        (lambda: SymbiosisFactory(), "network/symbiosis"),
    ],
)
def test_every_object_with_a_page_has_view_on_site(admin_client, make, admin_path):
    obj = make()
    page = soup(admin_client.get(f"/admin/{admin_path}/{obj.pk}/change/"))
    link = page.select_one("a.viewsitelink")
    assert link is not None
    response = admin_client.get(link["href"])
    assert response.status_code == 302
    assert response["Location"].endswith(obj.get_absolute_url())
