"""What a visitor may learn about a listing: one place decides, every page, feed,
file and index asks it.

A listing shown with its name says who posted it and where (the organisation's page
when it is a published partner). An anonymous one says only what kind of organisation
in which municipality ("a company in Holbæk"): no name, logo, contact, address or exact
position anywhere: its point on a map and in the open data is the municipality's
centre, and distances are measured from there.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from listings import codes
from partners.models import Partner

# "A company in Holbæk": the kind of organisation, by Partner.Kind.
_SOMEONE = {
    Partner.Kind.COMPANY: (lambda: _("A company"), lambda place: _("A company in %(place)s")),
    Partner.Kind.UTILITY: (lambda: _("A utility"), lambda place: _("A utility in %(place)s")),
    Partner.Kind.MUNICIPALITY: (
        lambda: _("A municipality"),
        lambda place: _("A municipality in %(place)s"),
    ),
    Partner.Kind.KNOWLEDGE: (
        lambda: _("A knowledge institution"),
        lambda place: _("A knowledge institution in %(place)s"),
    ),
    Partner.Kind.OTHER: (
        lambda: _("An organisation"),
        lambda place: _("An organisation in %(place)s"),
    ),
}


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def municipality(listing):
    """The listing's municipality as a `codes.Place`, or None when it is not known."""
    if listing.place:
        try:
            return codes.municipality(codes.place(listing.place).municipality)
        except (LookupError, ValueError):  # a name the places list does not know
            pass
    latitude, longitude = exact_position(listing)
    if latitude is None:
        return None
    return codes.nearest_municipality(latitude, longitude)


def exact_position(listing):
    """The listing's own position, else its organisation's: for the secretariat and
    the matcher, never shown for an anonymous listing."""
    if listing.latitude is not None:
        return float(listing.latitude), float(listing.longitude)
    organisation = listing.organisation
    if organisation.latitude is not None:
        return float(organisation.latitude), float(organisation.longitude)
    return None, None


def position(listing):
    """Where a visitor may see the listing: its own position when it is public with its
    name; the municipality's centre when it is anonymous; None when neither is known."""
    if not listing.is_anonymous:
        latitude, longitude = exact_position(listing)
        if latitude is not None:
            return Point(latitude, longitude)
    place = municipality(listing)
    return Point(place.latitude, place.longitude) if place else None


def place_name(listing):
    place = municipality(listing)
    return place.municipality if place else ""


def who(listing, language=None):
    """The name a visitor reads: the organisation's, or "A company in Holbæk"."""
    with translation.override(language or translation.get_language()):
        if not listing.is_anonymous:
            return listing.organisation.name
        alone, somewhere = _SOMEONE.get(listing.organisation.kind, _SOMEONE[Partner.Kind.OTHER])
        place = place_name(listing)
        return somewhere(place) % {"place": place} if place else alone()


def organisation_url(listing):
    """The organisation's page, when it is a published partner and the listing names it."""
    organisation = listing.organisation
    if listing.is_anonymous or not organisation.is_public:
        return ""
    return organisation.get_absolute_url()
