"""What a visitor and a program can reach stays put while the code is rearranged.

The demo site's public addresses (every page of `tests/pages.py` and every address in
the sitemap, in both languages) and the bytes of its open-data files are compared with
the snapshots in `tests/snapshots/`. A change that adds or moves a page on purpose
updates the snapshot in the same commit: `UPDATE_SNAPSHOTS=1 pytest tests/test_public_surface.py`.
"""

import hashlib
import os
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.urls import reverse
from django.utils import translation

from exchanges.opendata import DATASETS
from tests.pages import LANGUAGES, public_paths

SNAPSHOTS = Path(__file__).parent / "snapshots"

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo_site():
    """The demo as a fresh database has it: numbered from 1 (flow pages and open data carry ids).

    PostgreSQL's sequences outlive the rolled-back transactions of earlier tests, so they
    are set back to the highest id in use (1 for an empty table); SQLite's roll back with them.
    """
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)
    call_command("load_demo", stdout=StringIO())


def _matches_snapshot(name, lines):
    path = SNAPSHOTS / name
    text = "\n".join(lines) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(text)
    return path.read_text().splitlines(), lines


def _sitemap_paths(client):
    index = BeautifulSoup(client.get("/sitemap.xml").content, "xml")
    paths = set()
    for section in index.find_all("loc"):
        page = BeautifulSoup(client.get(urlsplit(section.text).path).content, "xml")
        paths |= {urlsplit(loc.text).path for loc in page.find_all("loc")}
        paths |= {urlsplit(link["href"]).path for link in page.find_all("xhtml:link")}
    return paths


def test_the_public_addresses_are_those_of_the_snapshot(client, demo_site):
    paths = {path for _language, path in public_paths()} | _sitemap_paths(client)

    expected, found = _matches_snapshot("public_paths.txt", sorted(paths))

    assert found == expected


def test_the_open_data_files_are_byte_for_byte_those_of_the_snapshot(client, demo_site):
    lines = []
    for dataset in DATASETS.values():
        for fmt in dataset.formats:
            for language in LANGUAGES:
                with translation.override(language):
                    url = reverse("exchanges:download", args=[dataset.slug, fmt])
                response = client.get(url)
                assert response.status_code == 200, url
                digest = hashlib.sha256(response.content).hexdigest()
                lines.append(f"{url} {len(response.content)} {digest}")

    expected, found = _matches_snapshot("open_data.sha256", lines)

    assert found == expected
