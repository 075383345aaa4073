"""Side-stream listings in the site search (collected by search's autodiscovery).

An entry holds what the listing's page shows, in both languages: its title and
description (in the language it was written in when the other is missing), what kind
of listing it is, and who posted it as listings/public.py says it. An anonymous
listing's entry names only the kind of organisation and its municipality, so
searching for the organisation's name never finds it.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from listings import public
from listings.models import Listing
from partners.models import Partner
from search.documents import depends_on, fields, join, register


def entry_text(listing, language):
    with translation.override(language):
        kind = [listing.get_kind_display(), listing.get_offer_type_display()]
        about = [*kind, listing.get_category_display(), public.place_name(listing)]
        return join(
            public.who(listing, language),
            " · ".join(str(part) for part in about if part),
            listing.text("description", language),
        )


@register(
    "listing",
    _("Side-stream listings"),
    order=35,
    model=Listing,
    queryset=lambda: Listing.objects.select_related("organisation"),
)
def listing_entry(listing, _context):
    return fields(
        listing,
        # A listing may be written in English alone: its title then stands for both.
        title_da=listing.title_da or listing.title_en,
        title_en=listing.title_en,
        text_da=entry_text(listing, "da"),
        text_en=entry_text(listing, "en"),
        url=("listings:detail", {"pk": listing.pk}),
        is_public=listing.is_public,
    )


# A listing's entry names its organisation (or its kind, for an anonymous listing).
depends_on("listing", Partner, lambda partner: partner.listings.all())
