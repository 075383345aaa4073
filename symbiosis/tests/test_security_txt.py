"""/.well-known/security.txt (RFC 9116): where to report a vulnerability, in which
languages, until when the file holds (docs/security.md)."""

from datetime import UTC, datetime, timedelta

import pytest

pytestmark = pytest.mark.django_db

PATH = "/.well-known/security.txt"


def fields(response):
    found = {}
    for line in response.content.decode().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition(": ")
            found.setdefault(name, []).append(value)
    return found


def test_security_txt_names_the_contact_the_languages_and_its_own_address(client, settings):
    settings.SECURITY_CONTACT = "sikkerhed@symbiosis.example.org"
    settings.SITE_URL = "https://symbiosis.example.org"

    response = client.get(PATH)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    found = fields(response)
    assert found["Contact"] == ["mailto:sikkerhed@symbiosis.example.org"]
    assert found["Preferred-Languages"] == ["da, en"]
    assert found["Canonical"] == ["https://symbiosis.example.org/.well-known/security.txt"]


def test_security_txt_expires_in_the_future_and_within_a_year(client):
    found = fields(client.get(PATH))

    (expires,) = found["Expires"]
    moment = datetime.strptime(expires, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now + timedelta(days=7) < moment <= now + timedelta(days=365)


def test_security_txt_falls_back_to_the_secretariats_address(client, settings):
    settings.SECURITY_CONTACT = ""

    found = fields(client.get(PATH))

    assert found["Contact"] == [f"mailto:{settings.SECRETARIAT['email']}"]


def test_security_txt_lives_outside_the_language_prefixes(client):
    assert client.get("/da" + PATH).status_code == 404
    assert client.get("/.well-known/security.txt", HTTP_HOST="evil.example").status_code == 400
