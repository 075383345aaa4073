"""A hidden partner (not shown on the website) is secret: no public page, feed, file or
search result names it, links to it or shows its logo (docs/security.md, "Hidden
partners"). Each place a partner could appear is looked at with one whose name is
distinctive, beside a shown partner that must still appear."""

import pytest
from django.urls import reverse
from django.utils import translation

from exchanges.opendata import DATASETS
from exchanges.tests.factories import FlowFactory
from news.tests.factories_articles import ArticleFactory
from news.tests.factories_events import SessionFactory, SpeakerFactory
from partners.tests.factories import PartnerFactory
from projects.tests.factories import ParticipantFactory, ProjectFactory
from timeline.tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db

SECRET = "Hemmelighedsfuld Kemi"


@pytest.fixture
def hidden():
    return PartnerFactory(name=SECRET, slug="hemmelighedsfuld-kemi", is_public=False)


@pytest.fixture
def shown():
    return PartnerFactory(name="Aabent Vand", slug="aabent-vand")


def page_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def assert_secret(text):
    assert SECRET not in text
    assert "hemmelighedsfuld-kemi" not in text


def test_a_project_does_not_name_a_hidden_participant_or_grant_holder(client, hidden, shown):
    project = ProjectFactory(grant_holder=hidden)
    ParticipantFactory(project=project, partner=hidden, role_da="Partner i arbejdspakke 2")
    ParticipantFactory(project=project, partner=shown)

    html = page_of(client, project.get_absolute_url())

    assert_secret(html)
    assert "arbejdspakke 2" not in html  # its row is left out, not only its name
    assert "Aabent Vand" in html


def test_a_speaker_of_a_hidden_partner_is_shown_without_the_organisation(client, hidden):
    speaker = SpeakerFactory(name="Jens Taler", partner=hidden, organisation="")
    session = SessionFactory(speakers=[speaker])
    event = session.event

    for path in (
        speaker.get_absolute_url(),
        event.get_absolute_url(),
        reverse("news:session-ics", kwargs={"slug": event.slug, "pk": session.pk}),
    ):
        text = page_of(client, path)
        assert "Jens Taler" in text, path
        assert_secret(text)
    assert_secret(page_of(client, reverse("news:calendar")))


def test_search_finds_nothing_of_a_hidden_partner_not_even_in_a_speakers_snippet(client, hidden):
    SessionFactory(speakers=[SpeakerFactory(name="Jens Taler", partner=hidden, organisation="")])
    FlowFactory(supplier=hidden)
    ParticipantFactory(partner=hidden)

    for language in ("da", "en"):
        with translation.override(language):
            path = reverse("search:results")
        results = page_of(client, f"{path}?q=Hemmelighedsfuld")
        assert_secret(results)
        assert "Jens Taler" not in results  # found only through the hidden name


def test_articles_milestones_and_flows_leave_a_hidden_partner_out(client, hidden, shown):
    article = ArticleFactory(related_partners=[hidden, shown])
    MilestoneFactory().partners.set([hidden, shown])
    FlowFactory(supplier=hidden, receiver=shown)

    for path in (
        article.get_absolute_url(),
        reverse("timeline:index"),
        reverse("exchanges:flows"),
        reverse("exchanges:diagram"),
        reverse("partners:list"),
        "/da/",
    ):
        assert_secret(page_of(client, path))


def test_no_sitemap_feed_or_open_data_file_names_a_hidden_partner(client, hidden, shown):
    FlowFactory(supplier=hidden, receiver=shown)
    ArticleFactory(related_partners=[hidden])

    paths = ["/sitemap.xml", "/sitemap-partners.xml", reverse("news:rss"), reverse("news:atom")]
    paths += [
        reverse("exchanges:download", kwargs={"dataset": dataset.slug, "fmt": fmt})
        for dataset in DATASETS.values()
        for fmt in dataset.formats
    ]
    for path in paths:
        assert_secret(page_of(client, path))
