"""RSS and Atom feeds of the newest published listings, one per language.

As the news feeds (news/feeds.py): the language comes from the URL prefix (/da/…,
/en/…), links are absolute (SITE_URL when set, else the request's host), and the page
cache keeps the feed until a listing or partner is saved. A listing written in one
language alone shows in the other's feed as it is, marked "(in Danish)".

A feed says what the listing's page says and no more: who posted it comes from
listings/public.py ("A company in Holbæk" for an anonymous listing), and no contact,
address or position is in any item.
"""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from listings import public
from listings.models import Kind, Listing
from listings.views import quantity_text
from news.feeds import FeedRequest
from symbiosis.addresses import site_root
from symbiosis.bilingual import active_language

FEED_LENGTH = 30


def feed_listings():
    """The newest published listings with what an item reads (one query)."""
    newest_first = [F("published_at").desc(nulls_last=True), "-pk"]
    return Listing.objects.published().with_related().order_by(*newest_first)[:FEED_LENGTH]


def marked(text):
    """The text, with a word of its language when it is not the feed's."""
    if not text.is_fallback:
        return str(text)
    note = gettext("(in Danish)") if text.lang == "da" else gettext("(in English)")
    return f"{text} {note}"


def facts(listing):
    """Kind, what is offered, category, quantity and municipality, in one line."""
    parts = [listing.get_kind_display()]
    if listing.offer_type:
        parts.append(listing.get_offer_type_display())
    parts.append(gettext("Category: %(category)s") % {"category": listing.get_category_display()})
    if amount := quantity_text(listing):
        parts.append(gettext("Quantity: %(quantity)s") % {"quantity": amount})
    if place := public.place_name(listing):
        parts.append(gettext("Municipality: %(place)s") % {"place": place})
    return " · ".join(str(part) for part in parts)


class ListingsRss(Feed):
    author_name = "Kalundborg Symbiose"

    def get_object(self, request, *args, **kwargs):
        return FeedRequest(root=site_root(request), path=request.path)

    def title(self, obj):
        return gettext("Kalundborg Symbiosis: side-stream exchange")

    def description(self, obj):
        return gettext(
            "The newest offers and wants of the side-stream exchange: what organisations have "
            "to spare and what they need."
        )

    def link(self, obj):
        return obj.absolute(reverse("listings:list"))

    def feed_url(self, obj):
        return obj.absolute(obj.path)

    def items(self, obj):
        listings = list(feed_listings())
        for listing in listings:
            # Items reach item_link() alone; the site's root travels with them.
            listing.feed_link = obj.absolute(listing.get_absolute_url())
        return listings

    def item_title(self, item):
        title = marked(item.text("title", active_language()))
        if item.kind == Kind.OFFER:
            return gettext("Offer: %(title)s") % {"title": title}
        return gettext("Want: %(title)s") % {"title": title}

    def item_description(self, item):
        description = item.text("description", active_language())
        lines = [facts(item), marked(description) if description.strip() else ""]
        return "\n\n".join(line for line in lines if line)

    def item_link(self, item):
        return item.feed_link

    def item_author_name(self, item):
        return public.who(item, active_language())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.published_at, item.updated) if item.published_at else item.updated

    def item_categories(self, item):
        return [item.get_kind_display(), item.get_category_display()]


class ListingsAtom(ListingsRss):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
