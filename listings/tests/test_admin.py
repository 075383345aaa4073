"""The secretariat's side: reviewing a listing, opening a match from the suggestions,
taking it to a planned flow, the dashboard's pipeline."""

import pytest
from django.urls import reverse

from exchanges.models import Flow
from exchanges.tests.factories import ResourceFactory
from listings.models import Match, MatchStep, Stage, Status
from listings.tests.factories import ListingFactory, MatchFactory
from tests.admin_forms import form_fields
from tests.html import soup, text_of

pytestmark = pytest.mark.django_db


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def save_with(admin_client, obj, **changes):
    data = form_fields(admin_client.get(change_url(obj)))
    data.update({k: [v] for k, v in changes.items()})
    data["_continue"] = ["1"]
    return admin_client.post(change_url(obj), data)


def test_a_listing_awaiting_review_is_published_from_its_page(admin_client):
    listing = ListingFactory(status=Status.REVIEW, published_at=None)
    response = save_with(admin_client, listing, next_status=Status.PUBLISHED)
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == Status.PUBLISHED and listing.published_at is not None


def test_the_next_step_offers_only_the_allowed_steps(admin_client):
    listing = ListingFactory(status=Status.REVIEW)
    page = soup(admin_client.get(change_url(listing)))
    offered = [o["value"] for o in page.select("select[name=next_status] option") if o["value"]]
    assert offered == ["published", "draft", "closed"]


def test_the_publish_action_moves_only_what_may_be_published(admin_client):
    waiting = ListingFactory(status=Status.REVIEW, published_at=None)
    expired = ListingFactory(status=Status.EXPIRED)
    matched = ListingFactory(status=Status.MATCHED)
    response = admin_client.post(
        reverse("admin:listings_listing_changelist"),
        {"action": "publish_listings", "_selected_action": [waiting.pk, expired.pk, matched.pk]},
        follow=True,
    )
    for listing in (waiting, expired, matched):
        listing.refresh_from_db()
    assert (waiting.status, expired.status, matched.status) == (
        Status.PUBLISHED,
        Status.PUBLISHED,
        Status.PUBLISHED,
    )
    assert "3 listings moved" in text_of(response) or "3 opslag" in text_of(response)


def test_opening_a_match_needs_a_suggestion_of_the_listing(admin_client):
    offer = ListingFactory()
    stranger = ListingFactory()  # an offer: never a suggestion for an offer
    url = reverse("admin:listings_listing_open_match", args=[offer.pk])
    assert admin_client.get(url).status_code == 404
    response = admin_client.post(url, {"suggestion": stranger.pk})
    assert response.status_code == 302 and response["Location"] == change_url(offer)
    assert not Match.objects.exists()
    assert admin_client.post(url, {"suggestion": "x"}).status_code == 404


def test_a_match_is_taken_to_established_and_leaves_a_planned_flow(admin_client):
    resource = ResourceFactory(category="material")
    match = MatchFactory(offer__category="material", want__category="material")
    for stage in (Stage.CONTACTED, Stage.DIALOGUE, Stage.AGREED):
        assert save_with(admin_client, match, next_stage=stage).status_code == 302
    response = save_with(
        admin_client, match, next_stage=Stage.ESTABLISHED, flow_resource=resource.pk, flow_year=2027
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.stage == Stage.ESTABLISHED
    assert (match.flow.status, match.flow.resource, match.flow.year_started) == (
        Flow.Status.PLANNED,
        resource,
        2027,
    )
    page = text_of(admin_client.get(change_url(match)))
    assert str(match.flow) in page
    assert MatchStep.objects.filter(match=match).count() == 4


def test_establishing_without_a_resource_asks_for_one_and_changes_nothing(admin_client):
    match = MatchFactory(stage=Stage.AGREED)
    response = save_with(admin_client, match, next_stage=Stage.ESTABLISHED)
    assert response.status_code == 200
    assert "flow_resource" in response.context["adminform"].form.errors
    match.refresh_from_db()
    assert match.stage == Stage.AGREED and not Flow.objects.exists()


def test_rejecting_asks_for_the_reason(admin_client):
    match = MatchFactory()
    response = save_with(admin_client, match, next_stage=Stage.REJECTED)
    assert response.status_code == 200
    assert "rejection_reason" in response.context["adminform"].form.errors
    save_with(admin_client, match, next_stage=Stage.REJECTED, rejection_reason="distance")
    match.refresh_from_db()
    assert (match.stage, match.rejection_reason) == (Stage.REJECTED, "distance")


def test_the_dashboard_counts_listings_to_review_and_the_pipeline(admin_client):
    ListingFactory(status=Status.REVIEW)
    ListingFactory(status=Status.REVIEW)
    MatchFactory(stage=Stage.CONTACTED)
    MatchFactory(stage=Stage.AGREED)
    page = soup(admin_client.get(reverse("admin:index")))
    links = {a["href"]: a.get_text(" ", strip=True) for a in page.select("a[href*='listings']")}
    review = reverse("admin:listings_listing_changelist") + "?status__exact=review"
    contacted = reverse("admin:listings_match_changelist") + "?stage__exact=contacted"
    agreed = reverse("admin:listings_match_changelist") + "?stage__exact=agreed"
    assert links[review].endswith(": 2")
    assert links[contacted].endswith(": 1") and links[agreed].endswith(": 1")
    assert not any("stage__exact=suggested" in href for href in links)
