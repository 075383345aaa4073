"""Mail that goes out through the task worker, in the recipient's language.

`send_templated()` renders the subject and body now (in the recipient's language,
from `templates/mail/<name>_subject.txt` and `<name>.txt`) and enqueues `deliver`
once the surrounding transaction commits: a record that is rolled back sends no mail,
and the web request never waits for the SMTP server. The worker (`manage.py
db_worker`) hands the message to the mailer of settings.MAILERS.

The task's arguments are kept in the database with its result (the recipient's
address among them): `prune_db_task_results` deletes finished results after
MAIL_RESULT_DAYS (docs/security.md, retention).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


@task
def deliver(*, to, subject, body, headers=None, reply_to=None):
    """Send one plain-text message; a failure raises, and the worker records it."""
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to or []),
        headers=dict(headers or {}),
    )
    return message.send()


def render(name, context, language):
    """(subject, body) of templates/mail/<name>, in `language`."""
    with translation.override(language):
        subject = render_to_string(f"mail/{name}_subject.txt", context)
        body = render_to_string(f"mail/{name}.txt", context)
    # One line, however the template was wrapped: a header cannot hold a newline. The
    # body without the blank lines its template tags leave at the top.
    return " ".join(subject.split()), body.lstrip("\n")


def send_templated(name, context, *, to, language, headers=None, reply_to=None):
    """Render `name` in `language` and send it to `to` after the transaction commits."""
    subject, body = render(name, {**context, "site_name": settings.SECRETARIAT["name"]}, language)
    transaction.on_commit(
        lambda: deliver.enqueue(
            to=list(to), subject=subject, body=body, headers=headers, reply_to=reply_to
        )
    )
