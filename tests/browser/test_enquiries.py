"""The public forms as people send them, in a real browser: the contact form, a study
visit and an application to join, in Danish and in English. The visitor fills in the
form, the spam guard's proof of work is done by the browser itself, the confirmation
page says thank you, and the real task worker mails the receipt (in the visitor's
language) and the inbox's notification to a real SMTP server. Then the secretariat
confirms a visit in the admin and the visitor gets the invitation for the calendar.

Fields are found as a person finds them, by their labels, on the English pages. The
Danish catalogue does not have the forms' texts yet (their labels are still English),
so on the Danish pages the fields are found by their `name`; headings, buttons and
mail are compared with the catalogue's own words (`gettext` in the page's language),
which holds today and once the Danish texts are in.
"""

import datetime
import time
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar
from playwright.sync_api import expect

from enquiries.forms import ContactForm
from enquiries.models import Enquiry, TopicInbox
from enquiries.tests.factories import VisitRequestFactory
from enquiries.visits import VISIT_TIME_ZONE
from partners.models import Partner
from tests.browser.conftest import assert_accessible
from tests.mail import body, run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The stamp's minimum fill time for these tests (the stamp has tests of its own).
FILL_SECONDS = 1
PASSWORD = "korrekt-hest-batteri-hæfteklamme"
MESSAGE = "Hvordan bliver vores virksomhed en del af symbiosen?\nVi har overskudsvarme."
CONSENT = "I have read what is kept about me and for how long (above)."
CVR = "24256790"


def in_language(language, text, **values):
    """`text` as the catalogue has it in `language`, its %(…)s filled in."""
    with translation.override(language):
        translated = gettext(text)
    return translated % values if values else translated


def url(live_server, name, language):
    with translation.override(language):
        return live_server.url + reverse(name)


def field(page, language, name, label, value=None):
    """A field by its label on an English page, by its name on a Danish one (see above)."""
    if language == "en":
        return page.get_by_label(label, exact=True)
    selector = f'[name="{name}"]' + (f'[value="{value}"]' if value else "")
    return page.locator(selector)


def weekday_ahead(days):
    """The first weekday at least `days` days from today (the visits' notice is 14)."""
    day = timezone.localdate(timezone=VISIT_TIME_ZONE) + datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def open_form(page, address):
    page.goto(address)
    return time.monotonic()


# The widget solves in well under a second on an idle machine; with CI's two suites side
# by side, a browser per core, the proof of work waits its turn for the CPU.
WIDGET_SECONDS = 60


def wait_until_ready(page, shown):
    """Until the widget has put its answer in the form by itself, and the form has been
    open longer than the minimum fill time."""
    page.wait_for_function(
        "() => document.querySelector('altcha-widget input[name=altcha]')?.value",
        timeout=WIDGET_SECONDS * 1000,
    )
    left = FILL_SECONDS + 0.2 - (time.monotonic() - shown)
    if left > 0:
        page.wait_for_timeout(left * 1000)


# What each form asks, and what its visitor is told.


def fill_contact(page, language, email):
    field(page, language, "name", "Name:").fill("Mette Jensen")
    field(page, language, "email", "E-mail:").fill(email)
    field(page, language, "organisation", "Organisation:").fill("Grøn Kemi A/S")
    field(page, language, "topic", "What is it about?").select_option("partnership")
    field(page, language, "message", "Your message:").fill(MESSAGE)
    field(page, language, "consent", CONSENT).check()


def fill_visit(page, language, email):
    field(page, language, "name", "Contact person:").fill("Ingrid Larsen")
    field(page, language, "email", "E-mail:").fill(email)
    field(page, language, "organisation", "Organisation, school or group:").fill(
        "Roskilde Gymnasium"
    )
    group_size = field(page, language, "group_size", "Group size:")
    group_size.fill("")
    group_size.press_sequentially("24")  # typed, as a person types
    field(page, language, "country", "Country:").fill("Norge")
    field(page, language, "visit_language", "Danish", value="da").check()
    field(page, language, "date_1", "First choice of date:").fill(weekday_ahead(21).isoformat())
    field(page, language, "interests", "Energy: steam, heat and surplus heat", "energy").check()
    field(page, language, "consent", CONSENT).check()


def fill_application(page, language, email):
    field(page, language, "organisation", "Organisation:").fill("Grøn Kemi A/S")
    field(page, language, "cvr", "CVR number:").fill(f"DK {CVR}")
    field(page, language, "street", "Street and number:").fill("Industrivej 12")
    field(page, language, "postcode", "Postcode:").fill("4400")
    field(page, language, "town", "Town:").fill("Kalundborg")
    field(page, language, "name", "Contact person:").fill("Mette Jensen")
    field(page, language, "email", "E-mail:").fill(email)
    field(page, language, "consent", CONSENT).check()


@dataclass(frozen=True)
class PublicForm:
    url_name: str
    fill: object  # fill(page, language, email)
    button: str
    sent_heading: str
    receipt_subject: str
    receipt_words: str  # a line of the receipt's body, before its value

    def __str__(self):
        return self.url_name.split(":")[1]


CONTACT = PublicForm(
    "enquiries:contact",
    fill_contact,
    "Send",
    "Thank you for writing",
    "%(site_name)s: we have received your message",
    "You wrote:",
)
VISIT = PublicForm(
    "enquiries:visit",
    fill_visit,
    "Send the request",
    "Thank you for your request",
    "%(site_name)s: we have your request for a study visit",
    "Dates you asked for:",
)
APPLICATION = PublicForm(
    "enquiries:apply",
    fill_application,
    "Send the application",
    "Thank you for your application",
    "%(site_name)s: we have received your application",
    "CVR number",
)


@pytest.fixture
def quick_forms(settings):
    # The live server runs in a thread of this process: it reads these same settings.
    settings.FORM_MIN_FILL_SECONDS = FILL_SECONDS
    # The same proof of work, a tenth of the iterations a try: the widget still solves a
    # real challenge, in a tenth of the time on a CPU two suites share.
    settings.SPAM_CHALLENGE_COST = 500


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("form", [CONTACT, VISIT, APPLICATION], ids=str)
def test_a_visitor_sends_the_form_and_gets_a_receipt_in_their_language(
    open_page, live_server, smtp_server, quick_forms, form, language
):
    assert not Partner.objects.filter(cvr=CVR).exists()
    email = f"visitor-{form}-{language}@example.dk"
    page = open_page(locale="da-DK" if language == "da" else "en-GB")

    shown = open_form(page, url(live_server, form.url_name, language))
    expect(page.locator("html")).to_have_attribute("lang", language)
    form.fill(page, language, email)
    wait_until_ready(page, shown)
    assert_accessible(page)
    page.get_by_role("button", name=in_language(language, form.button), exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        in_language(language, form.sent_heading)
    )
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert page.url == url(live_server, f"{form.url_name}-sent", language)
    address = settings.SECRETARIAT["email"]
    expect(page.get_by_role("main").get_by_role("link", name=address)).to_have_attribute(
        "href", f"mailto:{address}"
    )
    assert_accessible(page)

    enquiry = Enquiry.objects.get(email=email)
    assert enquiry.language == language
    assert enquiry.flagged is False  # the browser did the proof of work

    run_worker()
    site_name = settings.SECRETARIAT["name"]
    [receipt] = smtp_server.to(email)
    assert receipt["Subject"] == in_language(language, form.receipt_subject, site_name=site_name)
    text = body(receipt)
    assert text.startswith(in_language(language, "Dear %(name)s,", name=enquiry.name))
    assert in_language(language, form.receipt_words) in text
    [notification] = smtp_server.to(TopicInbox.address_for(enquiry.topic))
    assert notification["Subject"].startswith("Ny henvendelse:")  # the inbox reads Danish
    assert notification["Reply-To"] == email


# The secretariat confirms a visit.


def log_in_to_the_admin(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_role("button", name="English").click()  # the admin speaks Danish until asked
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text(username)


def test_the_secretariat_confirms_a_visit_and_the_visitor_gets_the_invitation(
    page, live_server, smtp_server
):
    User.objects.create_superuser("sekretariat", "sekretariat@example.dk", PASSWORD)
    first, second = weekday_ahead(30), weekday_ahead(35)
    visit = VisitRequestFactory(
        date_1=first, date_2=second, enquiry__language="da", enquiry__email="ingrid@example.no"
    )
    log_in_to_the_admin(page, live_server, "sekretariat")

    page.goto(live_server.url + visit.enquiry.get_admin_url())
    page.get_by_role("link", name="Confirm a date…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm a date")
    with translation.override("en"):
        second_shown = formats.date_format(second, "DATE_FORMAT")
    assert_accessible(page)
    page.get_by_label(second_shown, exact=True).check()
    page.get_by_role("button", name="Confirm and send the invitation").click()
    expect(page.locator(".messagelist")).to_contain_text("The visit is confirmed")

    run_worker()
    [mail] = smtp_server.to("ingrid@example.no")
    with translation.override("da"):
        assert formats.date_format(second, "DATE_FORMAT") in mail["Subject"]
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_filename() == "besoeg.ics"  # in the visitor's language
    assert attachment.get_content_type() == "text/calendar"
    [event] = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.date() == second
    assert start.hour == 10  # the default start, in Danish time
    assert str(event["uid"]) == f"visit-{visit.pk}@symbiosis.example.org"


# Without JavaScript, and by keyboard.


def test_a_visitor_without_javascript_can_still_write_and_the_message_is_flagged(
    open_page, live_server, quick_forms
):
    page = open_page(locale="en-GB", java_script_enabled=False)
    shown = open_form(page, url(live_server, CONTACT.url_name, "en"))
    fill_contact(page, "en", "no-script@example.dk")
    left = FILL_SECONDS + 0.2 - (time.monotonic() - shown)
    if left > 0:
        time.sleep(left)
    page.get_by_role("button", name="Send", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for writing")
    enquiry = Enquiry.objects.get(email="no-script@example.dk")
    assert enquiry.flagged is True  # for the secretariat to read with care
    assert enquiry.language == "en"


def test_tab_goes_from_the_first_field_to_the_button_past_the_hidden_trap(page, live_server):
    page.goto(url(live_server, CONTACT.url_name, "da"))
    page.locator('[name="name"]').focus()
    visited = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return {tag: e.tagName, name: e.getAttribute('name') || '', type: e.type || ''}; }"
        )
        visited.append(focused)
        if focused["tag"] == "BUTTON" and focused["type"] == "submit":
            break
    else:
        pytest.fail(f"Tab never reached the submit button: {visited}")

    names = [f["name"] for f in visited]
    assert "website" not in names
    fields = ["email", "organisation", "topic", "message", "consent"]
    assert [name for name in names if name in fields] == fields


# Errors.


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_form_sent_without_what_it_needs_says_so_in_the_page_language(
    open_page, live_server, quick_forms, language
):
    page = open_page(locale="da-DK" if language == "da" else "en-GB")
    shown = open_form(page, url(live_server, CONTACT.url_name, language))
    field(page, language, "name", "Name:").fill("   ")  # a name of nothing
    field(page, language, "message", "Your message:").fill(MESSAGE)
    wait_until_ready(page, shown)
    page.get_by_role("button", name=in_language(language, "Send"), exact=True).click()

    summary = page.get_by_role("alert")
    expect(summary).to_have_class("form-errors")
    expect(summary.get_by_role("heading")).to_have_text(
        in_language(language, "Please look at the form again")
    )
    expect(page.locator("html")).to_have_attribute("lang", language)
    for name in ("name", "email", "consent"):
        expect(summary.locator(f'a[href="#id_{name}"]')).to_have_count(1)
    if language == "en":
        expect(summary.get_by_role("link", name="Name", exact=True)).to_be_visible()
    expect(field(page, language, "message", "Your message:")).to_have_value(MESSAGE)
    assert not Enquiry.objects.exists()
    assert_accessible(page)


def test_a_form_sent_too_fast_is_asked_again_with_the_text_kept(open_page, live_server, settings):
    settings.FORM_MIN_FILL_SECONDS = 3
    page = open_page(locale="da-DK")
    page.goto(url(live_server, CONTACT.url_name, "da"))
    fill_contact(page, "da", "hurtig@example.dk")
    # As if the form had been shown this very moment (filling it in may take longer than
    # the minimum on a busy machine): a stamp made now, as the page makes it.
    guard = ContactForm().spam_guard
    page.locator(f'[name="{guard.stamp_name}"]').evaluate(
        "(input, stamp) => { input.value = stamp; }", guard.stamp
    )
    page.get_by_role("button", name=in_language("da", "Send"), exact=True).click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(
        in_language("da", "Please check your message and send it again.")
    )
    expect(page.locator('[name="message"]')).to_have_value(MESSAGE)
    assert not Enquiry.objects.exists()
    assert_accessible(page)

    # The clock runs from the first showing: once the widget is done, it goes through.
    page.wait_for_function(
        "() => document.querySelector('altcha-widget input[name=altcha]')?.value",
        timeout=WIDGET_SECONDS * 1000,
    )
    page.wait_for_timeout(3_000)
    page.locator('[name="consent"]').check()
    page.get_by_role("button", name=in_language("da", "Send"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        in_language("da", "Thank you for writing")
    )
    assert Enquiry.objects.get(email="hurtig@example.dk").flagged is False
