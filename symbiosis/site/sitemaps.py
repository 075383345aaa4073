"""The sitemap index, its sections and robots.txt.

`/sitemap.xml` is a sitemap index: the front page's section here, then every section
an app registers in its `sitemaps.py` (`symbiosis.registry.sitemap_sections`), each
at `/sitemap-<key>.xml`. An index rather than one file: Django pages a section at
50,000 URLs, so the sitemap stays valid however many flows or articles there are (a
single file would break the limit at 25,000 objects in two languages), and a search
console reports on each section separately. Both are built once per content version
and kept (symbiosis.kept: at large data a section outgrows the page cache's 4 MB),
keyed on the site's address, the section and the page number `p` only: any other query
string gets the same file. `/robots.txt` keeps crawlers out of the admin and the other
non-public paths and names the sitemap.
"""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, sitemap, x_robots_tag
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from symbiosis.addresses import absolute_url, site_root
from symbiosis.kept import kept_response
from symbiosis.registry import sitemap_sections
from symbiosis.seo import SectionSitemap


class HomeSitemap(SectionSitemap):
    pages = ["home"]


def sections():
    """Every section by its key, the front page first. Classes, not instances: each
    request reads the published objects afresh."""
    return {"home": HomeSitemap, **dict(sitemap_sections.items())}


@require_safe
@x_robots_tag
def sitemap_index(request):
    """/sitemap.xml: every section (and every page of a long one) with its lastmod."""
    return kept_response(request, ("sitemap", site_root(request)), lambda: built_index(request))


def built_index(request):
    entries = []
    for section, sitemap_class in sections().items():
        sitemap_section = sitemap_class()
        url = absolute_url(request, reverse("sitemap-section", kwargs={"section": section}))
        lastmod = sitemap_section.get_latest_lastmod()
        for page in range(1, sitemap_section.paginator.num_pages + 1):
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
    try:
        page = int(request.GET.get("p", 1))  # as Django's view reads it
    except ValueError:
        raise Http404 from None

    def build():
        return sitemap(
            request, sections(), section=section, content_type="application/xml; charset=utf-8"
        )

    return kept_response(request, ("sitemap", site_root(request), section, page), build)


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
    lines += ["", f"Sitemap: {absolute_url(request, reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
