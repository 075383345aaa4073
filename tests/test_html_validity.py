"""Every page is valid HTML according to the Nu HTML checker (vnu-jar from npm)."""

import json
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from tests.pages import public_paths

VNU = settings.BASE_DIR / "node_modules/vnu-jar/build/dist/vnu.jar"


@pytest.mark.slow
@pytest.mark.django_db
def test_every_page_is_valid_html(client, tmp_path):
    java = shutil.which("java")
    assert java and VNU.exists(), "Java and vnu-jar are needed: `make test` installs them"
    call_command("load_demo", verbosity=0)
    pages = [*public_paths(), ("da", "/da/findes-ikke/"), ("en", "/en/no-such-page/")]
    files = {}
    for index, (_language, path) in enumerate(pages):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        file = tmp_path / f"page{index}.html"
        file.write_bytes(response.content)
        files[file] = path

    # Error pages rendered as Django's handlers do: without the request.
    for language in ("da", "en"):
        for template in ("400.html", "403.html", "500.html"):
            with translation.override(language):
                html = render_to_string(template)
            file = tmp_path / f"{language}-{template}"
            file.write_text(html)
            files[file] = f"{template} ({language})"

    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    by_name = {file.name: path for file, path in files.items()}
    errors = []
    for message in messages:
        page = by_name.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
        errors.append(f"{page} line {message.get('lastLine')}: {message['message']}")
    assert errors == [], "\n".join(errors)
