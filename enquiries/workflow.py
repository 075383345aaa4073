"""What happens to an enquiry, in one place: it arrives, it moves on, people hear of it.

The public views and the admin call these functions; neither saves an enquiry's status
or sends its mail by itself. Each runs in one transaction: a status change, its line
in the history and the mail it sends are kept together or not at all (the mail is
enqueued when the transaction commits, symbiosis/mail.py).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from enquiries.models import Enquiry, Kind, Status, StatusChange, TopicInbox
from symbiosis.addresses import absolute, absolute_url
from symbiosis.mail import send_templated

# The topic whose inbox hears of each kind of enquiry (a message names its own).
KIND_TOPIC = {Kind.VISIT: "study_visit", Kind.APPLICATION: "partnership"}


@transaction.atomic
def receive(enquiry, detail=None, *, request=None):
    """Keep a new enquiry (and its visit or application beside it), send the person a
    receipt and the topic's inbox a notification.

    A second post of the same form (a double click, the browser's back button and
    send again) carries the same `submission` and finds the first enquiry: nothing is
    kept or sent twice. The notification's link to the admin is absolute: from SITE_URL,
    else from the host of `request` (the form's post). Returns (enquiry, created)."""
    existing = Enquiry.objects.filter(submission=enquiry.submission).first()
    if existing is not None:
        return existing, False
    if enquiry.kind in KIND_TOPIC:
        enquiry.topic = KIND_TOPIC[enquiry.kind]
    enquiry.save()
    if detail is not None:
        detail.enquiry = enquiry
        detail.save()
    StatusChange.objects.create(enquiry=enquiry, old_status="", new_status=enquiry.status)
    context = {"enquiry": enquiry, "detail": detail}
    send_templated(
        f"{enquiry.kind}_receipt",
        context,
        to=[enquiry.email],
        language=enquiry.language,
        key=f"enquiry-{enquiry.pk}-receipt",
    )
    send_templated(
        "enquiry_notification",
        {**context, "admin_url": admin_link(enquiry, request)},
        to=[TopicInbox.address_for(enquiry.topic)],
        language="da",
        reply_to=[enquiry.email],
        key=f"enquiry-{enquiry.pk}-notification",
    )
    return enquiry, True


def admin_link(enquiry, request=None):
    path = enquiry.get_admin_url()
    return absolute_url(request, path) if request is not None else absolute(path)


@transaction.atomic
def move(
    enquiry, new_status, *, by=None, comment="", mail=None, mail_context=None, attachments=None
):
    """Move `enquiry` to `new_status` (one of its next statuses), keep the step in its
    history and, when `mail` names a template, tell the person in their language."""
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    if new_status not in enquiry.next_statuses():
        raise ValidationError(
            _("A %(kind)s cannot go from “%(old)s” to “%(new)s”.")
            % {
                "kind": enquiry.get_kind_display().lower(),
                "old": enquiry.get_status_display(),
                "new": Status(new_status).label,
            }
        )
    old = enquiry.status
    enquiry.status = new_status
    enquiry.save(update_fields=["status", "updated"])
    step = StatusChange.objects.create(
        enquiry=enquiry, old_status=old, new_status=new_status, by=by, comment=comment
    )
    if mail:
        send_templated(
            mail,
            {"enquiry": enquiry, "comment": comment, **(mail_context or {})},
            to=[enquiry.email],
            language=enquiry.language,
            attachments=attachments,
            key=f"enquiry-{enquiry.pk}-step-{step.pk}",
        )
    return enquiry


# The mail a person gets when their enquiry takes a step in the inbox (templates/mail/).
STEP_MAIL = {
    (Kind.APPLICATION, Status.IN_REVIEW): "application_in_review",
    (Kind.APPLICATION, Status.BOARD): "application_board",
}


def step_mail(kind, status):
    """The template of the mail for this step, or None when the step sends none."""
    return STEP_MAIL.get((kind, status))
