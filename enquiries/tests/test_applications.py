"""Applications to join: the public form, the mails at each step, the board's decision."""

import uuid
from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from enquiries.applications import ApplicationForm, unique_partner_slug
from enquiries.models import Enquiry, Kind, PartnerApplication, Status, TopicInbox
from enquiries.tests.factories import PartnerApplicationFactory
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from symbiosis import dates
from tests.admin_forms import form_fields
from tests.html import soup, text_of
from tests.mail import body, run_worker

pytestmark = pytest.mark.django_db

SITE_URL = "https://symbiosis.example.org"
APPLICANT = "lone@gronkemi.example.dk"


@pytest.fixture(autouse=True)
def _site(settings):
    """Links in mail from SITE_URL; a form sent at once is taken (the stamp's minimum
    time has tests of its own, symbiosis/tests/test_spam.py)."""
    settings.SITE_URL = SITE_URL
    settings.FORM_MIN_FILL_SECONDS = 0


@pytest.fixture
def in_english():
    """The form's own messages read in English (the tests start in Danish)."""
    with translation.override("en"):
        yield


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def application_data(**changes):
    """What a person's browser sends: every field filled in, the guard's stamp, no
    proof of work (as with JavaScript off: accepted, flagged)."""
    guard = ApplicationForm().spam_guard
    data = {
        "organisation": "Grøn Kemi A/S",
        "cvr": "DK 24 25 67 90",
        "street": "Industrivej 12",
        "postcode": "4400",
        "town": "Kalundborg",
        "nace": "20.14",
        "name": "Lone Madsen",
        "email": APPLICANT,
        "phone": "+45 20 30 40 50",
        "membership": Partner.Membership.ASSOCIATE,
        "shares": "Overskudsvarme, ca. 40 °C, hele året",
        "needs": "Procesvand og damp",
        "message": "Vi kan starte til sommer.",
        "consent": "on",
        "submission": str(uuid.uuid4()),
        guard.stamp_name: guard.stamp,
    }
    return {**data, **changes}


def apply(client, language="da", **changes):
    return client.post(url("enquiries:apply", language), application_data(**changes))


# The form.


def test_the_form_asks_in_three_parts_with_the_privacy_note_and_the_consent(client):
    response = client.get(url("enquiries:apply", "en"))

    page = soup(response)
    legends = [legend.get_text(strip=True) for legend in page.select("form > fieldset > legend")]
    assert legends == ["The organisation", "The contact person", "The partnership"]
    assert page.select_one("h1").get_text(strip=True) == "Become a partner"
    assert "For an application we also keep the organisation's details" in text_of(response)
    assert page.select_one("input[name=consent][type=checkbox]") is not None
    membership = [i["value"] for i in page.select("input[name=membership]")]
    assert membership == [Partner.Membership.FULL, Partner.Membership.ASSOCIATE]
    assert "E.g. 20.14" in text_of(response)


@pytest.mark.parametrize("written", ["24256790", "DK24256790", "24 25 67 90", "dk-24 25 67 90"])
def test_a_cvr_number_is_kept_as_its_eight_digits_however_it_is_written(written):
    form = ApplicationForm(application_data(cvr=written))

    assert form.is_valid(), form.errors
    assert form.detail().cvr == "24256790"


@pytest.mark.parametrize("written", ["12345678", "2425679", "01000004", "DK1234567X"])
def test_a_cvr_number_that_fails_the_modulus_11_rule_is_refused(written, in_english):
    form = ApplicationForm(application_data(cvr=written))

    assert not form.is_valid()
    assert form.errors["cvr"] == [
        "A CVR number is eight digits and this one does not check out; please look again."
    ]


@pytest.mark.parametrize(
    ("language", "error"),
    [
        ("da", "Et CVR-nummer har otte cifre, og dette stemmer ikke; se venligst efter igen."),
        ("en", "A CVR number is eight digits and this one does not check out; please look again."),
    ],
)
def test_the_cvr_error_is_in_the_visitors_language(client, language, error):
    response = apply(client, language, cvr="12345678")

    assert response.status_code == 200
    assert error in text_of(response)
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize("postcode", ["440", "44000", "DK-4400", "Kalundborg"])
def test_a_postcode_is_four_digits(postcode, in_english):
    form = ApplicationForm(application_data(postcode=postcode))

    assert not form.is_valid()
    assert form.errors["postcode"] == ["A Danish postcode is four digits, e.g. 4400."]


def test_the_organisation_is_required_on_an_application():
    form = ApplicationForm(application_data(organisation=""))

    assert not form.is_valid()
    assert "organisation" in form.errors


def test_an_industry_code_is_written_as_nace_digits(in_english):
    assert ApplicationForm(application_data(nace="")).is_valid()
    form = ApplicationForm(application_data(nace="kemi"))
    assert not form.is_valid()
    assert form.errors["nace"] == ["Write the industry code as digits, e.g. 20.14 (NACE/DB07)."]


def test_a_name_on_two_lines_is_refused(in_english):
    form = ApplicationForm(application_data(organisation="Grøn Kemi\r\nBcc: x@example.org"))

    assert not form.is_valid()
    assert form.errors["organisation"] == ["Please write this on one line."]


def test_a_valid_application_is_one_enquiry_with_its_application_and_goes_to_the_sent_page(
    client,
):
    response = apply(client, "en")

    assert response.status_code == 302
    assert response["Location"] == url("enquiries:apply-sent", "en")
    enquiry = Enquiry.objects.get()
    assert (enquiry.kind, enquiry.status, enquiry.topic) == (
        Kind.APPLICATION,
        Status.RECEIVED,
        "partnership",
    )
    assert (enquiry.organisation, enquiry.name, enquiry.email, enquiry.language) == (
        "Grøn Kemi A/S",
        "Lone Madsen",
        APPLICANT,
        "en",
    )
    assert enquiry.flagged  # no proof of work in a test client
    application = enquiry.application
    assert (application.cvr, application.street, application.postcode, application.town) == (
        "24256790",
        "Industrivej 12",
        "4400",
        "Kalundborg",
    )
    assert (application.nace, application.membership) == ("20.14", Partner.Membership.ASSOCIATE)
    assert application.shares == "Overskudsvarme, ca. 40 °C, hele året"
    assert application.needs == "Procesvand og damp"
    assert enquiry.message == "Vi kan starte til sommer."


def test_the_sent_page_says_what_happens_next(client):
    response = client.get(url("enquiries:apply-sent", "en"))

    assert "Thank you for your application" in text_of(response)
    assert "the board decides at its next meeting" in text_of(response)


def test_the_same_form_sent_twice_is_one_application(client):
    data = application_data()

    first = client.post(url("enquiries:apply", "da"), data)
    second = client.post(url("enquiries:apply", "da"), data)

    assert first.status_code == second.status_code == 302
    assert Enquiry.objects.count() == PartnerApplication.objects.count() == 1


def test_a_second_application_from_a_cvr_number_being_handled_is_refused_kindly(client):
    PartnerApplicationFactory(cvr="24256790", enquiry__status=Status.IN_REVIEW)

    response = apply(client, "en")

    assert response.status_code == 200
    assert "An application from this CVR number is already being handled" in text_of(response)
    assert Enquiry.objects.count() == 1


def test_an_organisation_declined_before_may_apply_again(client):
    PartnerApplicationFactory(cvr="24256790", enquiry__status=Status.DECLINED)

    response = apply(client, "en")

    assert response.status_code == 302
    assert PartnerApplication.objects.filter(cvr="24256790").count() == 2


def test_a_partner_is_told_it_is_one_already(client):
    PartnerFactory(cvr="24256790")

    response = apply(client, "en")

    assert response.status_code == 200
    assert "The organisation with this CVR number is already a partner" in text_of(response)
    assert not Enquiry.objects.exists()


def test_a_filled_honeypot_is_thanked_and_nothing_is_kept(client):
    response = apply(client, "en", website="http://spam.example")

    assert response.status_code == 302
    assert not Enquiry.objects.exists()


# The mails when it arrives.


def test_the_applicant_gets_a_receipt_in_their_language_and_the_inbox_a_danish_notice(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        apply(client, "en")
    run_worker()

    (receipt,) = smtp_server.to(APPLICANT)
    assert receipt["Subject"] == "Kalundborg Symbiose: we have received your application"
    assert "Thank you for applying for Grøn Kemi A/S to become a partner" in body(receipt)
    assert "CVR number: 24256790" in body(receipt)
    (notice,) = smtp_server.to(django_settings.SECRETARIAT["email"])
    assert notice["Subject"].startswith("Ny henvendelse:")
    assert notice["Reply-To"] == APPLICANT
    text = body(notice)
    enquiry = Enquiry.objects.get()
    assert f"{SITE_URL}/admin/enquiries/enquiry/{enquiry.pk}/change/" in text
    assert "Sprog: Engelsk" in text
    assert "CVR-nummer: 24256790" in text
    assert "Kan dele:\r\nOverskudsvarme, ca. 40 °C, hele året" in text


def test_the_notice_goes_to_the_partnership_inbox_when_it_has_one(
    client, smtp_server, django_capture_on_commit_callbacks
):
    TopicInbox.objects.create(topic="partnership", email="partnerskab@symbiosis.example.org")

    with django_capture_on_commit_callbacks(execute=True):
        apply(client, "da")
    run_worker()

    assert len(smtp_server.to("partnerskab@symbiosis.example.org")) == 1
    assert smtp_server.to(django_settings.SECRETARIAT["email"]) == []
    (receipt,) = smtp_server.to(APPLICANT)
    assert receipt["Subject"] == "Kalundborg Symbiose: vi har modtaget jeres ansøgning"


# The steps in the admin (which speaks Danish to staff).


def next_step(admin_client, enquiry, status, comment=""):
    """The inbox's own "next step" field, sent as the change page's form is."""
    change = reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])
    data = form_fields(admin_client.get(change))
    data.update(next_status=status, step_comment=comment)
    return admin_client.post(change, data)


def decide(admin_client, application, **fields):
    return admin_client.post(
        reverse("admin:enquiries_partnerapplication_decision", args=[application.pk]), fields
    )


@pytest.fixture
def english_application():
    return PartnerApplicationFactory(
        enquiry__language="en", enquiry__email=APPLICANT, enquiry__organisation="Grøn Kemi A/S"
    )


def test_the_enquiry_shows_the_application_and_the_way_to_the_decision(
    admin_client, english_application
):
    response = admin_client.get(english_application.enquiry.get_admin_url())

    assert "24256790" in text_of(response)
    assert "Overskudsvarme" in text_of(response)
    decision = reverse("admin:enquiries_partnerapplication_decision", args=[english_application.pk])
    assert soup(response).select_one(f'a[href="{decision}"]') is not None
    # Approving and declining have the page; the inbox's field does not offer them.
    offered = [o["value"] for o in soup(response).select("select[name=next_status] option")]
    assert offered == ["", Status.IN_REVIEW]


def test_a_message_shows_no_application(admin_client):
    from enquiries.tests.factories import EnquiryFactory

    response = admin_client.get(EnquiryFactory().get_admin_url())

    assert "CVR" not in text_of(response)


def test_review_and_the_board_each_mail_the_applicant_in_their_language(
    admin_client, english_application, smtp_server, django_capture_on_commit_callbacks
):
    enquiry = english_application.enquiry

    with django_capture_on_commit_callbacks(execute=True):
        next_step(admin_client, enquiry, Status.IN_REVIEW, comment="We will call you on Monday.")
    with django_capture_on_commit_callbacks(execute=True):
        next_step(admin_client, enquiry, Status.BOARD)
    run_worker()

    enquiry.refresh_from_db()
    assert enquiry.status == Status.BOARD
    review, board = smtp_server.to(APPLICANT)
    assert review["Subject"] == "Kalundborg Symbiose: your application is being reviewed"
    assert "We will call you on Monday." in body(review)
    assert board["Subject"] == "Kalundborg Symbiose: your application goes before the board"
    assert "The board decides at its next meeting" in body(board)


def test_a_danish_applicant_hears_in_danish(
    admin_client, smtp_server, django_capture_on_commit_callbacks
):
    application = PartnerApplicationFactory(enquiry__email=APPLICANT, enquiry__language="da")

    with django_capture_on_commit_callbacks(execute=True):
        next_step(admin_client, application.enquiry, Status.IN_REVIEW)
    run_worker()

    (review,) = smtp_server.to(APPLICANT)
    assert review["Subject"] == "Kalundborg Symbiose: jeres ansøgning bliver nu behandlet"


def test_approval_welcomes_the_applicant_and_makes_one_unpublished_partner_draft(
    admin_client, english_application, smtp_server, django_capture_on_commit_callbacks, client
):
    Enquiry.objects.filter(pk=english_application.pk).update(status=Status.BOARD)
    meeting = dates.today() - timedelta(days=2)

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(
            admin_client,
            english_application,
            decision=Status.APPROVED,
            meeting=meeting.isoformat(),
            note="Welcome: we look forward to the heat.",
        )
    run_worker()

    assert response.status_code == 302
    assert response["Location"] == english_application.enquiry.get_admin_url()
    partner = Partner.objects.get()
    assert partner.is_public is False
    assert (partner.name, partner.slug, partner.cvr, partner.nace) == (
        "Grøn Kemi A/S",
        "groen-kemi-as",
        "24256790",
        "20.14",
    )
    assert (partner.street, partner.postcode, partner.town) == (
        "Industrivej 12",
        "4400",
        "Kalundborg",
    )
    assert (partner.membership, partner.year_joined) == (Partner.Membership.FULL, meeting.year)
    assert partner.summary_da == ""
    english_application.refresh_from_db()
    assert english_application.partner == partner
    assert english_application.board_meeting == meeting
    assert english_application.enquiry.status == Status.APPROVED
    assert (
        english_application.enquiry.history.last().comment
        == "Welcome: we look forward to the heat."
    )
    (welcome,) = smtp_server.to(APPLICANT)
    assert welcome["Subject"] == "Kalundborg Symbiose: welcome as a partner"
    assert "Welcome: we look forward to the heat." in body(welcome)
    assert "approved the application from Grøn Kemi A/S" in body(welcome)
    # The secretariat is sent to the draft from the enquiry.
    page = admin_client.get(response["Location"])
    draft = reverse("admin:partners_partner_change", args=[partner.pk])
    assert soup(page).select(f'a[href="{draft}"]')
    # The draft is nowhere on the public site.
    assert "Grøn Kemi" not in client.get(url("partners:list", "da")).content.decode()
    assert client.get(url("partners:detail", "da", slug=partner.slug)).status_code == 404


def test_approval_needs_the_meeting_date(admin_client, english_application):
    Enquiry.objects.filter(pk=english_application.pk).update(status=Status.BOARD)

    response = decide(admin_client, english_application, decision=Status.APPROVED, meeting="")

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["meeting"]
    assert not Partner.objects.exists()
    assert Enquiry.objects.get().status == Status.BOARD


def test_a_meeting_in_the_future_is_refused(admin_client, english_application):
    Enquiry.objects.filter(pk=english_application.pk).update(status=Status.BOARD)
    tomorrow = dates.today() + timedelta(days=1)

    response = decide(
        admin_client, english_application, decision=Status.APPROVED, meeting=tomorrow.isoformat()
    )

    assert "Mødet kan ikke ligge i fremtiden" in text_of(response)
    assert not Partner.objects.exists()


def test_approval_before_the_board_is_refused_and_the_page_says_the_order(
    admin_client, english_application
):
    page = admin_client.get(
        reverse("admin:enquiries_partnerapplication_decision", args=[english_application.pk])
    )
    response = decide(
        admin_client,
        english_application,
        decision=Status.APPROVED,
        meeting=dates.today().isoformat(),
    )

    assert (
        "flyt den i indbakken til “Under behandling”, derefter til “Afventer bestyrelsen”"
        in text_of(page)
    )
    assert [i["value"] for i in soup(page).select("input[name=decision]")] == [Status.DECLINED]
    assert "Den beslutning kan ikke træffes nu" in text_of(response)
    assert not Partner.objects.exists()
    assert Enquiry.objects.get().status == Status.RECEIVED


def test_approving_twice_makes_one_partner(admin_client, english_application):
    Enquiry.objects.filter(pk=english_application.pk).update(status=Status.BOARD)
    decision = {"decision": Status.APPROVED, "meeting": dates.today().isoformat()}

    decide(admin_client, english_application, **decision)
    second = decide(admin_client, english_application, **decision)

    assert Partner.objects.count() == 1
    assert "Den beslutning kan ikke træffes nu" in text_of(second)
    assert Enquiry.objects.get().history.filter(new_status=Status.APPROVED).count() == 1


def test_declining_mails_the_boards_note_in_the_applicants_language(
    admin_client, english_application, smtp_server, django_capture_on_commit_callbacks
):
    Enquiry.objects.filter(pk=english_application.pk).update(status=Status.BOARD)

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(
            admin_client,
            english_application,
            decision=Status.DECLINED,
            meeting=date(2026, 11, 24).isoformat(),
            note="The partnership is for organisations in the Kalundborg area.",
        )
    run_worker()

    assert response.status_code == 302
    application = PartnerApplication.objects.get()
    assert application.enquiry.status == Status.DECLINED
    assert application.partner is None
    assert (
        application.decision_note == "The partnership is for organisations in the Kalundborg area."
    )
    (declined,) = smtp_server.to(APPLICANT)
    assert declined["Subject"] == "Kalundborg Symbiose: your application"
    assert "At its meeting on 24 November 2026" in body(declined)
    assert "The partnership is for organisations in the Kalundborg area." in body(declined)
    assert not Partner.objects.exists()


def test_declining_asks_for_the_note(admin_client, english_application):
    response = decide(admin_client, english_application, decision=Status.DECLINED, note=" ")

    assert "Skriv med en sætning eller to hvorfor" in text_of(response)
    assert Enquiry.objects.get().status == Status.RECEIVED


def test_the_decision_page_needs_the_right_to_change_enquiries(client, english_application):
    from django.contrib.auth import get_user_model

    clerk = get_user_model().objects.create_user("clerk", is_staff=True)
    client.force_login(clerk)

    response = decide(client, english_application, decision=Status.DECLINED, note="No.")

    assert response.status_code == 403
    assert Enquiry.objects.get().status == Status.RECEIVED


def test_a_partner_draft_gets_a_slug_of_its_own():
    PartnerFactory(name="Grøn Kemi", slug="groen-kemi")
    PartnerFactory(name="Grøn Kemi", slug="groen-kemi-2")

    assert unique_partner_slug("Grøn Kemi") == "groen-kemi-3"
    assert unique_partner_slug("Æblegården") == "aeblegaarden"
