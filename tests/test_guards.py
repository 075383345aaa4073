"""Project-wide guards: things that must stay true whatever changes."""

import shutil
import subprocess
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from tests.html import soup
from tests.pages import DOWNLOADS, public_paths, public_url_names, signed_in


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"Model changes without a migration:\n{out.getvalue()}")


def test_danish_catalogue_loads():
    with translation.override("da"):
        assert translation.gettext("Partners") == "Partnere"
        assert translation.gettext("Skip to content") == "Gå til indholdet"


def test_danish_catalogue_is_complete_and_compiled(tmp_path):
    po = settings.BASE_DIR / "locale/da/LC_MESSAGES/django.po"
    mo = settings.BASE_DIR / "locale/da/LC_MESSAGES/django.mo"
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is missing: `make test` installs it"
    stats = subprocess.run(
        [msgfmt, "--statistics", "-o", str(tmp_path / "fresh.mo"), str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert "untranslated" not in stats and "fuzzy" not in stats, stats
    assert (tmp_path / "fresh.mo").read_bytes() == mo.read_bytes(), (
        "django.mo is older than django.po: run `make messages`"
    )


def _i18n_names(patterns, prefix=""):
    names = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{entry.namespace}:" if entry.namespace else prefix
            names |= _i18n_names(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


@pytest.mark.django_db
def test_every_public_url_is_listed():
    call_command("load_demo", verbosity=0)
    resolver = get_resolver()
    localized = [
        r
        for r in resolver.url_patterns
        if isinstance(r, URLResolver) and r.pattern.__class__.__name__ == "LocalePrefixPattern"
    ]
    assert localized, "no i18n_patterns found"
    names = set().union(*(_i18n_names(r.url_patterns) for r in localized))
    public = {name for name in names - DOWNLOADS if not signed_in(name)}
    assert public == {name for name, _kwargs in public_url_names()}


@pytest.mark.django_db
def test_every_public_page_answers_in_both_languages_with_one_h1(client):
    call_command("load_demo", verbosity=0)
    for language, path in public_paths():
        response = client.get(path)
        page = soup(response)
        assert response.status_code == 200, path
        assert path.startswith(f"/{language}/")
        assert page.html["lang"] == language, path
        assert len(page.find_all("h1")) == 1, path
        twin = page.select_one("nav.language-switch a[hreflang]")
        assert twin["href"].startswith("/en/" if language == "da" else "/da/"), path
        assert client.get(twin["href"]).status_code == 200, twin["href"]


def test_the_time_zone_is_named_once():
    """Danish time is settings.TIME_ZONE, read with timezone.get_default_timezone() (or
    symbiosis.dates): no module names the zone again or reads the server's clock zone."""
    import re

    pattern = re.compile(r"ZoneInfo\(|date\.today\(\)")
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in settings.BASE_DIR.rglob("*.py")
        if not {".venv", "node_modules", "tests", "bench", "migrations"} & set(path.parts)
        and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
