"""Between the listings in the database and the matcher (listings/matching/).

The matcher reads plain facts (`ListingFacts`) and knows nothing of models; this
module turns listings into facts (two queries for any number of listings), asks the
matcher, and turns its keys back into listings. The admin's suggestions panel, the
public listing page, the open match action and `manage.py suggest_matches` all come
through here.
"""

from dataclasses import dataclass

from listings import matching
from listings.models import Kind, Listing


@dataclass(frozen=True)
class Suggested:
    """A listing of the opposite kind the matcher suggests, with its score and reasons."""

    listing: Listing
    score: float
    reasons: tuple


def facts(listing):
    """What the matcher reads about `listing`: the organisation's place and industry
    stand in for what the listing leaves empty."""
    organisation = listing.organisation
    located = listing.latitude is not None and listing.longitude is not None
    latitude, longitude = (
        (listing.latitude, listing.longitude)
        if located
        else (organisation.latitude, organisation.longitude)
    )
    written_in = listing.language if getattr(listing, f"title_{listing.language}") else None
    language = written_in or ("en" if listing.title_en and not listing.title_da else "da")
    return matching.ListingFacts(
        key=str(listing.pk),
        kind=listing.kind,
        language=language,
        title=getattr(listing, f"title_{language}"),
        description=" ".join(
            part
            for part in (listing.description_da, listing.description_en, listing.quality)
            if part
        ),
        category=listing.category,
        ewc=listing.ewc_code,
        nace=listing.industry_code,
        quantity=listing.quantity,
        unit=listing.unit,
        per=listing.per,
        latitude=float(latitude) if latitude is not None else None,
        longitude=float(longitude) if longitude is not None else None,
        available_from=listing.available_from,
        available_until=listing.available_until,
        place=listing.place or organisation.town,
    )


def _candidates(kind, *, public=False, keyed_only=False):
    listings = Listing.objects.for_matching().filter(kind=kind).with_related()
    if public:
        listings = listings.published()
    if keyed_only:
        listings = listings.exclude(key__isnull=True).exclude(key="")
    return list(listings.order_by("pk"))


def opposite(kind):
    return Kind.WANT if kind == Kind.OFFER else Kind.OFFER


def suggestions_for(listing, *, limit=10, public=False, others_only=False):
    """The ranked suggestions for one listing among the published listings of the
    opposite kind (`public`: only those a visitor may see; `others_only`: only other
    organisations' listings, as the organisation's workspace shows them)."""
    candidates = [
        c
        for c in _candidates(opposite(listing.kind), public=public)
        if c.pk != listing.pk and not (others_only and c.organisation_id == listing.organisation_id)
    ]
    by_key = {str(c.pk): c for c in candidates}
    found = matching.suggest(facts(listing), [facts(c) for c in candidates], limit=limit)
    return [Suggested(by_key[s.key], s.score, tuple(s.reasons)) for s in found]


def all_suggestions(*, limit=10, keyed_only=False):
    """For every published offer, its suggestions among all published wants, in the
    offers' order (by key, else by id). Returns [(offer, [Suggested, …]), …]."""
    offers = _candidates(Kind.OFFER, keyed_only=keyed_only)
    wants = _candidates(Kind.WANT, keyed_only=keyed_only)
    by_key = {str(w.pk): w for w in wants}
    found = matching.suggest_all([facts(o) for o in offers], [facts(w) for w in wants], limit=limit)
    offers.sort(key=lambda o: (o.key or "", o.pk))
    return [
        (
            offer,
            [
                Suggested(by_key[s.key], s.score, tuple(s.reasons))
                for s in found.get(str(offer.pk), [])
            ],
        )
        for offer in offers
    ]
