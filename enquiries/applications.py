"""Applications to join: the form, and the board's decision that makes a partner draft.

An organisation applies on the public form ("Bliv partner"); the application is an
enquiry of the kind `application` with a `PartnerApplication` beside it. The inbox
moves it to "in review" and on to the board (workflow.STEP_MAIL mails each step); the
board's decision is kept on a page of its own (enquiries/admin_applications.py) through
`approve()` or `decline()` below. An approved organisation becomes an unpublished
`Partner`: the secretariat writes its description with it and publishes it.
"""

import re

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from enquiries import workflow
from enquiries.forms import MESSAGE_MAX_LENGTH, EnquiryForm
from enquiries.models import Kind, PartnerApplication, Status
from enquiries.views import EnquiryFormView
from partners.models import Partner
from partners.registry_numbers import normalise_cvr, validate_cvr, validate_nace
from symbiosis.uploads import ascii_slug

# Where an application has not been decided yet: a second one from its CVR number waits.
UNDECIDED = [Status.RECEIVED, Status.IN_REVIEW, Status.BOARD]
DANISH_POSTCODE = re.compile(r"^\d{4}$")

MEMBERSHIP_CHOICES = [
    (
        Partner.Membership.FULL,
        _(
            "Member: your organisation exchanges resources with the other partners and "
            "takes part in the partnership's meetings."
        ),
    ),
    (
        Partner.Membership.ASSOCIATE,
        _(
            "Associate member: you follow and support the work (knowledge, services) "
            "without exchanging resources yet."
        ),
    ),
]


class ApplicationForm(EnquiryForm):
    """The organisation, its contact person and the partnership it wants.

    The contact person is the enquiry's own name, e-mail and phone; what concerns the
    organisation goes into the `PartnerApplication` that `detail()` returns."""

    kind = Kind.APPLICATION
    one_line_fields = (*EnquiryForm.one_line_fields, "cvr", "street", "postcode", "town", "nace")
    field_order = [
        "organisation",
        "cvr",
        "street",
        "postcode",
        "town",
        "nace",
        "name",
        "email",
        "phone",
        "membership",
        "shares",
        "needs",
        "message",
        "consent",
    ]

    # Longer than eight: people write "DK-12 34 56 78"; clean_cvr keeps the digits.
    cvr = forms.CharField(
        label=_("CVR number"),
        max_length=20,
        help_text=_("Eight digits, e.g. 12345678. “DK” in front and spaces are fine."),
    )
    street = forms.CharField(label=_("Street and number"), max_length=200)
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    town = forms.CharField(label=_("Town"), max_length=100)
    nace = forms.CharField(
        label=_("Industry code (NACE)"),
        max_length=8,
        required=False,
        validators=[validate_nace],
        help_text=_("Optional. E.g. 20.14; the CVR register shows your organisation's code."),
    )
    membership = forms.ChoiceField(
        label=_("Which membership would you like?"),
        choices=MEMBERSHIP_CHOICES,
        initial=Partner.Membership.FULL,
        widget=forms.RadioSelect,
    )
    shares = forms.CharField(
        label=_("What could your organisation share?"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Surplus heat, water, materials, by-products, knowledge, facilities…"),
    )
    needs = forms.CharField(
        label=_("What does it need?"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Energy, water, raw materials, services… that a neighbour might supply."),
    )

    class Meta(EnquiryForm.Meta):
        fields = ["organisation", "name", "email", "phone", "message"]
        labels = {
            "organisation": _("Organisation"),
            "name": _("Contact person"),
            "message": _("Anything else we should know?"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True
        self.fields["phone"].help_text = _("Optional.")
        self.fields["message"].help_text = _("Optional.")
        self.fields["message"].widget.attrs["maxlength"] = MESSAGE_MAX_LENGTH
        self.fields["cvr"].widget.attrs.update(inputmode="numeric", autocomplete="off")
        self.fields["postcode"].widget.attrs.update(
            inputmode="numeric", autocomplete="postal-code", size=4
        )
        self.fields["street"].widget.attrs.update(autocomplete="address-line1")
        self.fields["town"].widget.attrs.update(autocomplete="address-level2")

    def clean_cvr(self):
        digits = normalise_cvr(self.cleaned_data["cvr"])
        validate_cvr(digits)
        return digits

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not DANISH_POSTCODE.match(postcode):
            raise forms.ValidationError(
                _("A Danish postcode is four digits, e.g. 4400."), code="postcode"
            )
        return postcode

    def clean_nace(self):
        return self.cleaned_data["nace"].strip()

    def clean(self):
        cleaned = super().clean()
        if cvr := cleaned.get("cvr"):
            self._refuse_known_cvr(cvr, cleaned.get("submission"))
        return cleaned

    def _refuse_known_cvr(self, cvr, submission):
        """One application at a time from an organisation, and none from a partner. The
        form's own earlier post (a double click) is not a second application."""
        if Partner.objects.filter(cvr=cvr).exists():
            self.add_error(
                "cvr",
                forms.ValidationError(
                    _(
                        "The organisation with this CVR number is already a partner. To change "
                        "its membership, write to us instead."
                    ),
                    code="partner",
                ),
            )
            return
        waiting = PartnerApplication.objects.filter(cvr=cvr, enquiry__status__in=UNDECIDED)
        if submission:
            waiting = waiting.exclude(enquiry__submission=submission)
        if waiting.exists():
            self.add_error(
                "cvr",
                forms.ValidationError(
                    _(
                        "An application from this CVR number is already being handled; the "
                        "secretariat will write to the contact person given in it."
                    ),
                    code="applied",
                ),
            )

    def detail(self):
        """The unsaved application beside the enquiry (workflow.receive saves both)."""
        data = self.cleaned_data
        return PartnerApplication(
            cvr=data["cvr"],
            street=data["street"],
            postcode=data["postcode"],
            town=data["town"],
            nace=data["nace"],
            membership=data["membership"],
            shares=data["shares"],
            needs=data["needs"],
        )


class ApplicationView(EnquiryFormView):
    form_class = ApplicationForm
    template_name = "enquiries/application.html"
    sent_url = "enquiries:apply-sent"


# The board's decision.


@transaction.atomic
def approve(application, *, by, meeting, note=""):
    """The board said yes at its meeting of `meeting`: the applicant is welcomed by mail
    and the organisation gets an unpublished partner page, prefilled from the
    application. Returns that `Partner`.

    workflow.move() locks the enquiry and refuses a step out of order, so approving
    twice (two clicks, two staff at once) makes one partner: the second is refused."""
    application = _decided(application, meeting=meeting, note=note)
    workflow.move(
        application.enquiry,
        Status.APPROVED,
        by=by,
        comment=note,
        mail="application_approved",
        mail_context={"application": application, "meeting": meeting, "note": note},
    )
    application.partner = partner_draft(application, year=meeting.year)
    application.save(update_fields=["board_meeting", "decision_note", "partner"])
    return application.partner


@transaction.atomic
def decline(application, *, by, meeting=None, note=""):
    """The board (or, before it, the secretariat) said no; the applicant reads `note`."""
    application = _decided(application, meeting=meeting, note=note)
    workflow.move(
        application.enquiry,
        Status.DECLINED,
        by=by,
        comment=note,
        mail="application_declined",
        mail_context={"application": application, "meeting": meeting, "note": note},
    )
    application.save(update_fields=["board_meeting", "decision_note"])


def _decided(application, *, meeting, note):
    application = PartnerApplication.objects.select_related("enquiry").get(pk=application.pk)
    application.board_meeting = meeting
    application.decision_note = note
    return application


def partner_draft(application, *, year):
    """A partner hidden from the website, with what the application says about the
    organisation. Its short description is left empty: the partner's admin page asks
    the secretariat for it before the partner can be saved, and so published."""
    name = application.enquiry.organisation
    return Partner.objects.create(
        name=name,
        slug=unique_partner_slug(name),
        membership=application.membership,
        cvr=application.cvr,
        nace=application.nace,
        street=application.street,
        postcode=application.postcode,
        town=application.town,
        year_joined=year,
        summary_da="",
        is_public=False,
    )


def unique_partner_slug(name):
    """The name as a slug, "-2", "-3"… added when a partner has it already."""
    base = ascii_slug(name, max_length=190) or "partner"
    slug, number = base, 1
    while Partner.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
