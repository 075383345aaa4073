"""Personal data in enquiries is kept ENQUIRY_RETENTION_MONTHS, then anonymised.

Every night (symbiosis/daily.py) each enquiry last changed longer ago than that loses
what names or describes a person: name, e-mail, phone, the message, the accessibility
needs of a visit, the notes and comments written about it. What remains (kind, topic,
status, dates, group size, country, the organisation's register details) is what the
secretariat counts and what a board decision rests on.

`erase(email)` does the same at once for everything sent from one address (a person's
request to be forgotten, the admin's action); `export(email)` gathers it first.
"""

from calendar import monthrange

from django.db import transaction
from django.utils import timezone

from enquiries import privacy
from enquiries.models import Enquiry, Note, StatusChange, VisitRequest
from symbiosis.registry import daily_tasks

GONE = "–"


def months_before(moment, months):
    """The same moment `months` calendar months earlier (31 March − 1 month: 28/29 Feb)."""
    years, month = divmod(moment.month - 1 - months, 12)
    year = moment.year + years
    day = min(moment.day, monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def cutoff(now=None):
    return months_before(now or timezone.now(), privacy.retention_months())


@transaction.atomic
def anonymise(enquiries, now=None):
    """Strip the personal data from `enquiries` (a queryset); returns how many."""
    now = now or timezone.now()
    pks = list(enquiries.filter(anonymised__isnull=True).values_list("pk", flat=True))
    if not pks:
        return 0
    # update(): no `updated` bump, no signals, one query per table whatever the count.
    Enquiry.objects.filter(pk__in=pks).update(
        name=GONE, email="", phone="", message="", anonymised=now
    )
    VisitRequest.objects.filter(enquiry__in=pks).update(accessibility="", visit_language_other="")
    Note.objects.filter(enquiry__in=pks).update(text=GONE)
    StatusChange.objects.filter(enquiry__in=pks).update(comment="")
    return len(pks)


@daily_tasks.register("enquiries.anonymise")
def anonymise_expired(now=None):
    """The nightly run: every enquiry not changed within the retention period."""
    return anonymise(Enquiry.objects.filter(updated__lt=cutoff(now)), now=now)


def erase(email):
    """Everything sent from `email`, anonymised now."""
    return anonymise(Enquiry.objects.by_email(email))


def export(email):
    """Everything held about `email`, as plain data (the admin offers it as JSON)."""
    rows = []
    enquiries = (
        Enquiry.objects.by_email(email)
        .select_related("visit", "application")
        .prefetch_related("notes", "history")
    )
    for enquiry in enquiries:
        row = {
            "kind": enquiry.kind,
            "received": enquiry.created.isoformat(),
            "status": enquiry.status,
            "topic": enquiry.topic,
            "name": enquiry.name,
            "email": enquiry.email,
            "phone": enquiry.phone,
            "organisation": enquiry.organisation,
            "message": enquiry.message,
            "language": enquiry.language,
            "privacy_text_accepted": enquiry.consent_version,
            "notes": [n.text for n in enquiry.notes.all()],
            "history": [
                {"at": s.at.isoformat(), "status": s.new_status, "comment": s.comment}
                for s in enquiry.history.all()
            ],
        }
        visit = getattr(enquiry, "visit", None)
        if visit is not None:
            row["visit"] = {
                "group_size": visit.group_size,
                "country": visit.country,
                "language": visit.visit_language,
                "dates": [d.isoformat() for d in visit.dates],
                "interests": visit.interests,
                "accessibility": visit.accessibility,
                "confirmed_date": visit.confirmed_date and visit.confirmed_date.isoformat(),
            }
        application = getattr(enquiry, "application", None)
        if application is not None:
            row["application"] = {
                "cvr": application.cvr,
                "address": f"{application.street}, {application.postcode} {application.town}",
                "nace": application.nace,
                "membership": application.membership,
                "shares": application.shares,
                "needs": application.needs,
            }
        rows.append(row)
    return rows
