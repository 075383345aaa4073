"""The index follows every save and delete, and never shows what is not published."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from exchanges.tests.factories import FlowFactory, ResourceFactory
from news.tests.factories_articles import ArticleFactory
from news.tests.factories_events import EventFactory, SessionFactory, SpeakerFactory
from partners.models import FormerName
from partners.tests.factories import PartnerFactory, PersonFactory
from search import index, queries
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def found(text, now=None):
    return {(e.kind, e.title_da) for e in queries.matching(queries.parse(text), "da", now)}


def test_renaming_a_partner_reindexes_its_flows():
    flow = FlowFactory(resource=ResourceFactory(material=True))
    supplier = flow.supplier

    supplier.name = "Zygotfabrikken"
    supplier.save()

    title = f"{flow.resource.name_da}: Zygotfabrikken → {flow.receiver.name}"
    assert found("zygotfabrikken") == {
        ("partner", "Zygotfabrikken"),
        ("flow", title),
    }


def test_renaming_a_resource_reindexes_its_flows():
    flow = FlowFactory()
    flow.resource.name_da = "Xenonslam"
    flow.resource.save()
    assert ("flow", f"Xenonslam: {flow.supplier.name} → {flow.receiver.name}") in found("xenon")


def test_a_hidden_partner_hides_its_flows_and_people_and_shows_them_again():
    flow = FlowFactory()
    PersonFactory(name="Quirinus Holm", organisation=flow.supplier)
    assert len(found(flow.supplier.name)) == 2 + 1  # partner, flow, person
    assert found("quirinus")

    flow.supplier.is_public = False
    flow.supplier.save()
    assert found(flow.supplier.name) == set()
    assert found("quirinus") == set()

    flow.supplier.is_public = True
    flow.supplier.save()
    assert found("quirinus")


def test_a_former_name_finds_the_partner():
    partner = PartnerFactory(name="Ørsted")
    FormerName.objects.create(partner=partner, name="DONG Energy")
    assert found("dong") == {("partner", "Ørsted")}


def test_drafts_and_scheduled_articles_are_found_only_when_published_and_due():
    ArticleFactory(title_da="Kladde om vandrør", status="draft")
    soon = timezone.now() + datetime.timedelta(hours=2)
    ArticleFactory(title_da="Planlagt om vandrør", publish_at=soon)

    assert found("vandrør") == set()
    later = soon + datetime.timedelta(minutes=1)
    assert found("vandrør", now=later) == {("article", "Planlagt om vandrør")}


def test_deleting_removes_the_entry():
    partner = PartnerFactory(name="Vindmøllelauget")
    assert found("vindmøllelauget")
    partner.delete()
    assert not SearchEntry.objects.filter(kind="partner", object_id=partner.pk).exists()


def test_a_speaker_is_found_only_while_speaking_at_a_published_event():
    speaker = SpeakerFactory(name="Yrsa Quist")
    assert found("yrsa") == set()
    session = SessionFactory(event=EventFactory())
    session.speakers.add(speaker)
    assert found("yrsa") == {("speaker", "Yrsa Quist")}

    session.event.is_public = False
    session.event.save()
    assert found("yrsa") == set()


def test_an_event_is_found_by_its_sessions():
    session = SessionFactory(title_da="Kvælstofregnskab for begyndere")
    assert ("event", session.event.title_da) in found("kvælstofregnskab")
    session.delete()
    assert found("kvælstofregnskab") == set()


def test_rebuild_gives_the_same_index_as_the_signals():
    flow = FlowFactory(resource=ResourceFactory(material=True))
    PersonFactory(organisation=flow.receiver)
    before = set(SearchEntry.objects.values_list("kind", "object_id", "title_da", "terms"))

    call_command("rebuild_search_index", verbosity=0)

    after = set(SearchEntry.objects.values_list("kind", "object_id", "title_da", "terms"))
    assert after == before and len(after) == 5  # 2 partners, resource, flow, person


def test_rebuilding_twice_in_one_transaction_gives_the_same_index():
    """A restore or a test rebuilds inside an outer transaction: twice must work."""
    PartnerFactory(name="Gips Genbrug ApS")
    with transaction.atomic():
        first = index.rebuild()
        titles = sorted(SearchEntry.objects.values_list("title_da", flat=True))
        second = index.rebuild()
    assert first == second == len(titles)
    assert sorted(SearchEntry.objects.values_list("title_da", flat=True)) == titles
    assert "Gips Genbrug ApS" in titles
