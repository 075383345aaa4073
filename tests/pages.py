"""Every public page of the site, for the project-wide guards.

Add a page here when you add a public URL: `test_every_public_url_is_listed`
fails until you do.
"""

from django.urls import reverse
from django.utils import translation

from partners.models import Partner

LANGUAGES = ["da", "en"]


def public_url_names():
    """(url name, kwargs) for every public page, given the data in the database."""
    partner = Partner.objects.published().first()
    return [
        ("home", {}),
        ("partners:list", {}),
        ("partners:detail", {"slug": partner.slug}),
    ]


def public_paths():
    """Every public page in every language, as paths."""
    paths = []
    for language in LANGUAGES:
        with translation.override(language):
            paths += [
                (language, reverse(name, kwargs=kwargs)) for name, kwargs in public_url_names()
            ]
    return paths
