"""Bad input gets a clear answer and loses nothing: resubmissions, floods, a database
that fails half-way, a mail server that is down, hostile parameters."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone, translation

from enquiries.models import Enquiry, StatusChange
from enquiries.tests.test_contact import VISITOR, contact_url, send
from symbiosis.models import OutgoingMail
from tests.html import soup, text_of
from tests.mail import body, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://symbiosis.example.org"
    settings.FORM_MIN_FILL_SECONDS = 0
    settings.MAIL_RETRY_SECONDS = [60, 300]


def test_a_double_click_or_a_resubmission_keeps_one_enquiry_and_sends_one_receipt(
    client, smtp_server, django_capture_on_commit_callbacks
):
    submission = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        first = send(client, "da", submission=submission)
        again = send(client, "da", submission=submission)
    run_worker()

    assert first["Location"] == again["Location"] == contact_url("da", "enquiries:contact-sent")
    assert Enquiry.objects.count() == 1
    assert len(smtp_server.to(VISITOR)) == 1


def test_a_database_failure_half_way_answers_503_and_keeps_nothing(client, monkeypatch):
    """The enquiry is saved, then its history line fails: the whole post is undone, and
    the visitor gets the friendly page in their language, not a traceback."""

    def fail(*args, **kwargs):
        raise OperationalError("connection to server lost")

    monkeypatch.setattr(StatusChange.objects, "create", fail)

    response = send(client, "en")

    assert response.status_code == 503
    assert soup(response).html["lang"] == "en"
    assert "Traceback" not in response.content.decode()
    assert not Enquiry.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_the_mail_server_down_keeps_the_enquiry_and_the_mail_goes_when_it_is_back(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with smtp_server.down():
        with django_capture_on_commit_callbacks(execute=True):
            response = send(client, "en")
        run_worker()  # the first attempt fails: the retry waits in the queue

        assert response.status_code == 302  # the visitor was thanked all the same
        assert Enquiry.objects.count() == 1
        receipt = OutgoingMail.objects.get(to=[VISITOR])
        assert receipt.status == "queued" and receipt.attempts == 1
        assert receipt.last_error

    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        run_worker()  # the retry, a minute later

    (arrived,) = smtp_server.to(VISITOR)
    assert "we have received your message" in arrived["Subject"]
    assert "Må vi bruge jeres diagram" in body(arrived)
    receipt.refresh_from_db()
    assert receipt.status == "sent"


@pytest.mark.parametrize(
    ("language", "words"),
    [("da", "For mange beskeder på kort tid"), ("en", "Too many messages in a short time")],
)
def test_thirty_posts_in_a_minute_from_one_client_are_stopped_after_the_limit(
    client, settings, language, words
):
    settings.FORM_POSTS_LIMIT = 5
    answers = [send(client, language).status_code for _post in range(30)]

    assert answers == [302] * 5 + [429] * 25
    assert Enquiry.objects.count() == 5
    refused = send(client, language)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert soup(refused).html["lang"] == language
    assert words in text_of(refused)


def test_a_filled_honeypot_is_thanked_and_nothing_is_kept(client, smtp_server):
    from enquiries.forms import ContactForm

    guard = ContactForm().spam_guard
    response = send(client, "da", **{guard.honeypot_name: "https://spam.example"})

    assert response["Location"] == contact_url("da", "enquiries:contact-sent")
    assert not Enquiry.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_hostile_query_parameters_change_nothing(client):
    with translation.override("da"):
        url = reverse("enquiries:contact")
    for query in ("?topic=<script>alert(1)</script>", "?topic=press%00", "?topic=" + "x" * 5000):
        response = client.get(url + query)
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.content.decode()
    chosen = soup(client.get(url + "?topic=press")).select_one(
        "select[name=topic] option[selected]"
    )
    assert chosen["value"] == "press"


def test_a_made_up_submission_id_or_missing_fields_lose_nothing_typed(client):
    response = send(client, "en", submission="not-a-uuid", email="not an address")

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("#form-errors")
    assert "Enter a valid email address." in text_of(response)
    # What the visitor typed is still there to correct.
    assert "Må vi bruge jeres diagram" in page.select_one("textarea[name=message]").text
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize("name", ["enquiries:contact", "enquiries:visit", "enquiries:apply"])
def test_the_form_pages_ask_the_database_the_same_whatever_it_holds(
    client, name, django_assert_num_queries
):
    """A form page's queries do not grow with the enquiries, visits and closed days kept."""
    from enquiries.tests.factories import (
        ClosedPeriodFactory,
        ConfirmedVisitFactory,
        PartnerApplicationFactory,
    )

    with translation.override("en"):
        url = reverse(name)
    client.get(url)  # anything done once per process (the catalogue, the templates)
    with django_assert_num_queries(_count(client, url)) as few:
        client.get(url)
    ConfirmedVisitFactory.create_batch(10)
    ClosedPeriodFactory.create_batch(10)
    PartnerApplicationFactory.create_batch(10, cvr="10000009")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)
