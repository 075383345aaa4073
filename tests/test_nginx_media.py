"""The nginx block for `/media/` in the README, the headers docs/security.md says uploads get,
and what Django's own media view sends (SERVE_MEDIA=on) must say the same thing: whoever
moves uploads to nginx keeps every header (docs/security.md, "How uploads are served")."""

import re

import pytest
from django.conf import settings
from PIL import Image

from symbiosis.site.views import MEDIA_INLINE_TYPES

pytestmark = pytest.mark.django_db

ADD_HEADER = re.compile(r'^\s*add_header\s+(\S+)\s+("[^"]*"|\S+)\s+always;', re.MULTILINE)
# Headers that describe one answer, not a policy: nginx writes its own.
PER_ANSWER = {
    "content-type",
    "content-length",
    "last-modified",
    "vary",
    "content-language",
    "x-request-id",
    # Where the pages' CSP reports go; the media policy sends none.
    "reporting-endpoints",
    # A download or not: nginx decides by the name ($media_disposition), checked below.
    "content-disposition",
}


def nginx_blocks(document):
    text = (settings.BASE_DIR / document).read_text()
    return re.findall(r"```nginx\n(.*?)```", text, re.DOTALL)


def media_block(document):
    (block,) = [b for b in nginx_blocks(document) if "Content-Security-Policy" in b]
    return block


def headers_in(block):
    return {name.lower(): value.strip('"') for name, value in ADD_HEADER.findall(block)}


def django_answer(client, name):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    if name.endswith(".png"):
        Image.new("RGB", (4, 4), "green").save(settings.MEDIA_ROOT / name)
    else:
        (settings.MEDIA_ROOT / name).write_bytes(b"%PDF-1.4\n" if name.endswith(".pdf") else b"x")
    response = client.get(f"/media/{name}", secure=True)
    assert response.status_code == 200
    response.close()  # the file it streams
    return response


def test_the_readme_nginx_media_block_sends_the_headers_django_sends(client):
    readme = headers_in(media_block("README.md"))
    documented = headers_in(media_block("docs/security.md"))
    answer = django_answer(client, "photo.png")
    django = {k.lower(): v for k, v in answer.headers.items() if k.lower() not in PER_ANSWER}

    assert readme == documented
    assert readme.pop("content-disposition") == "$media_disposition"
    assert readme == django
    assert {"content-security-policy", "x-content-type-options"} <= set(readme)


def test_the_readme_nginx_media_block_shows_images_and_makes_everything_else_a_download(client):
    block = media_block("README.md")
    (pattern,) = re.findall(r"map \$uri \$media_disposition \{\s*~\*(\S+) \"\";", block)
    types = dict(
        (extension, mime)
        for mime, extensions in re.findall(r"([a-z]+/[a-z]+) ([a-z ]+);", block)
        for extension in extensions.split()
    )

    assert "default attachment;" in block and "default_type application/octet-stream;" in block
    assert set(types.values()) == MEDIA_INLINE_TYPES | {"application/pdf"}
    for name in ["photo.png", "photo.JPG", "scan.jpeg", "logo.webp", "report.pdf", "page.html"]:
        shown_by_nginx = re.search(pattern, f"/media/{name}", re.IGNORECASE) is not None
        django = django_answer(client, name)
        downloaded_from_django = django.get("Content-Disposition", "").startswith("attachment")
        assert shown_by_nginx is not downloaded_from_django, name
    assert re.search(r"location ~ /\\\. \{ return 404; \}", block)  # no .env, no .git
    assert "disable_symlinks on;" in block
