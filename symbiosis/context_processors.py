from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

from symbiosis.addresses import absolute_url
from symbiosis.bilingual import active_language


def site(request):
    """The secretariat's address, and this page's twins in every language.

    A twin is the same page (same object) under the other language prefix;
    slugs are not translated, so `translate_url` finds it.
    """
    current = active_language()
    # The switcher keeps the page's filters (?category=water&year=1990); the
    # hreflang alternates and the canonical link name the page itself.
    query = request.META.get("QUERY_STRING", "")
    alternates = []
    for code, _name in settings.LANGUAGES:
        path = translate_url(request.path, code)
        info = get_language_info(code)
        alternates.append(
            {
                "code": code,
                "name": info["name_local"],
                "path": path,
                "switch_path": f"{path}?{query}" if query else path,
                "url": absolute_url(request, path),
                "is_current": code == current,
            }
        )
    return {
        "SECRETARIAT": settings.SECRETARIAT,
        "language_alternates": alternates,
        "canonical_url": absolute_url(request, request.path),
    }
