"""The contact form: a message reaches the inbox, and its sender gets a receipt."""

import uuid

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from enquiries.forms import ContactForm
from enquiries.models import Enquiry, Kind, TopicInbox
from tests.html import text_of
from tests.mail import body, run_worker

pytestmark = pytest.mark.django_db

VISITOR = "mette@example.dk"


@pytest.fixture(autouse=True)
def _site(settings):
    """Links in mail from SITE_URL; a form sent at once is taken (symbiosis/tests/test_spam.py
    tests the stamp's minimum time)."""
    settings.SITE_URL = "https://symbiosis.example.org"
    settings.FORM_MIN_FILL_SECONDS = 0


def contact_url(language, name="enquiries:contact"):
    with translation.override(language):
        return reverse(name)


def send(client, language="da", **changes):
    guard = ContactForm().spam_guard
    data = {
        "name": "Mette Jensen",
        "email": VISITOR,
        "organisation": "",
        "topic": "press",
        "message": "Må vi bruge jeres diagram i en artikel?\nVenlig hilsen Mette",
        "consent": "on",
        "submission": str(uuid.uuid4()),
        guard.stamp_name: guard.stamp,
        **changes,
    }
    return client.post(contact_url(language), data)


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_message_is_kept_and_the_visitor_sent_to_the_thank_you_page(client, language):
    response = send(client, language)

    assert response.status_code == 302
    assert response["Location"] == contact_url(language, "enquiries:contact-sent")
    enquiry = Enquiry.objects.get()
    assert (enquiry.kind, enquiry.topic, enquiry.language, enquiry.email) == (
        Kind.CONTACT,
        "press",
        language,
        VISITOR,
    )


def test_the_receipt_quotes_the_message_and_the_notice_reaches_the_secretariat(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, "en")
    run_worker()

    (receipt,) = smtp_server.to(VISITOR)
    assert receipt["Subject"] == "Kalundborg Symbiose: we have received your message"
    assert "Må vi bruge jeres diagram i en artikel?" in body(receipt)
    (notice,) = smtp_server.to(django_settings.SECRETARIAT["email"])
    assert notice["Reply-To"] == VISITOR
    assert notice["Subject"].startswith("Ny henvendelse:")
    enquiry = Enquiry.objects.get()
    assert f"https://symbiosis.example.org{enquiry.get_admin_url()}" in body(notice)
    assert "Må vi bruge jeres diagram i en artikel?" in body(notice)


def test_the_notice_goes_to_the_topics_inbox_when_it_has_one(
    client, smtp_server, django_capture_on_commit_callbacks
):
    TopicInbox.objects.create(topic="press", email="presse@symbiosis.example.org")

    with django_capture_on_commit_callbacks(execute=True):
        send(client, "da")
    run_worker()

    (notice,) = smtp_server.to("presse@symbiosis.example.org")
    assert notice["Reply-To"] == VISITOR
    assert smtp_server.to(django_settings.SECRETARIAT["email"]) == []


def test_a_name_with_a_line_break_is_refused(client):
    with translation.override("en"):
        response = send(client, "en", name="Mette\r\nBcc: many@example.org")

    assert response.status_code == 200
    assert "Please write this on one line." in text_of(response)
    assert not Enquiry.objects.exists()


def test_a_message_over_5000_characters_is_refused_clearly_and_nothing_is_kept(client):
    response = send(client, "en", message="x" * 5001)

    assert response.status_code == 200
    assert "Please keep the message under 5,000 characters (it has 5,001)." in text_of(response)
    assert not Enquiry.objects.exists()
