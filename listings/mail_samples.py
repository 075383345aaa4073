"""What the admin's mail preview shows the exchange's mail with: made-up rows, never a
real listing (symbiosis.registry.mail_samples)."""

from datetime import date

from listings.models import Kind, Listing, Match
from partners.models import Partner
from symbiosis.registry import mail_samples


def _listing(kind=Kind.OFFER, **fields):
    organisation = Partner(name=fields.pop("organisation", "Eksempel Biogas ApS"), cvr="12345674")
    defaults = {
        "pk": 4321,
        "kind": kind,
        "organisation": organisation,
        "title_da": "Afgasset biomasse, 8.000 t om året",
        "title_en": "Digestate, 8,000 t a year",
        "description_da": "Afgasset biomasse fra et biogasanlæg, egnet som gødning.",
        "description_en": "Digestate from a biogas plant, fit for use as fertiliser.",
        "category": "material",
        "place": "Holbæk",
        "visibility": "public",
        "language": "da",
        "contact_name": "Mads Nielsen",
        "contact_email": "mads.nielsen@example.org",
        "available_until": date(2027, 6, 30),
    }
    return Listing(**{**defaults, **fields})


@mail_samples.register("listing_receipt")
def receipt():
    return {"listing": _listing()}


@mail_samples.register("listing_notification")
def notification():
    return {"listing": _listing(), "admin_url": "https://symbiosis.example.org/admin/"}


@mail_samples.register("listing_published")
def published():
    return {"listing": _listing(), "url": "https://symbiosis.example.org/da/sidestroemme/4321/"}


@mail_samples.register("listing_expiring")
def expiring():
    return {"listing": _listing(), "url": "https://symbiosis.example.org/da/sidestroemme/4321/"}


@mail_samples.register("match_introduction")
def introduction():
    offer = _listing()
    want = _listing(
        Kind.WANT,
        pk=4322,
        organisation="Eksempel Planteavl I/S",
        title_da="Vi søger organisk gødning",
        title_en="We need organic fertiliser",
        description_da="Planteavler søger næringsrig organisk gødning til 400 ha.",
        contact_name="Signe Holm",
    )
    return {
        "match": Match(pk=99, offer=offer, want=want),
        "mine": offer,
        "theirs": want,
        "url": "https://symbiosis.example.org/da/sidestroemme/4322/",
    }
