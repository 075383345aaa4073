"""What the forms say about the data they keep, and which version of it a person read.

The texts themselves are in the templates (templates/enquiries/includes/privacy.html,
shown on each form, and the privacy page); change them and raise VERSION, so every
enquiry keeps the version its sender accepted.
"""

from django.conf import settings

VERSION = "2026-12-07"


def retention_months():
    """How long an enquiry keeps the person's data after it was last changed."""
    return settings.ENQUIRY_RETENTION_MONTHS
