"""The organisation's listings in the workspace: post, edit, withdraw, renew, and
"we are interested" in a suggestion; only the organisation's own, only by an editor."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from listings.models import Kind, Listing, Match, MatchStep, Stage, Status, Visibility
from listings.tests.factories import ListingFactory, MatchFactory, WantFactory
from partners.tests.factories import PartnerFactory
from tests.mail import body, run_worker
from workspace.tests.factories import MembershipFactory, ViewerFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def _in_english():
    """Addresses and messages in English, the source language."""
    with translation.override("en"):
        yield


@pytest.fixture
def editor(client):
    membership = MembershipFactory(partner__name="Varmeværket A/S", partner__slug="varmevaerket")
    client.force_login(membership.user)
    return membership


def url(name, partner, **kwargs):
    return reverse(f"workspace:{name}", kwargs={"organisation": partner.slug, **kwargs})


def text(response):
    """The page's text without tags, whitespace collapsed."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def heat_offer(partner, **fields):
    return ListingFactory(
        **{
            "organisation": partner,
            "title_da": "Overskudsvarme 60 °C fra kondensatorer",
            "title_en": "Surplus heat at 60 °C from condensers",
            "description_da": "Lavtemperatur overskudsvarme, hele året.",
            "description_en": "Low-temperature surplus heat, all year.",
            "category": "energy",
            **fields,
        }
    )


def heat_want(**fields):
    return WantFactory(
        title_da="Vi søger lavtemperatur varme til drivhuse",
        title_en="We need low-temperature heat for greenhouses",
        description_da="Varme til opvarmning af drivhuse, hele året.",
        description_en="Heat for heating greenhouses, all year.",
        category="energy",
        **fields,
    )


NEW = {
    "kind": "offer",
    "offer_type": "heat",
    "title_da": "",
    "title_en": "Surplus heat from our kilns",
    "description_da": "",
    "description_en": "About 2 MW of heat at 70 °C.",
    "category": "energy",
    "ewc_code": "",
    "quantity": "",
    "unit": "",
    "per": "",
    "quality": "",
    "place": "Kalundborg",
    "available_from": "",
    "available_until": "",
    "visibility": "public",
}


def test_a_new_listing_goes_to_review_and_the_secretariat_is_told(
    client, editor, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("listing-new", editor.partner), NEW, follow=True)
    run_worker()

    listing = Listing.objects.get(organisation=editor.partner)
    assert (listing.status, listing.kind, listing.title_en, listing.language) == (
        Status.REVIEW,
        Kind.OFFER,
        "Surplus heat from our kilns",
        "en",
    )
    assert listing.contact_email == editor.user.email
    assert listing.contact_name == editor.user.get_full_name()
    assert "Sent to the secretariat" in text(response)
    assert "Status: Awaiting review" in text(response)
    (notification,) = smtp_server.to(django_settings.SECRETARIAT["email"])
    assert "Surplus heat from our kilns" in body(notification)
    assert smtp_server.to(editor.user.email)  # the receipt


def test_bad_input_is_said_in_the_pages_language_and_nothing_is_kept(client, editor):
    bad = {
        **NEW,
        "title_en": "",
        "available_from": (TODAY + datetime.timedelta(days=10)).isoformat(),
        "available_until": (TODAY + datetime.timedelta(days=5)).isoformat(),
    }
    response = client.post(url("listing-new", editor.partner), bad)
    page = text(response)
    assert "Give the listing a title in Danish or English." in page
    assert "A listing cannot end before it begins." in page

    past = {**NEW, "available_until": (TODAY - datetime.timedelta(days=1)).isoformat()}
    assert "This day has passed." in text(client.post(url("listing-new", editor.partner), past))

    with translation.override("da"):
        response = client.post(url("listing-new", editor.partner), {**NEW, "title_en": ""})
    assert "Giv opslaget en titel på dansk eller engelsk." in text(response)
    assert not Listing.objects.exists()


def test_the_list_shows_every_listing_with_its_status_and_expiry(client, editor):
    heat_offer(editor.partner, status=Status.PUBLISHED, available_until=datetime.date(2027, 3, 31))
    heat_offer(editor.partner, status=Status.CLOSED, title_en="Old steam", title_da="")
    ListingFactory(title_en="Someone else's", title_da="")

    page = text(client.get(url("listings", editor.partner)))
    assert "Surplus heat at 60 °C from condensers" in page
    assert "31 March 2027" in page
    assert "Old steam" in page and "Closed" in page
    assert "Someone else's" not in page

    only_closed = text(client.get(url("listings", editor.partner) + "?status=closed"))
    assert "Old steam" in only_closed
    assert "Surplus heat at 60 °C" not in only_closed


def test_the_list_takes_as_many_queries_for_30_listings_as_for_3(client, editor):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url("listings", editor.partner))
        assert response.status_code == 200
        return len(captured)

    for _ in range(3):
        ListingFactory(organisation=editor.partner, status=Status.REVIEW)
    queries()  # the first page of a session saves the session: not the list's queries
    few = queries()
    for _ in range(27):
        ListingFactory(organisation=editor.partner, status=Status.PUBLISHED)
    assert Listing.objects.filter(organisation=editor.partner).count() == 30
    assert queries() == few


def test_editing_a_published_listing_sends_it_back_to_review(client, editor):
    listing = heat_offer(editor.partner, status=Status.PUBLISHED)
    form = text(client.get(url("listing-edit", editor.partner, pk=listing.pk)))
    assert "When you save your changes it goes back to the secretariat for review" in form

    data = {**NEW, "title_en": "Surplus heat, now 65 °C", "title_da": listing.title_da}
    del data["kind"]
    response = client.post(url("listing-edit", editor.partner, pk=listing.pk), data, follow=True)

    listing.refresh_from_db()
    assert (listing.status, listing.title_en) == (Status.REVIEW, "Surplus heat, now 65 °C")
    assert "back with the secretariat for review" in text(response)


def test_a_draft_is_edited_as_it_is_and_a_closed_one_not_at_all(client, editor):
    draft = heat_offer(editor.partner, status=Status.DRAFT)
    data = {**NEW, "title_en": "Draft, better"}
    del data["kind"]
    client.post(url("listing-edit", editor.partner, pk=draft.pk), data)
    draft.refresh_from_db()
    assert (draft.status, draft.title_en) == (Status.DRAFT, "Draft, better")

    closed = heat_offer(editor.partner, status=Status.CLOSED)
    response = client.post(
        url("listing-edit", editor.partner, pk=closed.pk), {**data, "title_en": "No"}, follow=True
    )
    closed.refresh_from_db()
    assert closed.title_en == "Surplus heat at 60 °C from condensers"
    assert "A listing that is “Closed” cannot be changed." in text(response)


def test_withdrawing_asks_first_then_closes(client, editor):
    listing = heat_offer(editor.partner, status=Status.PUBLISHED)
    page = text(client.get(url("listing-withdraw", editor.partner, pk=listing.pk)))
    assert "It is closed and no longer shown in the exchange" in page
    listing.refresh_from_db()
    assert listing.status == Status.PUBLISHED

    response = client.post(url("listing-withdraw", editor.partner, pk=listing.pk), follow=True)
    listing.refresh_from_db()
    assert listing.status == Status.CLOSED and listing.ended_at is not None
    assert "The listing is withdrawn." in text(response)


def test_renewing_an_expired_listing_sends_it_to_review_a_published_one_stays(client, editor):
    expired = heat_offer(editor.partner, status=Status.EXPIRED, available_until=TODAY)
    new_day = TODAY + datetime.timedelta(days=90)
    response = client.post(
        url("listing-renew", editor.partner, pk=expired.pk),
        {"available_until": new_day.isoformat()},
        follow=True,
    )
    expired.refresh_from_db()
    assert (expired.status, expired.available_until) == (Status.REVIEW, new_day)
    assert "back with the secretariat for review" in text(response)

    soon = heat_offer(
        editor.partner,
        status=Status.PUBLISHED,
        available_until=TODAY + datetime.timedelta(days=3),
        reminded_at=datetime.datetime.now(datetime.UTC),
    )
    client.post(
        url("listing-renew", editor.partner, pk=soon.pk), {"available_until": new_day.isoformat()}
    )
    soon.refresh_from_db()
    assert (soon.status, soon.available_until, soon.reminded_at) == (
        Status.PUBLISHED,
        new_day,
        None,
    )


def test_a_renewal_needs_a_day_in_the_coming_year_and_a_listing_near_its_end(client, editor):
    expired = heat_offer(editor.partner, status=Status.EXPIRED, available_until=TODAY)
    for day, message in (
        (TODAY - datetime.timedelta(days=1), "Choose a day in the future."),
        (TODAY + datetime.timedelta(days=400), "Choose a day at most a year ahead."),
    ):
        response = client.post(
            url("listing-renew", editor.partner, pk=expired.pk),
            {"available_until": day.isoformat()},
        )
        assert message in text(response)
    expired.refresh_from_db()
    assert (expired.status, expired.available_until) == (Status.EXPIRED, TODAY)

    far = heat_offer(
        editor.partner, status=Status.PUBLISHED, available_until=TODAY + datetime.timedelta(60)
    )
    response = client.post(
        url("listing-renew", editor.partner, pk=far.pk),
        {"available_until": (TODAY + datetime.timedelta(days=200)).isoformat()},
        follow=True,
    )
    far.refresh_from_db()
    assert far.available_until == TODAY + datetime.timedelta(60)
    assert "can be renewed" in text(response)


def test_the_suggestions_show_an_anonymous_listing_anonymously(client, editor):
    offer = heat_offer(editor.partner)
    heat_want(
        organisation__name="Hemmeligt Gartneri ApS",
        organisation__town="Holbæk",
        visibility=Visibility.ANONYMOUS,
        place="Holbæk",
    )
    page = text(client.get(url("listing", editor.partner, pk=offer.pk)))
    assert "We need low-temperature heat for greenhouses" in page
    assert "A company in Holbæk" in page
    assert "Hemmeligt Gartneri" not in page
    assert "low-temperature heat is enough to keep a greenhouse frost-free" in page
    assert "We are interested" in page


def test_interest_opens_a_match_and_tells_the_secretariat(
    client, editor, smtp_server, django_capture_on_commit_callbacks
):
    offer = heat_offer(editor.partner)
    want = heat_want(organisation__name="Gartneriet ApS")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("listing-interested", editor.partner, pk=offer.pk, other=want.pk), follow=True
        )
    run_worker()

    match = Match.objects.get()
    assert (match.offer, match.want, match.stage) == (offer, want, Stage.SUGGESTED)
    assert match.score > 0.5 and match.assignee is None
    assert {"da": "begge energi", "en": "both energy"} in match.reasons
    step = MatchStep.objects.get(match=match)
    assert step.by == editor.user
    assert "The secretariat is told of your interest" in text(response)
    assert "The secretariat already knows of this pair." in text(response)

    (mail,) = smtp_server.to(django_settings.SECRETARIAT["email"])
    assert "Varmeværket A/S" in body(mail) and "Gartneriet ApS" in body(mail)
    assert "Overskudsvarme 60 °C fra kondensatorer" in body(mail)
    assert f"/admin/listings/match/{match.pk}/change/" in body(mail)
    assert mail["Reply-To"] == editor.user.email

    # Again: nothing new is opened, nothing sent.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            url("listing-interested", editor.partner, pk=offer.pk, other=want.pk), follow=True
        )
    run_worker()
    assert Match.objects.count() == 1 and MatchStep.objects.count() == 1
    assert "no new match is opened" in text(again)
    assert len(smtp_server.to(django_settings.SECRETARIAT["email"])) == 1


def test_interest_in_a_pair_the_secretariat_opened_opens_nothing(client, editor):
    offer = heat_offer(editor.partner)
    want = heat_want()
    MatchFactory(offer=offer, want=want, stage=Stage.CONTACTED)
    response = client.post(
        url("listing-interested", editor.partner, pk=offer.pk, other=want.pk), follow=True
    )
    assert Match.objects.get().stage == Stage.CONTACTED
    assert "no new match is opened" in text(response)


def test_interest_in_a_listing_that_is_not_a_suggestion_opens_nothing(client, editor):
    offer = heat_offer(editor.partner)
    hidden = heat_want(visibility=Visibility.SECRETARIAT)
    response = client.post(
        url("listing-interested", editor.partner, pk=offer.pk, other=hidden.pk), follow=True
    )
    assert not Match.objects.exists()
    assert "no longer among the suggestions" in text(response)


def every_url(partner, pk, other):
    """Each of the listings' addresses (method, url) for the listing `pk`."""
    return [
        ("get", url("listing", partner, pk=pk)),
        ("get", url("listing-edit", partner, pk=pk)),
        ("post", url("listing-edit", partner, pk=pk)),
        ("get", url("listing-withdraw", partner, pk=pk)),
        ("post", url("listing-withdraw", partner, pk=pk)),
        ("get", url("listing-renew", partner, pk=pk)),
        ("post", url("listing-renew", partner, pk=pk)),
        ("post", url("listing-interested", partner, pk=pk, other=other)),
    ]


def test_another_organisations_listing_is_not_found_on_any_address(client, editor):
    theirs = heat_offer(PartnerFactory(), status=Status.EXPIRED, available_until=TODAY)
    want = heat_want()
    for method, address in every_url(editor.partner, theirs.pk, want.pk):
        response = getattr(client, method)(address, {"available_until": "2030-01-01"})
        assert response.status_code == 404, address
        assert "Surplus heat at 60 °C" not in response.content.decode()
    # Nor under the other organisation's own address, to which the person has no access.
    for name in ("listings", "listing-new"):
        assert client.get(url(name, theirs.organisation)).status_code == 404
    for method, address in every_url(theirs.organisation, theirs.pk, want.pk):
        assert getattr(client, method)(address).status_code == 404, address
    theirs.refresh_from_db()
    assert theirs.status == Status.EXPIRED and not Match.objects.exists()


def test_a_viewer_sees_everything_and_changes_nothing(client):
    viewer = ViewerFactory()
    client.force_login(viewer.user)
    listing = heat_offer(viewer.partner, status=Status.PUBLISHED, available_until=TODAY)
    want = heat_want()

    page = text(client.get(url("listing", viewer.partner, pk=listing.pk)))
    assert "Surplus heat at 60 °C from condensers" in page
    assert "We need low-temperature heat for greenhouses" in page
    for hidden in ("We are interested", "Edit", "Withdraw", "Renew"):
        assert hidden not in page
    assert "New offer or want" not in text(client.get(url("listings", viewer.partner)))

    posts = [a for m, a in every_url(viewer.partner, listing.pk, want.pk) if m == "post"]
    posts.append(url("listing-new", viewer.partner))
    for address in posts:
        response = client.post(address, {**NEW, "available_until": "2030-01-01"})
        assert response.status_code == 403, address
    listing.refresh_from_db()
    assert (listing.status, listing.available_until) == (Status.PUBLISHED, TODAY)
    assert Listing.objects.count() == 2 and not Match.objects.exists()


def test_the_organisation_page_counts_the_listings_and_links_to_them(client, editor):
    heat_offer(editor.partner, status=Status.PUBLISHED)
    heat_offer(editor.partner, status=Status.REVIEW)
    heat_want()
    page = client.get(url("organisation", editor.partner)).content.decode()
    assert url("listings", editor.partner) in page
    assert url("listing-new", editor.partner) in page
    words = text_of(page)
    assert "Published: 1" in words and "Awaiting review: 1" in words
    assert "The matcher suggests 1 listing of other organisations" in words


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_every_page_has_one_heading_and_a_label_on_every_field(client, editor):
    from tests.html import soup

    listing = heat_offer(editor.partner, status=Status.PUBLISHED, available_until=TODAY)
    heat_want()
    for name, kwargs in (
        ("listings", {}),
        ("listing-new", {}),
        ("listing", {"pk": listing.pk}),
        ("listing-edit", {"pk": listing.pk}),
        ("listing-withdraw", {"pk": listing.pk}),
        ("listing-renew", {"pk": listing.pk}),
    ):
        for language in ("da", "en"):
            with translation.override(language):
                response = client.get(url(name, editor.partner, **kwargs))
            page = soup(response)
            assert len(page.find_all("h1")) == 1, name
            assert response["X-Robots-Tag"] == "noindex, nofollow"
            assert page.html["lang"] == language
            for field in page.select("form input:not([type=hidden]), form select, form textarea"):
                assert page.find("label", attrs={"for": field["id"]}), (name, field)


def test_a_change_is_in_the_version_history_with_who_made_it_without_the_contact(client, editor):
    from reversion.models import Version

    listing = heat_offer(editor.partner, status=Status.PUBLISHED, contact_email="ole@example.org")
    client.post(url("listing-withdraw", editor.partner, pk=listing.pk))

    (version,) = Version.objects.get_for_object(listing)
    assert version.revision.user == editor.user
    assert version.revision.comment == "Listing withdrawn in the workspace"
    assert version.field_dict["status"] == Status.CLOSED
    assert "ole@example.org" not in version.serialized_data


def test_the_same_form_sent_twice_keeps_one_listing(client, editor):
    data = {**NEW, "submission": "0b7c6a52-3f0e-4a4e-9a51-6d2f3c1e9f10"}
    client.post(url("listing-new", editor.partner), data)
    client.post(url("listing-new", editor.partner), data)
    assert Listing.objects.filter(organisation=editor.partner).count() == 1


def test_a_bad_edit_keeps_the_listing_as_it_was(client, editor):
    listing = heat_offer(editor.partner, status=Status.PUBLISHED)
    data = {**NEW, "title_da": "", "title_en": "", "quantity": "5", "unit": "MWh", "per": ""}
    del data["kind"]
    response = client.post(url("listing-edit", editor.partner, pk=listing.pk), data)
    page = text(response)
    assert "Give the listing a title in Danish or English." in page
    assert "Say whether it is once or per day, week, month or year." in page
    listing.refresh_from_db()
    assert listing.status == Status.PUBLISHED
    assert listing.title_en == "Surplus heat at 60 °C from condensers"
