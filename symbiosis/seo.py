"""Being found and shared: sitemaps, robots.txt, share previews and schema.org data.

- `/sitemap.xml` is a sitemap index; each app's `sitemaps.py` gives one section
  (`/sitemap-partners.xml`, …) listing its public pages and published objects in
  both languages, each with `hreflang` alternates and `x-default` (the Danish page).
  An index rather than one file: Django pages a section at 50,000 URLs, so the
  sitemap stays valid however many flows or articles there are (a single file would
  break the limit at 25,000 objects in two languages), and a search console reports
  on each section separately. Both are cached like pages (PageCacheMiddleware).
- `/robots.txt` keeps crawlers out of the admin and the other non-public paths and
  names the sitemap.
- Open Graph and Twitter card tags, and JSON-LD, are written by the `seo` template
  tags (symbiosis/templatetags/seo.py) from the dictionaries built here.

Absolute addresses come from SITE_URL when set, else from the request's host (as the
canonical link does, symbiosis.context_processors); the page cache keys on the host,
so a page cached for one host never carries another host's addresses.
"""

import html
import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from symbiosis.addresses import absolute_url as _absolute

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


def absolute(request, path):
    """An absolute URL for `path` (SITE_URL, else the request's host; a bare path
    without a request, or for a host we do not serve)."""
    if request is None:
        return settings.SITE_URL + path if settings.SITE_URL else path
    return _absolute(request, path)


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


def _compact(data):
    """Leave out empty values: schema.org readers take a missing field better than ''."""
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def _moment(value):
    """An ISO 8601 moment in Danish time, with its offset (e.g. 2025-05-20T09:00:00+02:00)."""
    from news.models import COPENHAGEN

    return timezone.localtime(value, COPENHAGEN).isoformat()


def _partnership_id(request):
    """One identifier for the partnership whatever the page's language (its Danish front
    page), so readers know the Organization on /da/ and /en/ pages is the same."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute(request, reverse("home")) + "#organization"


def partnership(request, *, contacts=()):
    """Kalundborg Symbiosis as a schema.org Organization. `contacts` (press contacts,
    partners.Person) become ContactPoints; the secretariat's own address and phone
    come from settings (no query)."""
    secretariat = settings.SECRETARIAT
    home = absolute(request, reverse("home"))
    return _compact(
        {
            "@type": "Organization",
            "@id": _partnership_id(request),
            "name": SITE_NAME,
            "alternateName": "Kalundborg Symbiosis",
            "url": home,
            "logo": absolute(request, static(LOGO["path"])),
            "email": secretariat["email"],
            "telephone": secretariat["phone"],
            "address": _compact(
                {
                    "@type": "PostalAddress",
                    "streetAddress": secretariat["street"],
                    "postalCode": secretariat["postcode"],
                    "addressLocality": secretariat["town"],
                    "addressCountry": COUNTRY,
                }
            ),
            "contactPoint": [
                _compact(
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


def _partnership_reference(request):
    """The partnership, briefly, where another object points at it."""
    return {
        "@type": "Organization",
        "@id": _partnership_id(request),
        "name": SITE_NAME,
        "url": absolute(request, reverse("home")),
    }


def partner_organization(request, partner, *, logo_url=""):
    from partners.models import Partner

    is_member = partner.membership in (Partner.Membership.FULL, Partner.Membership.ASSOCIATE)
    return _compact(
        {
            "@type": "Organization",
            "name": partner.name,
            "alternateName": [former.name for former in partner.former_names.all()],
            "url": absolute(request, partner.get_absolute_url()),
            "description": shorten(partner.summary, 300),
            "logo": logo_url,
            "sameAs": [partner.website] if partner.website else [],
            "address": _compact(
                {
                    "@type": "PostalAddress",
                    "streetAddress": partner.street,
                    "postalCode": partner.postcode,
                    "addressLocality": partner.town,
                    "addressCountry": COUNTRY if partner.street or partner.town else "",
                }
            )
            if partner.street or partner.postcode or partner.town
            else None,
            # Former members were, but are no longer, part of the partnership.
            "memberOf": _partnership_reference(request) if is_member else None,
        }
    )


def news_article(request, article, *, image_url):
    from news.feeds import published_moment

    text = article.body if article.body_da else article.lead
    publisher = _partnership_reference(request)
    publisher["logo"] = absolute(request, static(LOGO["path"]))
    return _compact(
        {
            "@type": "NewsArticle",
            # Google shows at most 110 characters of a headline.
            "headline": shorten(article.title, 110),
            "description": shorten(article.lead, 300),
            "url": absolute(request, article.get_absolute_url()),
            "mainEntityOfPage": absolute(request, article.get_absolute_url()),
            "datePublished": published_moment(article).isoformat(),
            "dateModified": _moment(article.updated),
            "image": [image_url],
            "inLanguage": text.lang,
            # Articles are written by the secretariat: the partnership is the author.
            "author": _partnership_reference(request),
            "publisher": publisher,
        }
    )


EVENT_LANGUAGES = {"da": ["da"], "en": ["en"], "da+en": ["da", "en"]}


def event(request, event, *, image_url):
    from news.models import Event

    page = absolute(request, event.get_absolute_url())
    online = event.kind == Event.Kind.WEBINAR
    if online:
        location = {"@type": "VirtualLocation", "url": event.registration_url or page}
    else:
        location = _compact(
            {
                "@type": "Place",
                "name": event.venue or event.address or "Kalundborg",
                "address": _compact(
                    {
                        "@type": "PostalAddress",
                        "streetAddress": event.address,
                        "addressLocality": "" if event.address else "Kalundborg",
                        "addressCountry": COUNTRY,
                    }
                ),
            }
        )
    # The programme is already loaded with its speakers (news.events): no query here.
    speakers = {}
    for session in event.sessions.all():
        for speaker in session.speakers.all():
            speakers.setdefault(speaker.pk, speaker)
    return _compact(
        {
            "@type": "Event",
            "name": str(event.title),
            "description": meta_description(event.description, 300),
            "url": page,
            "startDate": _moment(event.start),
            "endDate": _moment(event.end),
            # Cancelled or moved events are not modelled: a published event takes place.
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/"
            + ("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"),
            "location": location,
            "image": [image_url],
            "inLanguage": EVENT_LANGUAGES.get(event.languages, []),
            "organizer": _partnership_reference(request),
            "performer": [
                _compact(
                    {
                        "@type": "Person",
                        "name": speaker.name,
                        "url": absolute(request, speaker.get_absolute_url()),
                    }
                )
                for speaker in speakers.values()
            ],
        }
    )


def speaker_person(request, speaker, *, image_url=""):
    works_for = None
    if speaker.partner_id and speaker.partner.is_public:
        works_for = {
            "@type": "Organization",
            "name": speaker.partner.name,
            "url": absolute(request, speaker.partner.get_absolute_url()),
        }
    elif speaker.organisation:
        works_for = {"@type": "Organization", "name": speaker.organisation}
    return _compact(
        {
            "@type": "Person",
            "name": speaker.name,
            "url": absolute(request, speaker.get_absolute_url()),
            "jobTitle": str(speaker.role),
            "description": shorten(speaker.bio, 300),
            "image": image_url,
            "worksFor": works_for,
        }
    )


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


@require_safe
@x_robots_tag
def sitemap_index(request):
    """/sitemap.xml: every section (and every page of a long one) with its lastmod."""
    from symbiosis.sitemaps import SITEMAPS

    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = absolute(request, reverse("sitemap-section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        for page in range(1, sitemap.paginator.num_pages + 1):
            entries.append(SitemapIndexItem(url if page == 1 else f"{url}?p={page}", lastmod))
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml; charset=utf-8",
    )


@require_safe
def sitemap_section(request, section):
    """/sitemap-<section>.xml (`?p=2`…: the next 50,000 URLs); Django's view, which adds
    the X-Robots-Tag and answers 404 for an unknown section or page."""
    from django.contrib.sitemaps.views import sitemap

    from symbiosis.sitemaps import SITEMAPS

    return sitemap(
        request, SITEMAPS, section=section, content_type="application/xml; charset=utf-8"
    )


# Uploads: the originals may carry what the renditions leave out (camera, GPS
# position); pages show renditions, and press files are downloaded through the
# press room, so crawlers need only the renditions and the press room's web images.
ROBOTS_ALLOWED_MEDIA = ("renditions/", "press/previews/", "press/web/")


def _search_paths():
    """The search results in every language: endless combinations of words, which search
    engines ask sites to keep out of their index."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("search:results"))
    return paths


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in ("/admin/", "/i18n/", "/healthz", *_search_paths())]
    if settings.MEDIA_URL.startswith("/"):  # on this host (not object storage elsewhere)
        lines.append(f"Disallow: {settings.MEDIA_URL}")
        lines += [f"Allow: {settings.MEDIA_URL}{folder}" for folder in ROBOTS_ALLOWED_MEDIA]
    lines += ["", f"Sitemap: {absolute(request, reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
