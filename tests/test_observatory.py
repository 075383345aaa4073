"""Security headers and cookies as a browser receives them, and the HTTP Observatory's grade.

Real gunicorn processes with production settings (DEBUG off): the cookies of the
admin's login, of the session and of the language switch, the headers on a page,
on the admin, on static files and on uploads; then the Mozilla HTTP Observatory's
own scanner run over TLS against the demo site (scripts/observatory.py).
"""

import http.client
import re
import subprocess
import sys
import urllib.parse
from http.cookies import SimpleCookie

import pytest
from django.conf import settings

from tests.test_production import Server, manage, production_env

pytestmark = pytest.mark.slow  # real gunicorn processes

PASSWORD = "observatory-demo-password-42"
ONE_YEAR = 31_536_000


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("headers")
    env = production_env(tmp_path, DEMO_ADMIN_PASSWORD=PASSWORD)
    for command in (["migrate", "--noinput"], ["demo_admin", "--i-know-this-is-not-development"]):
        result = manage(env, *command)
        assert result.returncode == 0, result.stderr
    (tmp_path / "media/press").mkdir(parents=True)
    (tmp_path / "media/press/page.html").write_bytes(b"<script>alert(1)</script>")
    server = Server(env, tmp_path / "gunicorn.log")
    yield server
    server.stop()


def request(site, method, path, *, cookies=None, form=None):
    """One request as the TLS proxy forwards it; returns (response, {name: Morsel})."""
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=20)
    origin = f"https://127.0.0.1:{site.port}"
    headers = {"Host": f"127.0.0.1:{site.port}", "X-Forwarded-Proto": "https"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v.value}" for k, v in cookies.items())
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers |= {"Content-Type": "application/x-www-form-urlencoded", "Referer": origin + path}
        headers["Origin"] = origin
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    jar = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            jar.update(SimpleCookie(value))
    return response, jar


def assert_locked_down(cookie, *, httponly=True):
    assert cookie["secure"] is True  # sent over HTTPS only
    assert cookie["samesite"] == "Lax"  # not sent with another site's POSTs
    assert cookie["httponly"] is httponly  # out of reach of scripts


def test_the_login_session_and_language_cookies_are_secure(site):
    response, cookies = request(site, "GET", "/admin/login/")
    assert response.status == 200
    csrf = cookies["__Host-csrftoken"]  # Secure, Path=/, no Domain (settings)
    assert_locked_down(csrf)  # CSRF_COOKIE_HTTPONLY: the admin reads the token from its form
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.body).group(1)

    response, switched = request(
        site,
        "POST",
        "/i18n/setlang/",
        cookies=cookies,
        form={"language": "en", "next": "/admin/", "csrfmiddlewaretoken": token.decode()},
    )
    assert response.status == 302
    assert switched[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert_locked_down(switched[settings.LANGUAGE_COOKIE_NAME])

    response, login = request(
        site,
        "POST",
        "/admin/login/?next=/admin/",
        cookies=cookies,
        form={"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": token.decode()},
    )
    assert response.status == 302, response.body[:2000]
    assert_locked_down(login["__Host-sessionid"])


def headers_of(response):
    return {k.lower(): v for k, v in response.getheaders()}


def csp_directives(value):
    return dict([*d.strip().split(" ", 1), ""][:2] for d in value.split(";"))


@pytest.mark.parametrize("path", ["/da/", "/admin/login/"])
def test_pages_carry_a_strict_policy_and_the_other_headers(site, path):
    response, _cookies = request(site, "GET", path)
    assert response.status == 200
    headers = headers_of(response)
    assert headers["strict-transport-security"] == (
        f"max-age={ONE_YEAR}; includeSubDomains; preload"
    )
    csp = csp_directives(headers["content-security-policy"])
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["default-src"] == "'self'"
    # Scripts from the site itself or carrying this response's nonce; nothing inline.
    script_sources = csp["script-src"].split()
    assert script_sources[0] == "'self'"
    assert all(s == "'self'" or re.fullmatch(r"'nonce-[\w+/=-]+'", s) for s in script_sources)
    assert "unsafe" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert headers["cross-origin-resource-policy"] == "same-origin"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_static_files_carry_the_headers_too(site):
    stylesheet = next((settings.STATIC_ROOT / "css").glob("site.*.css")).name
    response, _cookies = request(site, "GET", f"/static/css/{stylesheet}")
    assert response.status == 200
    headers = headers_of(response)
    assert headers["strict-transport-security"].startswith(f"max-age={ONE_YEAR}")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cross-origin-resource-policy"] == "same-origin"


def test_an_html_file_in_media_is_a_download_in_a_sandbox(site):
    response, _cookies = request(site, "GET", "/media/press/page.html")
    assert response.status == 200
    headers = headers_of(response)
    assert headers["content-type"] == "application/octet-stream"
    assert headers["content-disposition"] == 'attachment; filename="page.html"'
    assert headers["x-content-type-options"] == "nosniff"
    csp = csp_directives(headers["content-security-policy"])
    assert csp["default-src"] == "'none'" and "sandbox" in csp


def test_the_http_observatory_grades_the_demo_site_a_plus():
    result = subprocess.run(
        [sys.executable, "scripts/observatory.py"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    grade = re.search(
        r"^grade (\S+), score (\d+) \((\d+) of (\d+) tests passed\)$", result.stdout, re.M
    )
    assert grade, result.stdout
    assert grade.group(1) == "A+"
    assert int(grade.group(2)) >= 100
    assert grade.group(3) == grade.group(4)  # every test passed
    assert "FAIL" not in result.stdout
