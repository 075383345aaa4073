"""The exchange's public pages: the list with its filters and map, a listing, the results.

Every page reads only published listings (`Listing.objects.published()`) and learns
about their organisations only through listings/public.py, so an anonymous listing
shows nowhere with its name or exact place. Query counts are constant: the list
fetches its page of listings with their organisations in one query, the map counts
per municipality in one more.
"""

from collections import Counter
from decimal import Decimal

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from exchanges.models import Category
from exchanges.units import BASE_UNIT, Dimension, Quantity, Unit, UnitMismatch, dimension_of
from listings import codes, public, suggestions
from listings.models import Kind, Listing, Match, RejectionReason, Stage
from network.map import network_map
from symbiosis.bilingual import active_language
from symbiosis.forms import QueryFilterForm

# The distances a visitor may choose for "within … km of a place".
DISTANCES = [10, 25, 50, 100, 200]
# Suggestions shown on a listing's public page.
PUBLIC_SUGGESTIONS = 5


class ListingFilterForm(QueryFilterForm):
    kind = forms.ChoiceField(
        label=_("Offers or wants"),
        choices=[("", _("Both")), *Kind.choices],
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All categories")), *Category.choices], required=False
    )
    ewc = forms.ChoiceField(label=_("Waste chapter (EWC)"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    near = forms.CharField(
        label=_("Near (town)"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"list": "listing-places", "autocomplete": "off"}),
    )
    within = forms.TypedChoiceField(
        label=_("Within"),
        coerce=int,
        choices=[(d, _("%(km)s km") % {"km": d}) for d in DISTANCES],
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = active_language()
        self.fields["ewc"].choices = [("", _("All chapters"))] + [
            (h.code, f"{h.code} {h.title(language)}") for h in codes.ewc_chapters()
        ]
        self.fields["municipality"].choices = [("", _("All municipalities"))] + [
            (m.name, m.title(language))
            for m in sorted(codes.municipalities(), key=lambda m: m.name)
        ]

    def clean_near(self):
        near = self.cleaned_data["near"].strip()
        if not near:
            return None
        try:
            return codes.place(near)
        except codes.CodeError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        data = super().clean()
        if data.get("near") and not data.get("within"):
            data["within"] = 50
        return data


def filtered(listings, values):
    """`listings` narrowed by the valid filters of a ListingFilterForm."""
    if "kind" in values:
        listings = listings.filter(kind=values["kind"])
    if "category" in values:
        listings = listings.filter(category=values["category"])
    if "ewc" in values:
        listings = listings.filter(ewc_code__startswith=values["ewc"])
    if "municipality" in values:
        names = {p.name for p in codes.places() if p.municipality == values["municipality"]} | {
            values["municipality"]
        }
        listings = listings.filter(place__in=names)
    if "near" in values:
        listings = listings.filter(pk__in=within(listings, values["near"], values["within"]))
    return listings


def within(listings, place, km):
    """Ids of `listings` whose public position lies within `km` of `place` (an anonymous
    one measured from its municipality's centre, as a visitor sees it)."""
    found = []
    for listing in (
        listings.select_related(None)
        .select_related("organisation")
        .only(
            "pk",
            "visibility",
            "place",
            "latitude",
            "longitude",
            "organisation__latitude",
            "organisation__longitude",
            "organisation__kind",
        )
    ):
        point = public.position(listing)
        if (
            point
            and codes.distance_km(place.latitude, place.longitude, point.latitude, point.longitude)
            <= km
        ):
            found.append(listing.pk)
    return found


class MapPlace:
    """One dot of the exchange's map: a municipality with its listings (network.map's
    `lay_out` reads a name and a position, like a symbiosis)."""

    def __init__(self, place, count, url, language):
        self.name = f"{place.title(language)} ({count})"
        self.latitude = Decimal(str(place.latitude))
        self.longitude = Decimal(str(place.longitude))
        self.url = url
        self.count = count
        self.slug = place.name


def listing_map(listings, language):
    """The map of `listings` by municipality: one dot each, a link to its filtered list."""
    counts = Counter()
    for listing in listings:
        place = public.municipality(listing)
        if place is not None:
            counts[place.name] += 1
    dots = []
    for name, count in sorted(counts.items()):
        place = codes.municipality(name)
        dots.append(MapPlace(place, count, f"?municipality={place.name}", language))
    return network_map(dots) if dots else None


class ListingListView(ListView):
    template_name = "listings/list.html"
    context_object_name = "listings"
    paginate_by = 20

    def get_queryset(self):
        self.filter_form = ListingFilterForm(self.request.GET)
        listings = Listing.objects.published().with_related()
        return filtered(listings, self.filter_form.values).order_by("-published_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = active_language()
        context["filter_form"] = self.filter_form
        context["is_filtered"] = bool(self.filter_form.values)
        values = {k: (v.name if k == "near" else v) for k, v in self.filter_form.values.items()}
        filters = "".join(f"{name}={value}&" for name, value in values.items())
        context["page_link"] = f"?{filters}page="
        context["rows"] = [card(listing, language) for listing in context["listings"]]
        everything = (
            Listing.objects.published()
            .select_related("organisation")
            .only(
                "pk",
                "visibility",
                "place",
                "latitude",
                "longitude",
                "organisation__latitude",
                "organisation__longitude",
                "organisation__kind",
            )
        )
        context["map"] = listing_map(everything, language)
        context["places"] = [p.title(language) for p in codes.places()]
        return context


def card(listing, language):
    """What the list, the map's list and the suggestions show of one listing."""
    return {
        "listing": listing,
        "who": public.who(listing, language),
        "who_url": public.organisation_url(listing),
        "place": public.place_name(listing),
        "quantity": quantity_text(listing),
    }


def quantity_text(listing):
    if listing.quantity is None:
        return ""
    from django.template.defaultfilters import floatformat

    amount = floatformat(listing.quantity, "-3g")
    unit = Unit(listing.unit).label if listing.unit else ""
    per = listing.get_per_display() if listing.per else ""
    return " ".join(part for part in (str(amount), unit, str(per)) if part)


class ListingDetailView(DetailView):
    template_name = "listings/detail.html"
    context_object_name = "listing"

    def get_object(self, queryset=None):
        try:
            return Listing.objects.published().with_related().get(pk=self.kwargs["pk"])
        except Listing.DoesNotExist:
            raise Http404 from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = self.object
        language = active_language()
        context["card"] = card(listing, language)
        ewc = codes.ewc_entry(listing.ewc_code) if listing.ewc_code else None
        nace = _industry(listing.industry_code)
        context["ewc"], context["ewc_title"] = ewc, ewc.title(language) if ewc else ""
        context["nace"], context["nace_title"] = nace, nace.title(language) if nace else ""
        context["suggestions"] = [
            {"card": card(s.listing, language), "score": s.score, "reasons": s.reasons}
            for s in suggestions.suggestions_for(listing, limit=PUBLIC_SUGGESTIONS, public=True)
        ]
        return context


def _industry(code):
    if not code:
        return None
    try:
        return codes.nace_entry(codes.normalise_nace(code))
    except codes.CodeError:
        return None


class ResultsView(TemplateView):
    """What the exchange has brought about: listings, matches agreed, what they divert."""

    template_name = "listings/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Listing.objects.published()
        context["offers"] = published.filter(kind=Kind.OFFER).count()
        context["wants"] = published.filter(kind=Kind.WANT).count()
        agreed = list(
            Match.objects.agreed()
            .select_related("offer")
            .only("stage", "offer__quantity", "offer__unit", "offer__per")
        )
        context["agreed"] = len(agreed)
        context["established"] = sum(m.stage == Stage.ESTABLISHED for m in agreed)
        context["diverted"] = diverted(m.offer for m in agreed)
        context["stages"] = stage_counts()
        context["rejections"] = rejection_counts()
        return context


def diverted(offers):
    """Yearly tonnes and MWh the agreed matches' offers move (the offers' own figures,
    per year; one-off quantities count once), by dimension."""
    totals = {Dimension.MASS: Decimal(0), Dimension.ENERGY: Decimal(0)}
    for offer in offers:
        amount = offer.per_year() if offer.per != "once" else offer.quantity
        if amount is None or not offer.unit:
            continue
        dimension = dimension_of(offer.unit)
        if dimension not in totals:
            continue
        try:
            totals[dimension] += Quantity(amount, offer.unit).to(BASE_UNIT[dimension]).value
        except UnitMismatch:
            continue
    return {"tonnes": totals[Dimension.MASS], "mwh": totals[Dimension.ENERGY]}


def rejection_counts():
    """Why matches were rejected, counted: what the secretariat learns from (the matcher
    is not changed by them automatically, docs/matching.md)."""
    counts = Counter(
        Match.objects.filter(stage=Stage.REJECTED).values_list("rejection_reason", flat=True)
    )
    return [
        (reason.label, counts[reason.value]) for reason in RejectionReason if counts[reason.value]
    ]


def stage_counts():
    counts = Counter(Match.objects.exclude(stage=Stage.REJECTED).values_list("stage", flat=True))
    return [(stage.label, counts.get(stage.value, 0)) for stage in Stage if stage != Stage.REJECTED]
