import itertools
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import translation

from exchanges.models import Flow
from listings import codes, demo
from listings.models import Listing, Match, MatchStep, Stage, Status, Visibility
from partners.models import Partner
from symbiosis import dates
from symbiosis.models import OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site():
    call_command("load_demo", stdout=StringIO())


def rows():
    """Every listing, match and step as it is stored, timestamps included."""
    return (
        {one.key: (model_to_dict(one), one.created, one.updated) for one in Listing.objects.all()},
        {one.pk: (model_to_dict(one), one.created, one.updated) for one in Match.objects.all()},
        list(MatchStep.objects.values_list("match", "old_stage", "new_stage", "comment", "at")),
        list(Flow.objects.values_list("pk", "updated")),
    )


def test_loading_the_demo_again_changes_nothing(demo_site):
    before = rows()
    mail = OutgoingMail.objects.count()

    assert demo.load() == 0
    out = StringIO()
    call_command("load_demo", stdout=out)

    assert rows() == before
    assert OutgoingMail.objects.count() == mail
    assert "(0 rows created or changed)" in out.getvalue()


def test_about_forty_listings_in_both_languages_and_every_status(demo_site):
    listings = Listing.objects.all()

    assert listings.count() == len(demo.LISTINGS)
    assert 38 <= listings.count() <= 46
    assert listings.filter(key__startswith="demo-offer-").count() >= 20
    assert listings.filter(key__startswith="demo-want-").count() >= 12
    assert listings.exclude(title_da="").exclude(title_en="").count() > listings.count() / 2
    assert listings.filter(title_en="", language="da").exists()  # Danish only
    assert listings.filter(title_da="", language="en").exists()  # English only
    statuses = {status: listings.filter(status=status).count() for status in Status}
    assert statuses[Status.PUBLISHED] > listings.count() / 2
    assert statuses[Status.REVIEW] >= 2
    assert statuses[Status.DRAFT] == statuses[Status.CLOSED] == statuses[Status.EXPIRED] == 1
    # The established match's offer and want.
    assert statuses[Status.MATCHED] == 2
    published = listings.filter(status__in=[Status.PUBLISHED, Status.MATCHED])
    assert not published.filter(published_at__isnull=True).exists()
    assert not listings.filter(status=Status.REVIEW, published_at__isnull=False).exists()


def test_visibility_anonymous_and_for_the_secretariat(demo_site):
    listings = Listing.objects.all()

    assert listings.filter(visibility=Visibility.ANONYMOUS).count() >= 6
    assert listings.filter(visibility=Visibility.SECRETARIAT).count() == 2
    assert listings.filter(visibility=Visibility.PUBLIC).count() > listings.count() / 2
    assert not Listing.objects.published().filter(visibility=Visibility.SECRETARIAT).exists()


def test_every_listing_is_valid_and_its_codes_on_the_lists(demo_site):
    for listing in Listing.objects.select_related("organisation", "resource"):
        listing.full_clean()
        if listing.ewc_code:
            assert codes.normalise_ewc(listing.ewc_code) == listing.ewc_code
        assert codes.normalise_nace(listing.industry_code), listing.key
        assert listing.latitude is not None and listing.longitude is not None, listing.key
        assert codes.municipality(listing.place).name == listing.place, listing.key
    assert Listing.objects.exclude(ewc_code="").count() >= 15


def test_the_listings_lie_in_kalundborg_holbaek_odsherred_and_the_network(demo_site):
    places = set(Listing.objects.values_list("place", flat=True))

    assert {"Kalundborg", "Holbæk", "Odsherred"} <= places
    assert len(places - {"Kalundborg", "Holbæk", "Odsherred"}) >= 5


def test_organisations_that_are_not_partners_stay_off_the_site(demo_site):
    slugs = [organisation.slug for organisation in demo.ORGANISATIONS]
    outsiders = Partner.objects.filter(slug__in=slugs)

    assert outsiders.count() == len(slugs)
    assert not outsiders.filter(is_public=True).exists()
    assert set(outsiders.values_list("membership", flat=True)) == {Partner.Membership.NONE}
    for organisation in outsiders:
        assert codes.normalise_nace(organisation.nace) == organisation.nace
        assert organisation.town and organisation.latitude is not None
    # Only the others' listings name a contact; the partners' reach their own people.
    contacts = Listing.objects.exclude(contact_email="")
    assert set(contacts.values_list("organisation__slug", flat=True)) <= set(slugs)
    emails = contacts.values_list("contact_email", flat=True)
    assert all(email.endswith("@example.org") for email in emails)
    assert not contacts.filter(organisation__is_public=True).exists()


def test_some_listings_expire_within_the_reminders_days(demo_site, settings):
    today = dates.today()
    soon = Listing.objects.filter(
        status=Status.PUBLISHED,
        available_until__gte=today,
        available_until__lte=today + timedelta(days=settings.LISTING_REMINDER_DAYS),
    ).exclude(contact_email="")

    assert soon.count() >= 3
    assert not Listing.objects.filter(status=Status.PUBLISHED, available_until__lt=today).exists()


def test_matches_in_every_stage_with_their_history(demo_site):
    matches = Match.objects.all()

    assert matches.count() >= 8
    assert set(matches.values_list("stage", flat=True)) == set(Stage)
    for match in matches:
        steps = list(match.steps.all())
        assert steps[0].old_stage == "" and steps[0].new_stage == Stage.SUGGESTED
        assert steps[-1].new_stage == match.stage
        for before, after in itertools.pairwise(steps):
            assert after.old_stage == before.new_stage
            assert after.at > before.at
        assert 0 < match.score <= 1
        assert match.reasons and all(set(reason) == {"da", "en"} for reason in match.reasons)
        assert match.offer.kind == "offer" and match.want.kind == "want"
    for match in matches.filter(stage=Stage.REJECTED):
        assert match.rejection_reason and match.rejection_note


def test_the_established_match_left_a_planned_public_flow_on_the_diagram(demo_site):
    match = Match.objects.get(stage=Stage.ESTABLISHED)
    flow = match.flow

    assert flow.status == Flow.Status.PLANNED
    assert flow.year_started == demo.FLOW_YEAR
    assert (flow.supplier.slug, flow.receiver.slug, flow.resource.slug) == (
        "kalundborg-bioenergi",
        "unibio",
        "biogas",
    )
    assert flow.supplier.is_public and flow.receiver.is_public
    assert Flow.objects.published().filter(pk=flow.pk).exists()
    assert {match.offer.status, match.want.status} == {Status.MATCHED}
    # No introduction went out: neither side has a contact address.
    assert not OutgoingMail.objects.filter(template="match_introduction").exists()


def test_the_exchange_shows_the_demo_in_both_languages(demo_site, client):
    anonymous = Listing.objects.published().filter(visibility=Visibility.ANONYMOUS)
    for language in ("da", "en"):
        with translation.override(language):
            assert client.get(reverse("listings:list")).status_code == 200
            for listing in Listing.objects.published():
                page = client.get(listing.get_absolute_url())
                assert page.status_code == 200, listing.key
            for listing in anonymous:
                text = client.get(listing.get_absolute_url()).content.decode()
                assert listing.organisation.name not in text, listing.key
                assert listing.contact_email not in text, listing.key
