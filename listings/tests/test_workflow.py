"""A listing's steps and a match's, from the suggestion to the planned flow."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from exchanges.models import Flow
from exchanges.tests.factories import ResourceFactory
from listings import workflow
from listings.models import MatchStep, Stage, Status
from listings.tests.factories import ListingFactory, MatchFactory, WantFactory
from partners.tests.factories import PersonFactory
from tests.mail import body, run_worker


@pytest.fixture(autouse=True)
def _in_english():
    """The messages are compared in English, the source language (tests start in Danish)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def test_publishing_keeps_the_moment_and_a_closed_listing_its_end():
    listing = ListingFactory(status=Status.REVIEW, published_at=None)

    workflow.move(listing, Status.PUBLISHED)
    listing.refresh_from_db()
    assert listing.published_at is not None
    first = listing.published_at

    workflow.move(listing, Status.CLOSED)
    listing.refresh_from_db()
    assert listing.status == Status.CLOSED and listing.ended_at is not None
    workflow.move(listing, Status.PUBLISHED)
    listing.refresh_from_db()
    assert listing.published_at == first and listing.ended_at is None


def test_a_step_that_is_not_allowed_is_refused_and_changes_nothing():
    listing = ListingFactory(status=Status.DRAFT)
    with pytest.raises(ValidationError, match="cannot go from"):
        workflow.move(listing, Status.EXPIRED)
    listing.refresh_from_db()
    assert listing.status == Status.DRAFT


def test_a_rejection_needs_its_reason():
    match = MatchFactory()
    with pytest.raises(ValidationError):
        workflow.advance(match, Stage.REJECTED)
    workflow.advance(match, Stage.REJECTED, rejection_reason="distance", comment="120 km")
    match.refresh_from_db()
    assert (match.stage, match.rejection_reason, match.rejection_note) == (
        Stage.REJECTED,
        "distance",
        "120 km",
    )


def test_contacting_introduces_each_side_to_the_other_in_its_language(
    smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://symbiosis.example.org"
    offer = ListingFactory(
        title_da="Flyveaske", title_en="", contact_email="aske@example.org", contact_name="Ole"
    )
    want = WantFactory(title_en="Fly ash wanted", title_da="", language="en")
    PersonFactory(organisation=want.organisation, email="buyer@example.org")
    match = MatchFactory(offer=offer, want=want)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.advance(match, Stage.CONTACTED)
    run_worker()

    (to_offer,) = smtp_server.to("aske@example.org")
    (to_want,) = smtp_server.to("buyer@example.org")
    assert "Fly ash wanted" in body(to_offer) and "Kære Ole" in body(to_offer)
    assert "Flyveaske" in body(to_want) and "Your listing" in body(to_want)
    # Each is introduced by the secretariat: the other side's address is not in the mail.
    assert "buyer@example.org" not in body(to_offer)
    assert "aske@example.org" not in body(to_want)
    assert to_offer["Reply-To"] == settings.SECRETARIAT["email"]


def test_an_established_match_leaves_a_planned_flow_and_marks_both_matched():
    resource = ResourceFactory(category="material")
    match = MatchFactory(offer__resource=resource, offer__category="material")
    for stage in (Stage.CONTACTED, Stage.DIALOGUE, Stage.AGREED):
        workflow.advance(match, stage)
    workflow.advance(match, Stage.ESTABLISHED, year=2027)

    match.refresh_from_db()
    flow = match.flow
    assert (flow.status, flow.year_started, flow.resource) == (Flow.Status.PLANNED, 2027, resource)
    assert (flow.supplier, flow.receiver) == (match.offer.organisation, match.want.organisation)
    assert flow.is_public
    match.offer.refresh_from_db()
    match.want.refresh_from_db()
    assert match.offer.status == match.want.status == Status.MATCHED
    assert list(MatchStep.objects.filter(match=match).values_list("new_stage", flat=True)) == [
        "contacted",
        "dialogue",
        "agreed",
        "established",
    ]


def test_establishing_without_any_resource_is_refused_and_nothing_is_half_made():
    match = MatchFactory()
    for stage in (Stage.CONTACTED, Stage.DIALOGUE, Stage.AGREED):
        workflow.advance(match, stage)
    with pytest.raises(ValidationError, match="resource"):
        workflow.advance(match, Stage.ESTABLISHED)
    match.refresh_from_db()
    assert match.stage == Stage.AGREED and match.flow is None
    assert not Flow.objects.exists()
    match.offer.refresh_from_db()
    assert match.offer.status == Status.PUBLISHED
