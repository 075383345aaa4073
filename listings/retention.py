"""The exchange's nightly work (symbiosis/daily.py): expiry, its reminder, and erasing
contact details whose time is up.

- A published listing whose "available until" has passed expires; its contact is
  reminded LISTING_REMINDER_DAYS before, once.
- A listing closed or expired longer ago than ENQUIRY_RETENTION_MONTHS (the same
  time as every other form's personal data, enquiries/privacy.py) loses its contact
  person's name and address; the listing itself stays for the statistics.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from enquiries.retention import cutoff
from listings import workflow
from listings.models import Listing, Status
from symbiosis import dates
from symbiosis.addresses import absolute
from symbiosis.mail import send_templated
from symbiosis.registry import daily_tasks


@daily_tasks.register("listings.expiry")
def expire_and_remind(today=None):
    """Expire what is past its day, remind who expires soon. Returns (expired, reminded)."""
    today = today or dates.today()
    expired = 0
    for listing in Listing.objects.filter(status=Status.PUBLISHED, available_until__lt=today):
        workflow.move(listing, Status.EXPIRED)
        expired += 1
    soon = today + timedelta(days=settings.LISTING_REMINDER_DAYS)
    reminded = 0
    due = Listing.objects.filter(
        status=Status.PUBLISHED,
        available_until__gte=today,
        available_until__lte=soon,
        reminded_at__isnull=True,
    ).exclude(contact_email="")
    for listing in due:
        send_templated(
            "listing_expiring",
            {"listing": listing, "url": absolute(listing.get_absolute_url_in(listing.language))},
            to=[listing.contact_email],
            language=listing.language,
            key=f"listing-{listing.pk}-expiring-{listing.available_until:%Y%m%d}",
        )
        Listing.objects.filter(pk=listing.pk).update(reminded_at=timezone.now())
        reminded += 1
    return expired, reminded


@daily_tasks.register("listings.retention")
def erase_contacts(now=None):
    """Erase the contact of listings that ended longer ago than the retention time."""
    ended = Q(status__in=[Status.CLOSED, Status.EXPIRED], ended_at__lt=cutoff(now))
    return (
        Listing.objects.filter(ended)
        .exclude(contact_name="", contact_email="")
        .update(contact_name="", contact_email="")
    )
