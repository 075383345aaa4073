"""The site's absolute addresses: SITE_URL when it is set (behind a proxy, in mail,
feeds and calendars), else the host the request came to.

Mail has no request to ask (the worker renders it, or a request for another person):
its links come from `absolute()`, which needs SITE_URL."""

from django.conf import settings
from django.core.exceptions import DisallowedHost, ImproperlyConfigured
from django.urls import reverse


def absolute_url(request, path):
    """An absolute URL for `path`; a bare path without a request, or for a Host we do not
    serve (the 400 page for such a request has no absolute links)."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    if request is None:
        return path
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return path


# Where `manage.py runserver` answers: links in mail rendered on a developer's machine
# without SITE_URL still open.
DEVELOPMENT_ROOT = "http://localhost:8000"


def absolute(path):
    """An absolute URL for `path` where no request tells the host: mail, calendars.

    From SITE_URL. Without it, DEBUG gives the development server's address; otherwise
    it raises, so that no mail leaves with a link that goes nowhere (a bare path, or
    the address of whichever host the request happened to use). Tests that render links
    set SITE_URL."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    if settings.DEBUG:
        return DEVELOPMENT_ROOT + path
    raise ImproperlyConfigured(
        "SITE_URL is not set: mail and calendars need the site's address for their links."
    )


def site_root(request):
    """The site's address without a trailing slash: "https://example.org"."""
    return absolute_url(request, "/").removesuffix("/")


# Stand-ins for the one reverse(); no real pk or slug looks like them.
_STAND_IN = {"pk": 987654321, "slug": "0000stand-in0000"}


def url_maker(viewname, kwarg):
    """A function pk_or_slug → path of `viewname` (kwarg "pk" or "slug") that reverses
    once, not once per row: reversing thousands of rows one by one took longer than the
    rest of the page. In the language active when it is made."""
    stand_in = str(_STAND_IN[kwarg])
    head, tail = reverse(viewname, kwargs={kwarg: stand_in}).split(stand_in)
    return lambda value: f"{head}{value}{tail}"


def check_site_url(app_configs=None, **kwargs):
    """`check --deploy`: without SITE_URL, mail from the worker cannot link to the site."""
    from django.core import checks

    if settings.SITE_URL:
        return []
    return [
        checks.Warning(
            "SITE_URL is not set: mail sent by the task worker (receipts, notifications, "
            "invitations) cannot build links to the site.",
            hint="Set SITE_URL to the site's public address, e.g. https://symbiosis.dk.",
            id="symbiosis.W001",
        )
    ]
