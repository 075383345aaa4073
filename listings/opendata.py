"""The side-stream listings as open data: published offers and wants, CSV and JSON.

Registered beside the flows app's datasets (exchanges/opendata.py), documented on the
same page, under the same licence. The files say of each listing only what its page
says: `prepare` works every row out through listings/public.py, so an anonymous
listing carries "A company in Holbæk", no link to the organisation's page and, as
its position, the municipality's centre. The rows it writes hold the fields' columns
and nothing else: the organisation's name and exact position, read to decide, never
reach a file.
"""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchanges.models import Category
from exchanges.opendata import (
    CODE,
    DATE,
    DECIMAL,
    INTEGER,
    TEXT,
    Dataset,
    choice,
    either_text,
    link,
    plain,
    register_dataset,
    text,
)
from exchanges.units import Unit
from listings import codes, public
from listings.models import Kind, Listing, OfferType, Per
from partners.models import Partner

# What a row is worked out from: the listing's own columns, and what public.py reads of
# its organisation (the name only for a listing that shows it).
LISTING_COLUMNS = (
    "id",
    "kind",
    "offer_type",
    "title_da",
    "title_en",
    "description_da",
    "description_en",
    "category",
    "ewc_code",
    "nace_code",
    "quantity",
    "unit",
    "per",
    "place",
    "latitude",
    "longitude",
    "available_from",
    "available_until",
    "visibility",
    "published_at",
)
ORGANISATION_COLUMNS = ("name", "slug", "kind", "is_public", "nace", "latitude", "longitude")

LISTING_FIELDS = [
    plain(
        "id",
        _("ID"),
        INTEGER,
        _("Number of the listing in these data and in its page's address; does not change."),
    ),
    choice("kind", _("Kind"), _("An offer (something to spare) or a want (a need)."), Kind),
    choice("offer_type", _("Offer type"), _("What an offer is; empty for a want."), OfferType),
    either_text(
        "title",
        _("Title"),
        _(
            "Title of the listing. A listing may be written in Danish or English alone: the "
            "CSV then gives the language there is."
        ),
    ),
    either_text("description", _("Description"), _("What it is; may have line breaks.")),
    choice("category", _("Category"), _("Kind of resource."), Category),
    plain(
        "ewc_code",
        _("Waste code (EWC)"),
        CODE,
        _(
            "Its entry in the European List of Waste, written as the list prints it "
            "(10 01 05; an asterisk marks a hazardous waste); empty when it is not a waste."
        ),
    ),
    text("ewc_title", _("Waste code title"), _("The title of that entry in the List of Waste.")),
    plain(
        "nace_code",
        _("Industry (NACE)"),
        CODE,
        _("The industry (NACE Rev. 2, as in DB07) of the listing, else of its organisation."),
    ),
    text("nace_title", _("Industry title"), _("The title of that industry in NACE Rev. 2.")),
    plain(
        "quantity",
        _("Quantity"),
        DECIMAL,
        _("How much, in the unit of the next column, once or per period; empty if not given."),
    ),
    plain("unit", _("Unit"), CODE, _("Unit of the quantity, as a code (m3 is m³)."), choices=Unit),
    choice("per", _("Per"), _("The period of the quantity; empty if not given."), Per),
    plain(
        "quantity_per_year",
        _("Quantity per year"),
        DECIMAL,
        _("The quantity in a year, in the same unit; empty for a one-off or without a period."),
    ),
    plain("place", _("Municipality"), TEXT, _("The municipality it is in.")),
    plain(
        "latitude",
        _("Latitude"),
        DECIMAL,
        _(
            "Latitude (WGS 84) of the listing, or of its organisation's site; for an "
            "anonymous listing, of its municipality's centre."
        ),
        unit="°",
    ),
    plain(
        "longitude",
        _("Longitude"),
        DECIMAL,
        _("Longitude (WGS 84), the same way."),
        unit="°",
    ),
    plain("available_from", _("Available from"), DATE, _("First day; empty if not given.")),
    plain(
        "available_until",
        _("Available until"),
        DATE,
        _("Last day; the listing expires after it. Empty if not given."),
    ),
    text(
        "organisation",
        _("Organisation"),
        _(
            "Who posted it: the organisation's name, or for an anonymous listing only its kind "
            "and municipality (“A company in Holbæk”)."
        ),
    ),
    link(
        "organisation_url",
        _("Organisation's page"),
        _(
            "The organisation's page on this site, when it is a partner shown there; empty for "
            "an anonymous listing."
        ),
        "partners:detail",
        "slug",
        "organisation_page",
    ),
    plain("published", _("Published"), DATE, _("The day the listing was published.")),
    link("url", _("Page"), _("The listing's page on this site."), "listings:detail", "pk", "id"),
]


def listing_of(row):
    """An unsaved Listing (and organisation) holding the row's values, for public.py."""
    organisation = Partner(**{c: row[f"organisation__{c}"] for c in ORGANISATION_COLUMNS})
    return Listing(organisation=organisation, **{c: row[c] for c in LISTING_COLUMNS})


def exact_decimal(number):
    """A coordinate as a Decimal with its own digits (55.714, not 55.71399999…)."""
    return None if number is None else Decimal(str(number))


def iso_day(day):
    return day.isoformat() if day else None


def waste_code(code):
    try:
        return codes.ewc_entry(code) if code else None
    except codes.CodeError:  # a code struck from the list since: shown as it is
        return None


def industry(code):
    try:
        return codes.nace_entry(code) if code else None
    except codes.CodeError:
        return None


def public_row(row):
    """One file row: what a visitor may learn of the listing, and nothing else."""
    listing = listing_of(row)
    point = public.position(listing)
    ewc = waste_code(listing.ewc_code)
    nace = industry(listing.industry_code)
    published = listing.published_at
    return {
        "id": listing.pk,
        "kind": listing.kind,
        "offer_type": listing.offer_type,
        "title_da": listing.title_da,
        "title_en": listing.title_en,
        "description_da": listing.description_da,
        "description_en": listing.description_en,
        "category": listing.category,
        "ewc_code": ewc.display if ewc else listing.ewc_code,
        "ewc_title_da": ewc.title("da") if ewc else "",
        "ewc_title_en": ewc.title("en") if ewc else "",
        "nace_code": nace.code if nace else listing.industry_code,
        "nace_title_da": nace.title("da") if nace else "",
        "nace_title_en": nace.title("en") if nace else "",
        "quantity": listing.quantity,
        "unit": listing.unit,
        "per": listing.per,
        "quantity_per_year": listing.per_year(),
        "place": public.place_name(listing),
        "latitude": exact_decimal(point.latitude) if point else None,
        "longitude": exact_decimal(point.longitude) if point else None,
        "available_from": iso_day(listing.available_from),
        "available_until": iso_day(listing.available_until),
        "organisation_da": public.who(listing, "da"),
        "organisation_en": public.who(listing, "en"),
        "organisation_page": listing.organisation.slug if public.organisation_url(listing) else "",
        "published": iso_day(timezone.localdate(published) if published else None),
    }


def public_rows(rows):
    return [public_row(row) for row in rows]


register_dataset(
    Dataset(
        "listings",
        _("Side-stream listings"),
        _(
            "What organisations have to spare (offers) and what they need (wants) on the "
            "side-stream exchange: the published listings. An anonymous listing names only "
            "the kind of organisation and its municipality, and its position is the "
            "municipality's centre."
        ),
        Listing.objects.published,
        LISTING_FIELDS,
        columns=(*LISTING_COLUMNS, *(f"organisation__{c}" for c in ORGANISATION_COLUMNS)),
        prepare=public_rows,
    )
)
