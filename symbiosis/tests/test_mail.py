"""The mail machinery (symbiosis/mail.py): what arrives at a real SMTP server (aiosmtpd,
tests/mail.py) after the real worker ran, what the records say when it does not, and
the admin's view of both."""

from datetime import timedelta

import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.admin.sites import site as admin_site
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from symbiosis import mail
from symbiosis.addresses import absolute
from symbiosis.models import OutgoingMail
from symbiosis.registry import mail_samples
from tests.html import soup
from tests.mail import body, run_worker

pytestmark = pytest.mark.django_db

Status = OutgoingMail.Status
SITE = "https://symbiosis.example.org"
TO = "modtager@example.org"
VISIT_SUBJECT = (
    "{% if language == 'da' %}Dit studiebesøg er bekræftet{% else %}Your study visit is confirmed"
    "{% endif %}"
)
VISIT_TEXT = """{% autoescape off %}
Kære {{ name }},

vi ses {{ day }}. Programmet: {{ link }}
Parkering & kaffe <ved porten>.
{% endautoescape %}"""


@pytest.fixture
def visit_template(settings, tmp_path):
    """A mail template of the test's own (templates/mail/ holds only the site's)."""
    folder = tmp_path / "templates" / "mail"
    folder.mkdir(parents=True)
    (folder / "visit_subject.txt").write_text(VISIT_SUBJECT)
    (folder / "visit.txt").write_text(VISIT_TEXT)
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}
    ]
    settings.SITE_URL = SITE
    return folder


def parsed(html):
    return BeautifulSoup(html, "html.parser")


def send_visit(**kwargs):
    return mail.send_templated(
        "visit",
        {"name": "Jens Ørsted", "day": "tirsdag", "link": absolute("/da/besog/program/")},
        to=[TO],
        language=kwargs.pop("language", "da"),
        **kwargs,
    )


def sent(django_capture_on_commit_callbacks, **kwargs):
    """send_visit() in a transaction that commits, then the worker."""
    with django_capture_on_commit_callbacks(execute=True):
        row = send_visit(**kwargs)
    run_worker()
    row.refresh_from_db()
    return row


def invitation():
    calendar = icalendar.Calendar.new(method="REQUEST")
    start = timezone.now().replace(microsecond=0) + timedelta(days=7)
    calendar.add_component(
        icalendar.Event.new(
            summary="Studiebesøg i Kalundborg Symbiose",
            start=start,
            end=start + timedelta(hours=2),
            uid="visit-7@symbiosis.example.org",
        )
    )
    return calendar.to_ical().decode()


# Multipart, language, links


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("da", "Kalundborg Symbiose: din adgangskode er blevet ændret"),
        ("en", "Kalundborg Symbiose: your password was changed"),
    ],
)
def test_every_mail_is_text_and_html_in_the_recipients_language(
    language, subject, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = mail.send_templated(
            "security_notice",
            mail_samples["security_notice"](),
            to=[TO],
            language=language,
        )
    run_worker()

    [message] = smtp_server.to(TO)
    assert message["Subject"] == subject
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    html = parsed(message.get_body(preferencelist=("html",)).get_content())
    assert html.html["lang"] == language
    assert html.title.get_text() == subject
    assert "Kalundborg Symbiose" in html.header.get_text()
    # The HTML says what the text says, paragraph by paragraph.
    paragraphs = [" ".join(p.get_text(" ").split()) for p in html.main.find_all("p")]
    text = body(message).replace("\r\n", "\n")
    assert paragraphs == [" ".join(p.split()) for p in text.strip().split("\n\n")]
    assert message["Message-ID"] == f"<{row.key}@symbiosis.example.org>"


def test_the_html_frame_escapes_the_text_and_makes_its_addresses_links(
    visit_template, smtp_server, django_capture_on_commit_callbacks
):
    sent(django_capture_on_commit_callbacks)

    [message] = smtp_server.to(TO)
    assert f"Programmet: {SITE}/da/besog/program/" in body(message)
    assert "Parkering & kaffe <ved porten>." in body(message)
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Parkering &amp; kaffe &lt;ved porten&gt;." in html
    page = parsed(html)
    assert page.html["lang"] == "da"
    assert [a["href"] for a in page.main.find_all("a")] == [f"{SITE}/da/besog/program/"]
    assert len(page.main.find_all("p")) == 2
    assert not page.find_all(["script", "style"]) and not page.select("[style]")


def test_a_template_of_its_own_makes_the_html_part(
    visit_template, smtp_server, django_capture_on_commit_callbacks
):
    (visit_template / "visit.html").write_text(
        '{% extends "mail/base.html" %}{% block content %}'
        '<p>Vi ses {{ day }}: <a href="{{ link }}">programmet</a></p>{% endblock %}'
    )
    sent(django_capture_on_commit_callbacks, language="en")

    [message] = smtp_server.to(TO)
    assert message["Subject"] == "Your study visit is confirmed"
    page = parsed(message.get_body(preferencelist=("html",)).get_content())
    assert page.html["lang"] == "en"
    assert page.main.a["href"] == f"{SITE}/da/besog/program/"
    assert "Parkering" not in page.get_text() and "Parkering" in body(message)


def test_links_need_site_url_unless_debug(settings):
    settings.SITE_URL = SITE
    assert absolute("/da/") == f"{SITE}/da/"
    settings.SITE_URL = ""
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        absolute("/da/")
    settings.DEBUG = True
    assert absolute("/da/") == "http://localhost:8000/da/"


# Attachments


def test_an_invitation_arrives_as_a_calendar_attachment(
    visit_template, smtp_server, django_capture_on_commit_callbacks
):
    ics = invitation()
    sent(
        django_capture_on_commit_callbacks,
        attachments=[("besog.ics", ics, "text/calendar; method=REQUEST")],
    )

    [message] = smtp_server.to(TO)
    assert message.get_content_type() == "multipart/mixed"
    [attachment] = message.iter_attachments()
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    assert attachment.get_filename() == "besog.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    [event] = calendar.events
    assert str(event["SUMMARY"]) == "Studiebesøg i Kalundborg Symbiose"
    assert str(calendar["METHOD"]) == "REQUEST"
    # Text and HTML still travel together beside it.
    alternative = message.get_body(preferencelist=("html", "plain"))
    assert alternative.get_content_type() == "text/html"


# Once per key


def test_one_key_is_one_message_however_often_it_is_sent(
    visit_template, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = send_visit(key="visit-7-confirmation")
        again = send_visit(key="visit-7-confirmation")
    run_worker()
    later = send_visit(key="visit-7-confirmation")

    assert first.pk == again.pk == later.pk
    assert OutgoingMail.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    assert len(smtp_server.to(TO)) == 1


def test_the_worker_running_a_task_twice_sends_one_message(
    visit_template, smtp_server, django_capture_on_commit_callbacks
):
    row = sent(django_capture_on_commit_callbacks)
    mail.deliver.enqueue(row.key)  # as if the worker had picked the task up again
    run_worker()
    assert mail.deliver.call(row.key) is None

    assert len(smtp_server.to(TO)) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 1)
    # What was sent is no longer kept; what is needed to tell it was is.
    assert (row.body, row.html, row.attachments) == ("", "", [])
    assert row.subject == "Dit studiebesøg er bekræftet" and row.to == [TO]


def test_a_key_that_cannot_be_a_message_id_is_refused(visit_template):
    with pytest.raises(ValidationError):
        send_visit(key="visit 7 <bekræftelse>")


def test_nothing_is_sent_for_a_transaction_rolled_back(
    visit_template, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_visit()
    run_worker()
    assert len(callbacks) == 1 and smtp_server.messages == []


# Failures and retries


def test_mail_waits_while_the_smtp_server_is_down_and_goes_when_it_is_back(
    visit_template, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.MAIL_RETRY_SECONDS = [60, 300]
    with smtp_server.down():
        row = sent(django_capture_on_commit_callbacks)

        assert (row.status, row.attempts) == (Status.QUEUED, 1)
        assert "Connection refused" in row.last_error
        assert row.body  # kept for the next attempt
        failed, waiting = DBTaskResult.objects.order_by("enqueued_at")
        assert failed.status == "FAILED" and failed.exception_class_path.endswith("MailNotSent")
        assert "ConnectionRefusedError" in failed.traceback
        assert waiting.status == "READY"
        assert abs(waiting.run_after - (timezone.now() + timedelta(seconds=60))) < timedelta(
            seconds=5
        )
        assert row.next_attempt_at == waiting.run_after
        run_worker()  # too early: the retry waits its minute
        assert smtp_server.messages == []

    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=True):
        run_worker()

    [message] = smtp_server.to(TO)
    assert message["Message-ID"] == f"<{row.key}@symbiosis.example.org>"
    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == (Status.SENT, 2, None)
    assert row.sent_at is not None


def test_a_refused_recipient_fails_at_once_without_retries(
    visit_template, settings, smtp_server, django_capture_on_commit_callbacks, caplog
):
    settings.MAIL_RETRY_SECONDS = [0, 0]
    smtp_server.refused.add(TO)
    row = sent(django_capture_on_commit_callbacks)

    # The server's answer quotes the address: it is in the record, not in the logs or the
    # worker's task result.
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name != "mail.log")
    assert "SMTPRecipientsRefused 550" in ours  # (mail.log: the test's SMTP server)
    assert TO not in ours
    assert TO not in str(DBTaskResult.objects.get().traceback)

    assert (row.status, row.attempts) == (Status.FAILED, 1)
    assert row.last_error == f"{TO}: 550 5.1.1 No such mailbox here"
    assert row.body == ""
    [task] = DBTaskResult.objects.all()
    assert task.status == "FAILED"
    assert smtp_server.messages == []


def test_a_recipient_deferred_every_time_is_given_up_after_the_last_wait(
    visit_template, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.MAIL_RETRY_SECONDS = [0, 0]
    smtp_server.deferred.add(TO)
    row = sent(django_capture_on_commit_callbacks)

    assert (row.status, row.attempts) == (Status.GIVEN_UP, 3)
    assert row.last_error == f"{TO}: 451 4.3.0 Mailbox busy, try again later"
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED"] * 3
    assert smtp_server.messages == []


def test_a_deferred_recipient_gets_the_mail_on_a_later_attempt(
    visit_template, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.MAIL_RETRY_SECONDS = [0, 0]
    smtp_server.deferred.add(TO)
    with django_capture_on_commit_callbacks(execute=True):
        row = send_visit()
    run_worker(max_tasks=1)  # the first attempt only
    smtp_server.deferred.clear()
    run_worker()

    assert len(smtp_server.to(TO)) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 2)
    assert "451" in row.last_error  # what happened on the way stays readable


# The admin


def test_the_admin_lists_each_message_with_its_status_and_the_servers_answer(
    visit_template, admin_client, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.refused.add(TO)
    sent(django_capture_on_commit_callbacks)

    page = soup(admin_client.get("/admin/symbiosis/outgoingmail/"))
    [row] = page.select("#result_list tbody tr")
    cells = row.get_text(" ", strip=True)
    assert str(Status.FAILED.label) in cells
    assert "550 5.1.1 No such mailbox here" in cells
    assert "visit" in cells and TO in cells
    preview = page.select_one(".object-tools a[href='/admin/symbiosis/outgoingmail/preview/']")
    assert preview is not None

    found = soup(admin_client.get("/admin/symbiosis/outgoingmail/", {"q": "modtager@"}))
    assert len(found.select("#result_list tbody tr")) == 1
    none = soup(admin_client.get("/admin/symbiosis/outgoingmail/", {"q": "nogen.anden@"}))
    assert not none.select("#result_list tbody tr")
    failed = soup(admin_client.get("/admin/symbiosis/outgoingmail/", {"status__exact": "failed"}))
    assert len(failed.select("#result_list tbody tr")) == 1


def test_the_record_is_read_only_and_shows_no_text(
    visit_template, admin_client, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.refused.add(TO)
    row = sent(django_capture_on_commit_callbacks)
    OutgoingMail.objects.filter(pk=row.pk).update(body="hemmeligt link")

    page = admin_client.get(f"/admin/symbiosis/outgoingmail/{row.pk}/change/")
    assert page.status_code == 200
    assert "hemmeligt link" not in page.content.decode()
    assert not soup(page).select("form input[name=subject], textarea")
    assert admin_client.get("/admin/symbiosis/outgoingmail/add/").status_code == 403


def test_the_workers_task_results_are_in_our_admin(
    visit_template, admin_client, smtp_server, django_capture_on_commit_callbacks
):
    sent(django_capture_on_commit_callbacks)
    assert admin_site.is_registered(DBTaskResult)
    page = soup(admin_client.get("/admin/django_tasks_database/dbtaskresult/"))
    [row] = page.select("#result_list tbody tr")
    assert row.select_one(".field-task_name").get_text() == "deliver"


def test_the_preview_lists_every_mail_template(admin_client):
    page = soup(admin_client.get("/admin/symbiosis/outgoingmail/preview/"))
    names = [th.get_text(strip=True) for th in page.select("tbody th")]
    assert names == mail.template_names()
    assert {"enrolment_link", "login_slowed_down", "security_notice"} <= set(names)
    assert "base" not in names


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("name", mail.template_names())
def test_every_template_previews_in_both_languages(name, language, admin_client, settings):
    settings.SITE_URL = SITE
    page = admin_client.get(f"/admin/symbiosis/outgoingmail/preview/{name}/{language}/")
    rendered = mail.render_message(name, mail.sample_context(name), language)

    assert page.status_code == 200
    content = soup(page)
    assert content.select_one("#content-main p[lang]").get_text(strip=True) == rendered.subject
    assert content.select_one("#content-main pre").get_text() == rendered.text
    frame = content.select_one("iframe")
    assert frame.has_attr("sandbox") and frame["title"]
    html = admin_client.get(frame["src"])
    assert html.content.decode() == rendered.html
    assert f'<html lang="{language}">' in rendered.html
    policy = html["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy
    assert "frame-ancestors 'self'" in policy
    assert html["X-Frame-Options"] == "SAMEORIGIN"


def test_a_template_without_a_sample_previews_with_an_empty_context(visit_template, admin_client):
    page = soup(admin_client.get("/admin/symbiosis/outgoingmail/preview/visit/en/"))
    assert "Your study visit is confirmed" in page.get_text()
    assert "Kære ," in page.select_one("#content-main pre").get_text()


def test_the_preview_is_for_staff_only(client, django_user_model):
    for address in [
        "/admin/symbiosis/outgoingmail/preview/",
        "/admin/symbiosis/outgoingmail/preview/security_notice/da/",
        "/admin/symbiosis/outgoingmail/preview/security_notice/da/html/",
    ]:
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    client.force_login(django_user_model.objects.create_user("borger", password="x" * 16))
    response = client.get("/admin/symbiosis/outgoingmail/preview/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_preview_knows_only_real_templates_and_languages(admin_client):
    assert admin_client.get("/admin/symbiosis/outgoingmail/preview/base/da/").status_code == 404
    assert (
        admin_client.get("/admin/symbiosis/outgoingmail/preview/security_notice/de/").status_code
        == 404
    )


# Retention


def test_prune_mail_deletes_records_and_task_results_after_mail_result_days(
    visit_template, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.MAIL_RESULT_DAYS = 7
    old = sent(django_capture_on_commit_callbacks)
    waiting = send_visit()  # queued, never run: a stopped worker sends it later
    recent = sent(django_capture_on_commit_callbacks)
    eight_days_ago = timezone.now() - timedelta(days=8)
    OutgoingMail.objects.filter(pk__in=[old.pk, waiting.pk]).update(created_at=eight_days_ago)
    DBTaskResult.objects.filter(args_kwargs__args=[old.key]).update(finished_at=eight_days_ago)

    call_command("prune_mail", verbosity=0)

    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == {waiting.pk, recent.pk}
    assert [t.args_kwargs["args"] for t in DBTaskResult.objects.all()] == [[recent.key]]


def test_a_task_enqueued_before_the_records_existed_still_sends_its_message(smtp_server):
    mail.deliver.enqueue(to=[TO], subject="Gammel opgave", body="Sendt som før.\n")
    run_worker()

    [message] = smtp_server.to(TO)
    assert message["Subject"] == "Gammel opgave" and body(message).strip() == "Sendt som før."
    assert not OutgoingMail.objects.exists()
