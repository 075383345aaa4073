"""The public form: anyone posts an offer or a want, nothing is public before review."""

import uuid

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from listings.models import Listing, Status
from listings.posting import ListingForm
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from tests.html import text_of
from tests.mail import body, run_worker

pytestmark = pytest.mark.django_db

POSTER = "lars@example.dk"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://symbiosis.example.org"
    settings.FORM_MIN_FILL_SECONDS = 0


def post_url(language="da", name="listings:post"):
    with translation.override(language):
        return reverse(name)


def send(client, language="da", **changes):
    guard = ListingForm().spam_guard
    data = {
        "kind": "offer",
        "offer_type": "by_product",
        "title": "Træflis fra savværk",
        "description": "Cirka 2.000 t træflis om året, tørt, fra et savværk.",
        "category": "material",
        "ewc_code": "03 01 05",
        "quantity": "2000",
        "unit": "t",
        "per": "year",
        "quality": "Fugt under 20 %",
        "place": "Holbaek",
        "available_from": "",
        "available_until": "",
        "visibility": "anonymous",
        "organisation": "Holbæk Savværk ApS",
        "cvr": "",
        "name": "Lars Træ",
        "email": POSTER,
        "consent": "on",
        "submission": str(uuid.uuid4()),
        guard.stamp_name: guard.stamp,
        **changes,
    }
    return client.post(post_url(language), data)


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_posted_offer_waits_for_review_under_a_new_unpublished_organisation(client, language):
    response = send(client, language)

    assert response.status_code == 302
    assert response["Location"] == post_url(language, "listings:post-sent")
    listing = Listing.objects.get()
    assert listing.status == Status.REVIEW
    assert getattr(listing, f"title_{language}") == "Træflis fra savværk"
    assert (listing.language, listing.ewc_code, listing.place) == (language, "030105", "Holbæk")
    assert (listing.quantity, listing.unit, listing.per) == (2000, "t", "year")
    organisation = listing.organisation
    assert (organisation.name, organisation.is_public, organisation.membership) == (
        "Holbæk Savværk ApS",
        False,
        Partner.Membership.NONE,
    )
    # Not public before the review: neither its page nor the list shows it.
    assert client.get(listing.get_absolute_url()).status_code == 404
    assert "Træflis" not in text_of(client.get(reverse("listings:list")))


def test_a_known_cvr_number_links_the_listing_to_that_partner(client):
    partner = PartnerFactory(name="Gyproc A/S", cvr="12345674")
    send(client, cvr="12345674", organisation="Gyproc")
    assert Listing.objects.get().organisation == partner
    assert Partner.objects.count() == 1


def test_the_receipt_and_the_notice_go_out_through_the_worker(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, "en")
    run_worker()

    (receipt,) = smtp_server.to(POSTER)
    assert receipt["Subject"] == "Kalundborg Symbiose: we have received your listing"
    assert "Træflis fra savværk" in body(receipt)
    (notice,) = smtp_server.to(django_settings.SECRETARIAT["email"])
    assert notice["Reply-To"] == POSTER
    listing = Listing.objects.get()
    assert f"https://symbiosis.example.org/admin/listings/listing/{listing.pk}/change/" in body(
        notice
    )


def test_sending_twice_keeps_one_listing(client):
    submission = str(uuid.uuid4())
    send(client, submission=submission)
    send(client, submission=submission)
    assert Listing.objects.count() == 1


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"ewc_code": "99 99 99"}, "ewc_code", "99 99 99"),
        ({"place": "Atlantis"}, "place", "Atlantis"),
        ({"quantity": "-5"}, "quantity", "0"),
        ({"unit": "MWh"}, "unit", "MWh"),
        ({"unit": ""}, "unit", "unit"),
        ({"per": ""}, "per", "once"),
        ({"available_until": "2001-01-01"}, "available_until", "passed"),
        (
            {"available_from": "2027-05-01", "available_until": "2027-04-01"},
            "available_until",
            "end before",
        ),
        ({"cvr": "12345678"}, "cvr", "CVR"),
        ({"title": "Linje\r\nBcc: x@y"}, "title", "one line"),
        ({"kind": "gift"}, "kind", "gift"),
        ({"consent": ""}, "consent", "tick"),
    ],
)
def test_bad_input_is_refused_in_the_visitors_language_and_nothing_is_kept(
    client, changes, field, message
):
    response = send(client, "en", **changes)

    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    assert "Please look at the form again" in text_of(response)
    assert not Listing.objects.exists()
    assert not Partner.objects.exists()


def test_the_form_says_what_is_kept_and_for_how_long(client):
    text = text_of(client.get(post_url("en")))
    assert "What we keep, and for how long" in text
    assert "erased 24 months after the listing is closed or has expired" in text
