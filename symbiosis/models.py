"""The kernel's own records: every mail the site sends (symbiosis/mail.py)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Letters, digits, "-" and "_": the key goes into the Message-ID header as it is
# (`<key@domain>`), and a header's id allows no spaces, dots at the ends, "@" or "<".
MAIL_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,199}\Z"


class OutgoingMail(models.Model):
    """One message the site sends, from the moment it is asked for until it is handed to
    the SMTP server or given up on.

    The key makes a message happen once: send_templated() makes no second row (and no
    second task) for a key it has seen, and the worker sends a row only while it is
    queued. The rendered message waits here, not in the task's arguments, so a retry
    needs only the key; once the message is sent or failed for good its body,
    attachments and headers are emptied (an enrolment link is not kept a day longer than
    needed). Rows go after MAIL_RESULT_DAYS (`manage.py prune_mail`): the recipients
    are personal data.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        GIVEN_UP = "given_up", _("given up")

    key = models.CharField(
        _("key"),
        max_length=200,
        unique=True,
        validators=[RegexValidator(MAIL_KEY_PATTERN)],
        help_text=_("Names the message: the same key is never sent twice."),
    )
    template = models.CharField(_("template"), max_length=100, db_index=True)
    to = models.JSONField(_("recipients"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    # [[filename, content, mimetype], …]; the content is text (an .ics invitation).
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(
        _("last error"),
        blank=True,
        help_text=_("What the mail server (or the connection to it) answered the last time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")

    def __str__(self):
        return f"{self.template} → {', '.join(self.to)} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in (self.Status.SENT, self.Status.FAILED, self.Status.GIVEN_UP)
