"""The organisation's listings in the side-stream exchange, in the workspace.

An editor posts an offer or a want (it goes to the secretariat's review, as a public
post does, through listings.workflow.receive), edits it, withdraws it, renews it, and
sees the matcher's suggestions for it, each with a button "We are interested" that
opens a match for the secretariat. The contact of a listing made here is the person
signed in. Every listing is looked up among the organisation's own listings (another
organisation's id is a 404); every change of status goes through listings.workflow
inside `access.revision()`; a viewer sees everything and changes nothing.

What the rules of a listing are (the public form's, listings/posting.py): here on a
ModelForm of the same fields, with both languages' title and description, without the
spam guard and without the contact fields.
"""

import uuid
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from enquiries.forms import one_line
from exchanges.models import Category, units_for
from exchanges.units import Unit
from listings import codes, public, workflow
from listings.models import Kind, Listing, Match, Status
from listings.posting import LONGEST_AHEAD
from listings.suggestions import suggestions_for
from listings.views import quantity_text
from symbiosis import dates
from symbiosis.addresses import absolute_url
from symbiosis.bilingual import active_language
from symbiosis.mail import send_templated
from workspace.access import OrganisationMixin, revision

# Suggestions shown for one listing in the workspace.
SUGGESTIONS = 10
# A renewal reaches at most this far ahead.
RENEW_AHEAD = timedelta(days=365)
# What may be edited as it is, and what an edit sends back to the secretariat.
EDITABLE = (Status.DRAFT, Status.REVIEW)
BACK_TO_REVIEW = (Status.PUBLISHED,)
# Where "We are interested" may be said from: a listing that is still current.
INTERESTED_FROM = (Status.REVIEW, Status.PUBLISHED)
# The order of the statuses on the list page.
STATUS_ORDER = [
    Status.REVIEW,
    Status.PUBLISHED,
    Status.MATCHED,
    Status.DRAFT,
    Status.EXPIRED,
    Status.CLOSED,
]

FIELDS = [
    "kind",
    "offer_type",
    "title_da",
    "title_en",
    "description_da",
    "description_en",
    "category",
    "ewc_code",
    "quantity",
    "unit",
    "per",
    "quality",
    "place",
    "available_from",
    "available_until",
    "visibility",
]


class ListingForm(forms.ModelForm):
    """An offer or a want of the organisation: the public form's rules on the model's
    fields, a title in Danish or English (or both)."""

    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Listing
        fields = FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "description_da": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "quality": forms.Textarea(attrs={"rows": 2}),
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "available_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "place": forms.TextInput(attrs={"list": "listing-places", "autocomplete": "off"}),
        }
        help_texts = {
            "place": gettext_lazy(
                "A Danish town or municipality. Empty: where the organisation is."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission"] = uuid.uuid4()
        if self.instance.pk:
            # An offer stays an offer: its matches and suggestions are of that kind.
            del self.fields["kind"]
            del self.fields["submission"]
        else:
            self.fields["kind"].choices = Kind.choices  # no empty choice for radio buttons
        for name in ("title_da", "title_en", "place", "ewc_code"):
            self.fields[name].validators.append(one_line)
        self.fields["offer_type"].choices = [("", _("– choose when you offer –"))] + [
            c for c in self.fields["offer_type"].choices if c[0]
        ]

    def clean_ewc_code(self):
        code = self.cleaned_data["ewc_code"].strip()
        if not code:
            return ""
        try:
            return codes.normalise_ewc(code)
        except codes.CodeError as error:
            raise forms.ValidationError(str(error), code="ewc") from error

    def clean_place(self):
        name = self.cleaned_data["place"].strip()
        self.position = None
        if not name:
            return ""
        try:
            place = codes.place(name)
        except codes.CodeError as error:
            raise forms.ValidationError(
                _("We do not know the town “%(name)s”. Choose a Danish town or municipality.")
                % {"name": name},
                code="place",
            ) from error
        self.position = (round(place.latitude, 5), round(place.longitude, 5))
        return place.municipality

    def clean(self):
        data = super().clean()
        kind = data.get("kind", self.instance.kind)
        if kind == Kind.WANT:
            data["offer_type"] = ""
        if not (data.get("title_da", "").strip() or data.get("title_en", "").strip()):
            self.add_error("title_da", _("Give the listing a title in Danish or English."))
        quantity, unit, category = data.get("quantity"), data.get("unit"), data.get("category")
        if unit and quantity is None:
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
        if end and end < today and "available_until" in self.changed_data:
            self.add_error("available_until", _("This day has passed."))
        for name, day in (("available_from", start), ("available_until", end)):
            if day and day > today + LONGEST_AHEAD:
                self.add_error(name, _("Choose a day within the next ten years."))
        if start and end and end < start:
            self.add_error("available_until", _("A listing cannot end before it begins."))
        return data

    def _post_clean(self):
        # The model's own checks repeat the form's: only run them on what is still valid,
        # so each problem is said once.
        if not self.errors:
            super()._post_clean()

    def apply_place(self, listing):
        """The listing's position: the chosen town's, or none (the organisation's)."""
        if "place" in self.changed_data or listing.pk is None:
            position = getattr(self, "position", None)
            listing.latitude, listing.longitude = position or (None, None)


class RenewForm(forms.Form):
    available_until = forms.DateField(
        label=gettext_lazy("Available until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("A day in the future, at most a year ahead."),
    )

    def __init__(self, *args, listing, **kwargs):
        super().__init__(*args, **kwargs)
        self.listing = listing

    def clean_available_until(self):
        day = self.cleaned_data["available_until"]
        today = dates.today()
        if day <= today:
            raise forms.ValidationError(_("Choose a day in the future."), code="past")
        if day > today + RENEW_AHEAD:
            raise forms.ValidationError(_("Choose a day at most a year ahead."), code="far")
        start = self.listing.available_from
        if start and day < start:
            raise forms.ValidationError(_("A listing cannot end before it begins."), code="order")
        return day


def card(listing, language):
    """What the workspace shows of another organisation's listing: only what a visitor
    may see (listings/public.py), so an anonymous listing stays anonymous here too."""
    return {
        "listing": listing,
        "who": public.who(listing, language),
        "who_url": public.organisation_url(listing),
        "place": public.place_name(listing),
        "quantity": quantity_text(listing),
    }


def suggestions(listing, *, limit=SUGGESTIONS):
    """The matcher's suggestions for one of the organisation's listings: published
    listings of other organisations a visitor may see, best first."""
    return suggestions_for(listing, limit=limit, public=True, others_only=True)


def is_renewable(listing, today=None):
    """Expired or closed, or published and ending within LISTING_REMINDER_DAYS."""
    if listing.status in (Status.EXPIRED, Status.CLOSED):
        return True
    if listing.status != Status.PUBLISHED or listing.available_until is None:
        return False
    today = today or dates.today()
    return listing.available_until <= today + timedelta(days=settings.LISTING_REMINDER_DAYS)


def may_withdraw(listing):
    return Status.CLOSED in listing.next_statuses()


def may_edit(listing):
    return listing.status in EDITABLE or listing.status in BACK_TO_REVIEW


class ExchangeMixin(OrganisationMixin):
    """A page of the organisation's listings: each looked up among its own."""

    def own_listings(self):
        return Listing.objects.filter(organisation=self.partner)

    def get_listing(self):
        try:
            return self.own_listings().with_related().get(pk=self.kwargs["pk"])
        except Listing.DoesNotExist:
            raise Http404(_("Your organisation has no listing with this number.")) from None

    def listing_url(self, listing):
        return reverse(
            "workspace:listing", kwargs={"organisation": self.partner.slug, "pk": listing.pk}
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_edit"] = self.membership.may_edit
        return context


class ListingsView(ExchangeMixin, TemplateView):
    """Every listing of the organisation, of any status, grouped by status (or one
    status: ?status=…). Three queries whatever the number of listings."""

    template_name = "workspace/listings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = self.request.GET.get("status", "")
        if chosen not in Status.values:
            chosen = ""
        counts = dict(
            self.own_listings()
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        listings = self.own_listings().order_by("-created", "-pk")
        if chosen:
            listings = listings.filter(status=chosen)
        by_status = {}
        for listing in listings:
            by_status.setdefault(listing.status, []).append(listing)
        context["groups"] = [
            {"status": status, "label": status.label, "listings": by_status[status]}
            for status in STATUS_ORDER
            if status in by_status
        ]
        context["filters"] = [
            {"status": status, "label": status.label, "count": counts.get(status, 0)}
            for status in STATUS_ORDER
            if counts.get(status)
        ]
        context["chosen"] = chosen
        context["total"] = sum(counts.values())
        return context


class ListingView(ExchangeMixin, TemplateView):
    """One of the organisation's listings: its facts, its status, and the matcher's
    suggestions for it, each with "We are interested"."""

    template_name = "workspace/listing.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = self.get_listing()
        language = active_language()
        found = suggestions(listing)
        matched = _matched_pairs(listing, [s.listing for s in found])
        context.update(
            listing=listing,
            quantity=quantity_text(listing),
            place=public.place_name(listing),
            may_change=may_edit(listing),
            may_withdraw=may_withdraw(listing),
            may_renew=is_renewable(listing),
            may_be_interested=listing.status in INTERESTED_FROM,
            suggestions=[
                {
                    "card": card(s.listing, language),
                    "score": s.score,
                    "reasons": [r.text(language) for r in s.reasons],
                    "matched": s.listing.pk in matched,
                }
                for s in found
            ],
        )
        return context


def _matched_pairs(listing, others):
    """Which of `others` already make a match with `listing` (their ids)."""
    if listing.kind == Kind.OFFER:
        pairs = Match.objects.filter(offer=listing, want__in=others).values_list("want_id")
    else:
        pairs = Match.objects.filter(want=listing, offer__in=others).values_list("offer_id")
    return {pk for (pk,) in pairs}


def _say(request, error):
    messages.error(request, " ".join(error.messages))


class NewListingView(ExchangeMixin, FormView):
    """A new offer or want: to the secretariat's review, as from the public form (the
    secretariat is notified, the person signed in gets the receipt)."""

    template_name = "workspace/listing_form.html"
    form_class = ListingForm

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {"kind": kind} if kind in Kind.values else {}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        user = self.request.user
        kwargs["instance"] = Listing(
            organisation=self.partner,
            contact_name=user.get_full_name() or user.get_username(),
            contact_email=user.email,
        )
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            places=[p.name for p in codes.places()], is_new=True, **kwargs
        )

    def form_valid(self, form):
        listing = form.save(commit=False)
        language = active_language()
        other = "en" if language == "da" else "da"
        written = getattr(listing, f"title_{language}").strip()
        listing.language = language if written else other
        listing.submission = form.cleaned_data.get("submission") or uuid.uuid4()
        form.apply_place(listing)
        try:
            with revision(self.request, "Listing posted in the workspace"):
                listing, created = workflow.receive(listing, request=self.request)
        except ValidationError as error:
            _say(self.request, error)
            return self.form_invalid(form)
        if created:
            messages.success(
                self.request,
                _("Sent to the secretariat: the listing is published once they have read it."),
            )
        return redirect(self.listing_url(listing))


class EditListingView(ExchangeMixin, FormView):
    """A draft or a listing awaiting review is changed as it is; a published one goes
    back to the secretariat's review (the page says so before saving); a matched or
    closed one is not changed (an expired one is renewed first)."""

    template_name = "workspace/listing_form.html"
    form_class = ListingForm

    def dispatch(self, request, *args, **kwargs):
        self.listing = None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self._refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refused() or super().post(request, *args, **kwargs)

    def _refused(self):
        self.listing = self.get_listing()
        if may_edit(self.listing):
            return None
        if self.listing.status == Status.EXPIRED:
            messages.error(self.request, _("This listing has expired: renew it to change it."))
        else:
            messages.error(
                self.request,
                _("A listing that is “%(status)s” cannot be changed.")
                % {"status": self.listing.get_status_display()},
            )
        return redirect(self.listing_url(self.listing))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.listing}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            listing=self.listing,
            places=[p.name for p in codes.places()],
            back_to_review=self.listing.status in BACK_TO_REVIEW,
            **kwargs,
        )

    def form_valid(self, form):
        listing = form.save(commit=False)
        form.apply_place(listing)
        if "available_until" in form.changed_data:
            listing.reminded_at = None  # a new end date earns a new reminder
        was_published = listing.status in BACK_TO_REVIEW
        try:
            with revision(self.request, "Listing edited in the workspace"):
                listing.full_clean()
                listing.save()
                if was_published:
                    workflow.move(listing, Status.REVIEW, by=self.request.user)
        except ValidationError as error:
            _say(self.request, error)
            return self.form_invalid(form)
        if was_published:
            messages.success(
                self.request,
                _("Your changes are saved. The listing is back with the secretariat for review."),
            )
        else:
            messages.success(self.request, _("Your changes are saved."))
        return redirect(self.listing_url(listing))


class WithdrawView(ExchangeMixin, TemplateView):
    """Withdraw a listing (to "closed"): the page asks first, the button posts."""

    template_name = "workspace/listing_withdraw.html"

    def get(self, request, *args, **kwargs):
        listing = self.get_listing()
        if not may_withdraw(listing):
            messages.info(request, _("This listing is closed already."))
            return redirect(self.listing_url(listing))
        return self.render_to_response(self.get_context_data(listing=listing))

    def post(self, request, *args, **kwargs):
        listing = self.get_listing()
        try:
            with revision(request, "Listing withdrawn in the workspace"):
                workflow.move(listing, Status.CLOSED, by=request.user)
        except ValidationError as error:
            _say(request, error)
        else:
            messages.success(request, _("The listing is withdrawn. It is no longer shown."))
        return redirect(self.listing_url(listing))


class RenewView(ExchangeMixin, FormView):
    """A new "available until" for an expired or closed listing, or for a published one
    that is about to expire.

    An expired or closed listing goes back to the secretariat's review: it has been off
    the exchange, and the secretariat reads again whether it is still current before it
    is shown (TRANSITIONS: closed and expired → review). A published listing stays
    published: it has been read, only its end moves, and taking it off the exchange
    while the secretariat looks again would hide it from those who could use it for
    nothing (and "published → published" is no step at all: no move is made)."""

    template_name = "workspace/listing_renew.html"
    form_class = RenewForm

    def dispatch(self, request, *args, **kwargs):
        self.listing = None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self._refused() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refused() or super().post(request, *args, **kwargs)

    def _refused(self):
        self.listing = self.get_listing()
        if is_renewable(self.listing):
            return None
        messages.error(
            self.request,
            _(
                "Only an expired or closed listing, or a published one that expires within "
                "%(days)s days, can be renewed."
            )
            % {"days": settings.LISTING_REMINDER_DAYS},
        )
        return redirect(self.listing_url(self.listing))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "listing": self.listing}

    def get_initial(self):
        return {"available_until": dates.today() + timedelta(days=180)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(listing=self.listing, **kwargs)

    def form_valid(self, form):
        listing = self.listing
        stays_published = listing.status == Status.PUBLISHED
        try:
            with revision(self.request, "Listing renewed in the workspace"):
                listing.available_until = form.cleaned_data["available_until"]
                listing.reminded_at = None  # the new end date earns its own reminder
                listing.save(update_fields=["available_until", "reminded_at", "updated"])
                if not stays_published:
                    workflow.move(listing, Status.REVIEW, by=self.request.user)
        except ValidationError as error:
            _say(self.request, error)
            return self.form_invalid(form)
        if stays_published:
            messages.success(self.request, _("The listing is renewed and stays published."))
        else:
            messages.success(
                self.request,
                _("The listing is renewed and back with the secretariat for review."),
            )
        return redirect(self.listing_url(listing))


class InterestedView(ExchangeMixin, TemplateView):
    """ "We are interested" in one of the suggestions for the organisation's listing:
    opens the match of the two for the secretariat (at "suggested", with the
    suggestion's score and reasons) and tells the secretariat by mail. A match of the
    pair that exists already is said to exist: nothing new is opened or sent."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        listing = self.get_listing()
        back = redirect(self.listing_url(listing))
        if listing.status not in INTERESTED_FROM:
            messages.error(
                request,
                _("A listing that is “%(status)s” cannot open a match.")
                % {"status": listing.get_status_display()},
            )
            return back
        found = {s.listing.pk: s for s in suggestions(listing, limit=100)}
        suggestion = found.get(self.kwargs["other"])
        if suggestion is None:
            messages.error(request, _("That listing is no longer among the suggestions."))
            return back
        other = suggestion.listing
        offer, want = (listing, other) if listing.kind == Kind.OFFER else (other, listing)
        if Match.objects.filter(offer=offer, want=want).exists():
            messages.info(
                request,
                _("The secretariat already knows of this pair: no new match is opened."),
            )
            return back
        with revision(request, "Interest shown in the workspace"):
            match, created = workflow.open_match(
                offer,
                want,
                by=request.user,
                score=round(suggestion.score, 3),
                reasons=suggestion.reasons,
                assign=False,
            )
            if created:
                self.notify(match, listing, other)
        if created:
            messages.success(
                request,
                _("The secretariat is told of your interest and will be in touch."),
            )
        else:
            messages.info(
                request,
                _("The secretariat already knows of this pair: no new match is opened."),
            )
        return back

    def notify(self, match, listing, other):
        user = self.request.user
        path = match.get_admin_url()
        send_templated(
            "workspace_listing_interest",
            {
                "match": match,
                "listing": listing,
                "other": other,
                "organisation": self.partner,
                "name": user.get_full_name() or user.get_username(),
                "email": user.email,
                "admin_url": absolute_url(self.request, path),
            },
            to=[workflow.secretariat_address()],
            language="da",
            reply_to=[user.email] if user.email else None,
            key=f"match-{match.pk}-interest",
        )


def listings_section(partner, membership):
    """The organisation page's section: how many listings of each status, and how many
    suggestions its published listings have (the newest ten of them)."""
    counts = dict(
        Listing.objects.filter(organisation=partner)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    published = Listing.objects.filter(
        organisation=partner, status=Status.PUBLISHED
    ).with_related()[:10]
    return {
        "counts": [
            {"status": status, "label": status.label, "count": counts[status]}
            for status in STATUS_ORDER
            if counts.get(status)
        ],
        "total": sum(counts.values()),
        "suggestions": sum(len(suggestions(listing)) for listing in published),
    }
