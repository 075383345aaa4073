"""Every public page of the site, for the project-wide guards.

Add a page here when you add a public URL: `test_every_public_url_is_listed`
fails until you do.
"""

from django.urls import reverse
from django.utils import translation

from exchanges.models import Flow
from listings.models import Listing
from news.events import public_speakers
from news.models import Article, Event
from pages.models import Page
from partners.models import Partner
from projects.models import Project

LANGUAGES = ["da", "en"]

# Every page with the site's header and footer reads the staff's menu pages: one query
# (pages.context_processors.navigation), counted on top of each page's own queries.
NAVIGATION = 1

# Public URLs that answer with a file rather than a page; tested in their apps.
DOWNLOADS = {
    "partners:vcard",
    "exchanges:download",
    "news:rss",
    "news:atom",
    "news:calendar",
    "news:event-ics",
    "news:session-ics",
    "news:press-kit",
    "news:press-download",
    "listings:feed-rss",
    "listings:feed-atom",
}


def public_url_names():
    """(url name, kwargs) for every public HTML page, given the data in the database."""
    partner = Partner.objects.published().first()
    flow = Flow.objects.published().first()
    return [
        ("home", {}),
        ("partners:list", {}),
        ("partners:detail", {"slug": partner.slug}),
        ("exchanges:flows", {}),
        ("exchanges:flow", {"pk": flow.pk}),
        ("exchanges:diagram", {}),
        ("exchanges:impact", {}),
        ("exchanges:open-data", {}),
        ("news:articles", {}),
        ("news:article", {"slug": Article.objects.published().first().slug}),
        ("news:events", {}),
        ("news:event", {"slug": Event.objects.published().first().slug}),
        ("news:speaker", {"slug": public_speakers().first().slug}),
        ("news:press", {}),
        ("timeline:index", {}),
        ("projects:list", {}),
        ("projects:detail", {"slug": Project.objects.published().first().slug}),
        ("network:index", {}),
        # The empty search (box and hint); searches themselves: search/tests/.
        ("search:results", {}),
        # The forms people send (enquiries/), what they see after sending, the privacy page.
        ("enquiries:contact", {}),
        ("enquiries:contact-sent", {}),
        ("enquiries:visit", {}),
        ("enquiries:visit-sent", {}),
        ("enquiries:apply", {}),
        ("enquiries:apply-sent", {}),
        ("enquiries:privacy", {}),
        # The side-stream exchange (listings/): the list, a listing, the results, the form.
        ("listings:list", {}),
        ("listings:detail", {"pk": Listing.objects.published().order_by("pk").first().pk}),
        ("listings:results", {}),
        ("listings:post", {}),
        ("listings:post-sent", {}),
        # The partners' workspace: only its sign-in page is public (the rest: signed_in()).
        ("workspace:login", {}),
        *(("pages:detail", {"slug": page.slug}) for page in Page.objects.published()),
    ]


def signed_in(name):
    """A page behind the workspace's sign-in (or an invitation's token): not public,
    tested in workspace/tests/ (every one of them for another organisation's ids)."""
    return name.startswith("workspace:") and name != "workspace:login"


def public_paths():
    """Every public page in every language, as paths."""
    paths = []
    for language in LANGUAGES:
        with translation.override(language):
            paths += [
                (language, reverse(name, kwargs=kwargs)) for name, kwargs in public_url_names()
            ]
    return paths
