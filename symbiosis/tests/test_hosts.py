"""A request for a host the site does not serve gets the friendly 400 page, never a 500."""

import pytest

from tests.html import soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/da/", "/en/partners/", "/healthz", "/admin/login/"])
def test_an_unknown_host_gets_a_friendly_400(client, path):
    response = client.get(path, headers={"host": "evil.example"})
    assert response.status_code == 400
    if path != "/healthz":
        page = soup(response)
        assert page.h1 is not None
        assert "evil.example" not in response.content.decode()
