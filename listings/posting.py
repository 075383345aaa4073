"""The public form for posting an offer or a want, and its confirmation page.

Anyone may post; nothing is public before the secretariat's review (the listing is
kept "awaiting review" and the secretariat is notified). The form is guarded like every
public form (symbiosis/spam.py) and says what it keeps and for how long. An
organisation found by its CVR number is the partner's own; any other is kept as a new,
unpublished organisation the secretariat sees in the review.
"""

import uuid
from datetime import timedelta

from django import forms
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from enquiries import privacy
from enquiries.applications import unique_partner_slug
from enquiries.forms import AUTOFILL, MESSAGE_MAX_LENGTH, one_line
from exchanges.models import Category, units_for
from exchanges.units import Unit
from listings import codes, workflow
from listings.models import Kind, Listing, OfferType, Per, Visibility
from partners.models import Partner
from partners.registry_numbers import validate_cvr
from symbiosis import dates
from symbiosis.bilingual import active_language
from symbiosis.spam import SpamGuardMixin, limit_posts

# How far ahead a listing may say it is available (a typo like 3026 is refused).
LONGEST_AHEAD = timedelta(days=366 * 10)


class ListingForm(SpamGuardMixin, forms.Form):
    """An offer or a want, in the visitor's language, with who posts it."""

    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label=_("Do you offer or need something?"), choices=Kind.choices, widget=forms.RadioSelect
    )
    offer_type = forms.ChoiceField(
        label=_("What do you offer?"),
        choices=[("", _("– choose when you offer –")), *OfferType.choices],
        required=False,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("In a few words: “Fly ash from biomass boilers”, “We need low-grade heat”."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX_LENGTH}),
        help_text=_("What it is, how it arises or what you would use it for."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    ewc_code = forms.CharField(
        label=_("Waste code (EWC)"),
        required=False,
        max_length=12,
        help_text=_("When it is a waste: its List of Waste code, e.g. 10 01 05. Optional."),
    )
    quantity = forms.DecimalField(
        label=_("Quantity"), required=False, min_value=0, max_digits=16, decimal_places=3
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=[("", "–"), *Unit.choices], required=False)
    per = forms.ChoiceField(label=_("Per"), choices=[("", "–"), *Per.choices], required=False)
    quality = forms.CharField(
        label=_("Quality"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Purity, moisture, temperature of heat, pressure of steam… Optional."),
    )
    place = forms.CharField(
        label=_("Town or municipality"),
        max_length=100,
        widget=forms.TextInput(attrs={"list": "listing-places", "autocomplete": "address-level2"}),
        help_text=_("Where it is, or where you need it."),
    )
    available_from = forms.DateField(
        label=_("Available from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    available_until = forms.DateField(
        label=_("Available until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The listing expires after this day. Optional."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may see it?"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    cvr = forms.CharField(
        label=_("CVR number"),
        required=False,
        max_length=8,
        validators=[validate_cvr],
        help_text=_("Eight digits. Optional: it links the listing to your organisation."),
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail"))
    consent = forms.BooleanField(
        label=_("I have read what is kept about me and for how long (above)."),
        error_messages={"required": _("Please tick the box to say you have read it.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission"] = uuid.uuid4()
        for name, attrs in AUTOFILL.items():
            if name in self.fields:
                self.fields[name].widget.attrs.update(attrs)
        for name in ("title", "organisation", "name", "place", "cvr", "ewc_code"):
            self.fields[name].validators.append(one_line)
        self.fields["cvr"].widget.attrs.update({"inputmode": "numeric"})

    def clean_ewc_code(self):
        code = self.cleaned_data["ewc_code"].strip()
        if not code:
            return ""
        try:
            return codes.normalise_ewc(code)
        except codes.CodeError as error:
            raise forms.ValidationError(str(error), code="ewc") from error

    def clean_place(self):
        try:
            return codes.place(self.cleaned_data["place"])
        except codes.CodeError as error:
            raise forms.ValidationError(
                _("We do not know the town “%(name)s”. Choose a Danish town or municipality.")
                % {"name": self.cleaned_data["place"]},
                code="place",
            ) from error

    def clean_cvr(self):
        return "".join(self.cleaned_data["cvr"].split())

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.WANT:
            data["offer_type"] = ""
        quantity, unit, category = data.get("quantity"), data.get("unit"), data.get("category")
        if quantity is not None and not unit:
            self.add_error("unit", _("Give the quantity's unit."))
        if unit and not quantity:
            self.add_error("quantity", _("Give the quantity, or leave the unit empty."))
        if unit and category and unit not in units_for(category):
            self.add_error(
                "unit",
                _("%(unit)s does not fit the category %(category)s.")
                % {"unit": Unit(unit).label, "category": Category(category).label},
            )
        if quantity is not None and not data.get("per"):
            self.add_error("per", _("Say whether it is once or per day, week, month or year."))
        start, end = data.get("available_from"), data.get("available_until")
        today = dates.today()
        if end and end < today:
            self.add_error("available_until", _("This day has passed."))
        for name, day in (("available_from", start), ("available_until", end)):
            if day and day > today + LONGEST_AHEAD:
                self.add_error(name, _("Choose a day within the next ten years."))
        if start and end and end < start:
            self.add_error("available_until", _("A listing cannot end before it begins."))
        return data

    def listing(self, language):
        """The unsaved listing (and its organisation, unsaved when new) in `language`."""
        data = self.cleaned_data
        place = data["place"]
        organisation = None
        if data.get("cvr"):
            organisation = Partner.objects.filter(cvr=data["cvr"]).first()
        if organisation is None:
            organisation = Partner(
                name=data["organisation"],
                slug=unique_partner_slug(data["organisation"]),
                kind=Partner.Kind.COMPANY,
                membership=Partner.Membership.NONE,
                cvr=data.get("cvr", ""),
                town=place.name,
                is_public=False,
            )
        listing = Listing(
            kind=data["kind"],
            offer_type=data.get("offer_type", ""),
            organisation=organisation,
            category=data["category"],
            ewc_code=data.get("ewc_code", ""),
            quantity=data.get("quantity"),
            unit=data.get("unit") or "",
            per=data.get("per") or "",
            quality=data.get("quality", ""),
            place=place.municipality,
            latitude=round(place.latitude, 5),
            longitude=round(place.longitude, 5),
            available_from=data.get("available_from"),
            available_until=data.get("available_until"),
            visibility=data["visibility"],
            language=language,
            contact_name=data["name"],
            contact_email=data["email"],
            consent_version=privacy.VERSION,
            submission=data.get("submission") or uuid.uuid4(),
        )
        setattr(listing, f"title_{language}", data["title"])
        setattr(listing, f"description_{language}", data["description"])
        return listing


@method_decorator(never_cache, name="dispatch")
@method_decorator(limit_posts("listings"), name="dispatch")
class PostListingView(FormView):
    form_class = ListingForm
    template_name = "listings/post.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {"kind": kind} if kind in Kind.values else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            retention_months=privacy.retention_months(),
            places=[p.name for p in codes.places()],
            **kwargs,
        )

    def form_valid(self, form):
        if not form.is_spam:
            workflow.receive(form.listing(active_language()), request=self.request)
        return redirect(reverse("listings:post-sent"))

    def form_invalid(self, form):
        if form.is_spam:
            return redirect(reverse("listings:post-sent"))
        return super().form_invalid(form)


class SentView(TemplateView):
    template_name = "listings/post_sent.html"
