"""Mail that goes out through the task worker, in the recipient's language.

`send_templated()` renders the message now (in the recipient's language, from
`templates/mail/<name>_subject.txt`, `<name>.txt` and, when there is one, `<name>.html`;
without it the text goes into the shared frame `mail/base.html`), keeps it as an
`OutgoingMail` row, and enqueues `deliver` once the surrounding transaction commits: a
record that is rolled back sends no mail, and the web request never waits for the SMTP
server. The worker (`manage.py db_worker`) hands the message to the mailer of
settings.MAILERS.

Every message has a key (a caller may name it, `f"enquiry-{pk}-receipt"`): a key already
known sends nothing again, and `deliver` sends only a row still queued, so neither a
caller nor the worker running a task twice sends one message twice. The key is also the
message's Message-ID.

django-tasks-db retries nothing itself. When the SMTP server cannot be reached or
answers 4xx ("try later"), `deliver` notes the answer, enqueues itself again after the
next wait of settings.MAIL_RETRY_SECONDS and raises, so the failed attempt shows among
the task results in the admin; after the last wait the message is given up. A 5xx answer
("no such mailbox") is final at once.

Links in mail are absolute (`symbiosis.addresses.absolute`, from SITE_URL). The records
and the task results hold recipients' addresses: `manage.py prune_mail` deletes both
after MAIL_RESULT_DAYS (docs/security.md, retention). Staff see every template with a
sample context in the admin (Outgoing mail › Preview); an app gives the sample for its
templates in its `mail_samples.py` (`symbiosis.registry.mail_samples`).
"""

import email.message
import email.policy
import logging
import smtplib
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.template import TemplateDoesNotExist, engines
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from symbiosis.models import OutgoingMail
from symbiosis.registry import mail_samples

logger = logging.getLogger(__name__)

Status = OutgoingMail.Status


@dataclass(frozen=True)
class RenderedMail:
    """One message as the recipient reads it."""

    subject: str
    text: str
    html: str


def render_message(name, context, language):
    """The subject, text and HTML of templates/mail/<name>, in `language`."""
    context = {
        **context,
        "site_name": settings.SECRETARIAT["name"],
        "secretariat": settings.SECRETARIAT,
        "language": language,
    }
    with translation.override(language):
        subject = render_to_string(f"mail/{name}_subject.txt", context)
        # One line, however the template was wrapped: a header cannot hold a newline.
        subject = " ".join(subject.split())
        # The body without the blank lines its template tags leave around it.
        text = render_to_string(f"mail/{name}.txt", context).strip("\n") + "\n"
        try:
            frame = get_template(f"mail/{name}.html")
        except TemplateDoesNotExist:
            # The text itself, escaped, its paragraphs kept and its addresses links.
            frame = get_template("mail/base.html")
        html = frame.render({**context, "subject": subject, "text": text})
    return RenderedMail(subject=subject, text=text, html=html)


def send_templated(
    name,
    context,
    *,
    to,
    language,
    headers=None,
    reply_to=None,
    attachments=None,
    key=None,
):
    """Render `name` in `language` and send it to `to` after the transaction commits.

    `attachments`: (filename, content, mimetype) with text content, e.g.
    `("besog.ics", calendar.to_ical().decode(), "text/calendar; method=REQUEST")`.
    `key`: names the message (letters, digits, "-", "_"; a new uuid without it). A key
    that was used before sends nothing: the row made then is returned as it is.
    Returns the message's OutgoingMail row."""
    if key is None:
        key = str(uuid.uuid4())
    else:
        OutgoingMail._meta.get_field("key").run_validators(key)
        known = OutgoingMail.objects.filter(key=key).first()
        if known is not None:
            return known
    message = render_message(name, context, language)
    mail, created = OutgoingMail.objects.get_or_create(
        key=key,
        defaults={
            "template": name,
            "to": list(to),
            "reply_to": list(reply_to or []),
            "language": language,
            "subject": message.subject,
            "body": message.text,
            "html": message.html,
            "attachments": [[str(f), str(c), str(m)] for f, c, m in attachments or ()],
            "headers": dict(headers or {}),
        },
    )
    if created:
        transaction.on_commit(lambda: deliver.enqueue(key))
    return mail


class MailNotSent(Exception):
    """An attempt at a message failed (the record says why and whether it is tried again)."""


@task
def deliver(key=None, *, to=(), subject="", body="", headers=None, reply_to=None):
    """Send the queued message `key`; do nothing for one sent, given up or being sent.

    The keyword arguments are the old form of this task (the whole plain-text message),
    for tasks enqueued before the records existed; remove them once none are left."""
    if key is None:
        message = EmailMessage(subject, body, to=list(to), reply_to=list(reply_to or []))
        message.extra_headers = dict(headers or {})
        return message.send()
    # Claiming the row is one UPDATE: of two workers running the same task, one sends.
    claimed = OutgoingMail.objects.filter(key=key, status=Status.QUEUED).update(
        status=Status.SENDING, attempts=F("attempts") + 1, next_attempt_at=None
    )
    if not claimed:
        logger.info("Mail %s is not waiting to be sent; nothing to do", key)
        return None
    mail = OutgoingMail.objects.get(key=key)
    try:
        email_message(mail).send()
    except Exception as error:
        record_failure(mail, error)
        # The worker logs and keeps a failed task's exception: this one names the message
        # and the kind of failure, not the recipient the server's answer may quote (that
        # answer is in the record, for the admin).
        raise MailNotSent(f"Mail {key}: {error_kind(error)}") from None
    mail.status = Status.SENT
    mail.sent_at = timezone.now()
    _forget_content(mail)
    mail.save()
    return Status.SENT.value


def email_message(mail):
    """The OutgoingMail row as a multipart message: text, HTML, attachments."""
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(mail.to),
        reply_to=list(mail.reply_to),
        headers={**mail.headers, "Message-ID": message_id(mail.key)},
    )
    message.attach_alternative(mail.html, "text/html")
    for filename, content, mimetype in mail.attachments:
        message.attach(attachment_part(filename, content, mimetype))
    return message


def message_id(key):
    """The same Message-ID for every attempt at one message: a recipient's mail program
    (or a server that took it once already) can tell a repeat."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<{key}@{domain}>"


def attachment_part(filename, content, mimetype):
    """An attachment whose type keeps its parameters: `text/calendar; method=REQUEST`
    makes mail programs offer an invitation's buttons (EmailMessage.attach() would take
    only the type)."""
    parsed = email.message.Message()
    parsed["Content-Type"] = mimetype
    maintype, subtype = parsed.get_content_type().split("/")
    part = email.message.MIMEPart(policy=email.policy.default)
    if maintype == "text":
        part.set_content(content, subtype=subtype, disposition="attachment", filename=filename)
    else:
        part.set_content(
            content.encode(), maintype, subtype, disposition="attachment", filename=filename
        )
    for parameter, value in parsed.get_params()[1:]:
        part.set_param(parameter, value)
    return part


def is_temporary(error):
    """Might the same message go through later? No connection, a timeout or a 4xx
    answer: yes. A 5xx answer ("no such mailbox", "refused"): no. Anything else is a
    fault in the message or the code, which trying again does not mend."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
    return isinstance(error, OSError)  # refused, timed out, disconnected (SMTPException)


def server_answer(error):
    """What the SMTP server said, or what went wrong reaching it, in one line."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {_text(reply)}"
            for address, (code, reply) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"


def error_kind(error):
    """What went wrong without who it was for: "SMTPRecipientsRefused 550"."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _reply in error.recipients.values()})
        return f"{type(error).__name__} {' '.join(map(str, codes))}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__} {error.smtp_code}"
    return type(error).__name__


def _text(reply):
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def record_failure(mail, error):
    """Note the failed attempt, and queue the next one while MAIL_RETRY_SECONDS has a
    wait left for it."""
    mail.last_error = server_answer(error)
    waits = settings.MAIL_RETRY_SECONDS
    if not is_temporary(error):
        mail.status = Status.FAILED
    elif mail.attempts > len(waits):
        mail.status = Status.GIVEN_UP
    else:
        mail.status = Status.QUEUED
        mail.next_attempt_at = timezone.now() + timedelta(seconds=waits[mail.attempts - 1])
    if mail.finished:
        _forget_content(mail)
    mail.save()
    if mail.status == Status.QUEUED:
        deliver.using(run_after=mail.next_attempt_at).enqueue(mail.key)
    # The log names the message by its key and the error by its kind and code: the
    # server's answer often quotes the recipient's address, so it stays in the admin.
    logger.warning(
        "Mail %s attempt %d: %s (%s)", mail.key, mail.attempts, error_kind(error), mail.status
    )


def _forget_content(mail):
    """A message that is done needs its text no longer (an enrolment link among it)."""
    mail.body = mail.html = ""
    mail.attachments = []
    mail.headers = {}


def template_names():
    """Every mail template: the names of templates/mail/*_subject.txt, in every template
    folder."""
    names = set()
    for directory in engines["django"].template_dirs:
        for subject in Path(directory, "mail").glob("*_subject.txt"):
            names.add(subject.name.removesuffix("_subject.txt"))
    return sorted(names)


def sample_context(name):
    """What the app that sends `name` gives to show it (its mail_samples.py), or
    nothing: the template then shows with an empty context."""
    return mail_samples[name]() if name in mail_samples else {}


def prune_records(*, days):
    """Delete the records of messages made more than `days` ago, but those still queued
    (a worker stopped that long still sends them); returns how many went."""
    cutoff = timezone.now() - timedelta(days=days)
    old = OutgoingMail.objects.filter(created_at__lt=cutoff).exclude(status=Status.QUEUED)
    deleted, _by_model = old.delete()
    return deleted
