"""The public forms: one base for what every enquiry asks, one form per kind.

Every form is guarded against spam (symbiosis/spam.py: a hidden trap field, a minimum
fill time, the self-hosted proof of work) and says what is kept and for how long
(enquiries/privacy.py); the version of that text is kept with the enquiry.
"""

import re
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from enquiries import privacy
from enquiries.models import Enquiry, Topic
from symbiosis.spam import SpamGuardMixin

# Longest message taken; a longer one is refused with this number in the message.
MESSAGE_MAX_LENGTH = 5000
# Characters no name, organisation or one-line answer has: line breaks (they would
# start a new mail header) and other control characters.
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


# What the browser may fill in for the visitor, field by field (WCAG 1.3.5).
AUTOFILL = {
    "name": {"autocomplete": "name"},
    "email": {"autocomplete": "email"},
    "organisation": {"autocomplete": "organization"},
    "phone": {"autocomplete": "tel", "inputmode": "tel"},
}


def one_line(value):
    if CONTROL.search(value or ""):
        raise forms.ValidationError(_("Please write this on one line."), code="one_line")
    return value


class EnquiryForm(SpamGuardMixin, forms.ModelForm):
    """Name, e-mail and organisation, the consent, and the form's one submission id."""

    kind = None  # enquiries.models.Kind of the enquiries this form makes
    one_line_fields = ("name", "organisation", "phone")

    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)
    consent = forms.BooleanField(
        label=_("I have read what is kept about me and for how long (above)."),
        error_messages={"required": _("Please tick the box to say you have read it.")},
    )

    class Meta:
        model = Enquiry
        fields = ["name", "email", "organisation", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission"] = uuid.uuid4()
        # Not every form has every field (the contact form asks no phone number).
        for name, attrs in AUTOFILL.items():
            if name in self.fields:
                self.fields[name].widget.attrs.update(attrs)
        for name in self.one_line_fields:
            if name in self.fields:
                self.fields[name].validators.append(one_line)

    def clean_message(self):
        message = self.cleaned_data.get("message", "")
        if len(message) > MESSAGE_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "Please keep the message under %(limit)s characters (it has %(length)s). "
                    "Longer material is welcome by e-mail once we have answered."
                )
                % {"limit": f"{MESSAGE_MAX_LENGTH:,}", "length": f"{len(message):,}"},
                code="too_long",
            )
        return message

    def enquiry(self, language):
        """The unsaved enquiry this form describes, in the visitor's language."""
        enquiry = self.save(commit=False)
        enquiry.kind = self.kind
        enquiry.language = language
        enquiry.flagged = self.flagged
        enquiry.consent_version = privacy.VERSION
        enquiry.submission = self.cleaned_data.get("submission") or uuid.uuid4()
        return enquiry

    def detail(self):
        """The unsaved visit or application beside the enquiry (None for a message)."""
        return None


class ContactForm(EnquiryForm):
    kind = "contact"

    class Meta(EnquiryForm.Meta):
        fields = ["name", "email", "organisation", "topic", "message"]
        widgets = {
            "topic": forms.Select,
            "message": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {"topic": _("What is it about?"), "message": _("Your message")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = Topic.choices
        self.fields["message"].required = True
        self.fields["message"].widget.attrs["maxlength"] = MESSAGE_MAX_LENGTH
        self.fields["organisation"].help_text = _("Optional.")
