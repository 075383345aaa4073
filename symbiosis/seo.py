"""Being found and shared: the pieces every app uses to describe its pages.

- `SectionSitemap`: one section of the sitemap (an app's public pages and published
  objects, in both languages, each with `hreflang` alternates and `x-default`, the
  Danish page). Each app registers its own in its `sitemaps.py`
  (`symbiosis.registry.sitemap_sections`); the index, `/sitemap.xml`, and
  `/robots.txt` are the site's (symbiosis/site/sitemaps.py).
- JSON-LD: `json_ld_script()` writes a schema.org data block safely; `partnership()`
  is the partnership as an Organization, `partnership_reference()` the short form an
  app's object points at (an article's publisher, a partner's memberOf). Each app
  builds its own objects (partners/seo.py, news/seo.py).
- Open Graph and Twitter card tags are written by the `seo` template tags
  (symbiosis/templatetags/seo.py) from the values here.

Absolute addresses come from SITE_URL when set, else from the request's host (as the
canonical link does, symbiosis.context_processors); the page cache keys on the host,
so a page cached for one host never carries another host's addresses.
"""

import html
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from symbiosis.addresses import absolute_url

SITE_NAME = "Kalundborg Symbiose"
# Open Graph wants a territory with the language.
OG_LOCALES = {"da": "da_DK", "en": "en_GB"}
# The default share card (scripts/make_share_card.py) and the square logo beside it.
DEFAULT_CARD = {"path": "img/share-card.png", "width": 1200, "height": 630}
LOGO = {"path": "img/logo.png", "width": 512, "height": 512}
DEFAULT_CARD_ALT = _(
    "Kalundborg Symbiose: the partnership's logo of three linked rings, with the words "
    "energy, water and materials shared"
)
# Previews use images at most this wide (Facebook and LinkedIn ask for 1200 × 630).
SHARE_IMAGE_WIDTH = 1200
# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160
COUNTRY = "DK"


def shorten(text, length=DESCRIPTION_LENGTH):
    """Plain text with white space folded, at most `length` characters, cut at a word."""
    plain = " ".join(str(text or "").split())
    if len(plain) <= length:
        return plain
    cut = plain[: length - 1]
    if plain[length - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # not in the middle of a word
    return cut.rstrip(" ,;:.–-") + "…"


def meta_description(text, length=DESCRIPTION_LENGTH):
    """A description from rich text (HTML): tags dropped, entities read, shortened."""
    return shorten(html.unescape(strip_tags(str(text or ""))), length)


# --- JSON-LD --------------------------------------------------------------------

# Inside <script> the text must not end the element nor open a comment: the JSON
# escapes of these characters mean the same to a JSON reader.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld_text(data):
    """`data` as JSON safe to put between <script type="application/ld+json"> tags."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    # U+2028/2029 are legal in JSON but ended lines in old JavaScript; escaped, they harm nothing.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text.translate(_SCRIPT_ESCAPES)


def json_ld_script(data):
    """A JSON-LD data block: not a script the browser runs, so the CSP has no say and
    no nonce is needed (a nonce would make every copy of the page differ)."""
    text = json_ld_text({"@context": "https://schema.org", **data})
    safe = mark_safe(text)  # noqa: S308 (json_ld_text escapes <, > and &)
    return format_html('<script type="application/ld+json">{}</script>', safe)


def compact(data):
    """Leave out empty values: schema.org readers take a missing field better than ''."""
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def moment(value):
    """An ISO 8601 moment in Danish time (the site's TIME_ZONE), with its offset (e.g.
    2025-05-20T09:00:00+02:00)."""
    return timezone.localtime(value, timezone.get_default_timezone()).isoformat()


def _partnership_id(request):
    """One identifier for the partnership whatever the page's language (its Danish front
    page), so readers know the Organization on /da/ and /en/ pages is the same."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(request, reverse("home")) + "#organization"


def partnership(request, *, contacts=()):
    """Kalundborg Symbiosis as a schema.org Organization. `contacts` (press contacts,
    partners.Person) become ContactPoints; the secretariat's own address and phone
    come from settings (no query)."""
    secretariat = settings.SECRETARIAT
    home = absolute_url(request, reverse("home"))
    return compact(
        {
            "@type": "Organization",
            "@id": _partnership_id(request),
            "name": SITE_NAME,
            "alternateName": "Kalundborg Symbiosis",
            "url": home,
            "logo": absolute_url(request, static(LOGO["path"])),
            "email": secretariat["email"],
            "telephone": secretariat["phone"],
            "address": compact(
                {
                    "@type": "PostalAddress",
                    "streetAddress": secretariat["street"],
                    "postalCode": secretariat["postcode"],
                    "addressLocality": secretariat["town"],
                    "addressCountry": COUNTRY,
                }
            ),
            "contactPoint": [
                compact(
                    {
                        "@type": "ContactPoint",
                        "contactType": "press",
                        "name": person.name,
                        "description": str(person.role),
                        "email": person.email,
                        "telephone": person.phone,
                    }
                )
                for person in contacts
            ],
        }
    )


def partnership_reference(request):
    """The partnership, briefly, where another object points at it."""
    return {
        "@type": "Organization",
        "@id": _partnership_id(request),
        "name": SITE_NAME,
        "url": absolute_url(request, reverse("home")),
    }


# --- Sitemaps -------------------------------------------------------------------


class SectionSitemap(Sitemap):
    """One section of the sitemap: an app's public pages (`pages`, URL names) and its
    published objects (`objects()`, querysets of models with get_absolute_url), in
    every language, with hreflang alternates and x-default.

    lastmod is the object's `updated` where the model keeps one; the pages that list
    them have none (what changes there is the objects, which carry their own).
    """

    i18n = True
    alternates = True
    x_default = True
    pages = ()

    def objects(self):
        return ()

    def items(self):
        items = list(self.pages)
        for queryset in self.objects():
            items.extend(queryset)
        return items

    @property
    def paginator(self):
        # A section with nothing published has no page 1: it is left out of the index and
        # answers 404 (the schema refuses an empty <urlset>).
        return Paginator(self._items(), self.limit, allow_empty_first_page=False)

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return getattr(item, "updated", None)

    def get_latest_lastmod(self):
        """The newest `updated` of the section's objects (one query a kind), for the index."""
        from django.db.models import Max

        latest = [
            queryset.order_by().aggregate(latest=Max("updated"))["latest"]
            for queryset in self.objects()
            if hasattr(queryset.model, "updated")
        ]
        latest = [moment for moment in latest if moment]
        return max(latest) if latest else None

    def get_protocol(self, protocol=None):
        return (
            urlsplit(settings.SITE_URL).scheme
            if settings.SITE_URL
            else super().get_protocol(protocol)
        )

    def get_domain(self, site=None):
        if settings.SITE_URL:
            parts = urlsplit(settings.SITE_URL)
            return parts.netloc + parts.path
        return super().get_domain(site)

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's x-default is the address without a language prefix, which only
        redirects here (every page lives under /da/ or /en/): point it at the Danish
        page instead, as the pages' own hreflang links do."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            default = next(
                (a for a in url["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default" and default:
                    alternate["location"] = default["location"]
        return urls
