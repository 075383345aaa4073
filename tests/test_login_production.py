"""The second security review's login and cache findings against the portal as deployed:
two gunicorn workers with production settings (DEBUG off, two-factor required for
staff), a shared Redis cache, a real SMTP server and the real task worker. The client
comes through the proxy on the same machine, which names it in X-Forwarded-For.

docs/security.md, "Admin login and sessions" and "The page cache"."""

import http.client
import re
import secrets
import subprocess
import sys
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
import redis

from tests.mail import SmtpServer, body
from tests.test_production import (
    BASE_DIR,
    listening_socket,
    manage,
    production_env,
    start_gunicorn,
    wait_until_answering,
)

pytestmark = pytest.mark.slow  # real gunicorn processes, Redis, SMTP and the worker

PASSWORD = "korrekt-hest-batteri-hæfteklamme"
ACCOUNT_LIMIT = 8

MAKE_STAFF = f"""
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice
for name in ("redaktoer", "sikker", "maalet", "kollega"):
    User.objects.create_user(
        name, email=name + "@symbiosis.example.org", password={PASSWORD!r}, is_staff=True
    )
TOTPDevice.objects.create(user=User.objects.get(username="sikker"), name="Telefon")
"""


class Browser:
    """One visitor: cookies kept between requests, from one address (X-Forwarded-For)."""

    def __init__(self, port, address):
        self.port = port
        self.address = address
        self.cookies = {}

    def request(self, method, path, form=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        all_headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            **(headers or {}),
        }
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if form is not None:
            data = urlencode(form).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            all_headers["Origin"] = f"https://127.0.0.1:{self.port}"
            all_headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        response.text = response.read().decode(errors="replace")
        connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def log_in(self, username, password):
        page = self.get("/admin/login/?next=/admin/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request(
            "POST",
            "/admin/login/?next=/admin/",
            form={
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/admin/",
            },
        )


def errornotes(response):
    return re.findall(r'class="errornote"[^>]*>\s*(.*?)\s*</p>', response.text, re.S)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("login-production")
    smtp = SmtpServer().start()
    prefix = f"login-{secrets.token_hex(4)}"
    env = production_env(
        tmp_path,
        CACHE_URL=f"redis://127.0.0.1:6379/0?key_prefix={prefix}",
        MAIL_URL=smtp.url,
        LOGIN_ACCOUNT_FAILURE_LIMIT=str(ACCOUNT_LIMIT),
    )
    for command in (["migrate", "--noinput"], ["load_demo"], ["shell", "-c", MAKE_STAFF]):
        result = manage(env, *command)
        assert result.returncode == 0, result.stderr
    listener = listening_socket()
    port = listener.getsockname()[1]
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    process = start_gunicorn(
        ["symbiosis.wsgi", "--workers", "2", "--threads", "2"], env, log, listener
    )
    assert wait_until_answering(process, port), (tmp_path / "gunicorn.log").read_text()
    store = redis.Redis(host="127.0.0.1", port=6379, db=0)
    yield {"port": port, "env": env, "smtp": smtp, "redis": store, "prefix": prefix}
    process.terminate()
    process.wait(timeout=10)
    log.close()
    for key in store.scan_iter(f"{prefix}:*"):
        store.delete(key)
    smtp.stop()


def run_worker(env):
    result = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_a_wrong_password_gets_one_answer_and_the_code_comes_only_after_the_right_one(deployed):
    port = deployed["port"]
    plain = Browser(port, "192.0.2.10").log_in("redaktoer", "forkert")
    guarded = Browser(port, "192.0.2.11").log_in("sikker", "forkert")
    nobody = Browser(port, "192.0.2.12").log_in("ingen-her", "forkert")

    assert plain.status == guarded.status == nobody.status == 200
    assert errornotes(plain) == errornotes(guarded) == errornotes(nobody)
    assert len(errornotes(plain)) == 1
    assert 'name="code"' not in guarded.text

    visitor = Browser(port, "192.0.2.13")
    right = visitor.log_in("sikker", PASSWORD)
    assert right.status == 302 and right.getheader("Location") == "/admin/login/code/"
    assert 'name="code"' in visitor.get("/admin/login/code/").text
    assert visitor.get("/admin/").status == 302  # not logged in


def test_five_failed_steps_lock_one_address_out_and_not_another(deployed):
    port = deployed["port"]
    guesser = Browser(port, "198.51.100.20")
    answers = [guesser.log_in("redaktoer", f"gæt {n}").status for n in range(5)]

    assert answers == [200, 200, 200, 200, 429]
    locked = guesser.log_in("redaktoer", PASSWORD)
    assert locked.status == 429 and locked.getheader("Retry-After") == "900"
    # Two-factor required in production: the right password leads to the code page.
    elsewhere = Browser(port, "198.51.100.21").log_in("redaktoer", PASSWORD)
    assert elsewhere.status == 302 and elsewhere.getheader("Location") == "/admin/login/code/"


def test_an_ipv6_network_of_64_is_one_client(deployed):
    port = deployed["port"]
    answers = [
        Browser(port, f"2001:db8:aa:1::{n:x}").log_in("kollega", "gæt").status for n in range(1, 6)
    ]

    assert answers[-1] == 429
    assert Browser(port, "2001:db8:aa:1:9::9").log_in("kollega", PASSWORD).status == 429
    next_network = Browser(port, "2001:db8:aa:2::1").log_in("kollega", PASSWORD)
    assert next_network.getheader("Location") == "/admin/login/code/"


def test_one_account_guessed_at_from_many_addresses_is_slowed_down_and_its_owner_told(deployed):
    port = deployed["port"]
    for n in range(ACCOUNT_LIMIT):
        assert Browser(port, f"203.0.113.{n + 1}").log_in("maalet", f"gæt {n}").status == 200

    slowed = Browser(port, "203.0.113.200").log_in("maalet", PASSWORD)

    assert slowed.status == 429
    assert 0 < int(slowed.getheader("Retry-After")) <= 30
    run_worker(deployed["env"])
    [mail] = deployed["smtp"].to("maalet@symbiosis.example.org")
    assert str(ACCOUNT_LIMIT) in body(mail)
    assert PASSWORD not in body(mail)


def cache_keys(deployed):
    return {k.decode() for k in deployed["redis"].scan_iter(f"{deployed['prefix']}:*")}


def test_made_up_queries_and_session_cookies_make_no_new_cache_entries(deployed):
    port = deployed["port"]
    visitor = Browser(port, "192.0.2.50")
    assert visitor.get("/da/partnere/").status == 200
    first_junk = visitor.get("/da/partnere/?flood=0")
    before = cache_keys(deployed)

    answers = [visitor.get(f"/da/partnere/?flood={n}&x={n}") for n in range(1, 60)]
    cookie = Browser(port, "192.0.2.51")
    cookie.cookies["__Host-sessionid"] = secrets.token_hex(16)
    with_made_up_session = cookie.get("/da/partnere/")

    assert first_junk.status == 301 and first_junk.getheader("Location") == "/da/partnere/"
    assert {a.status for a in answers} == {301}
    assert {a.getheader("Location") for a in answers} == {"/da/partnere/"}
    assert with_made_up_session.status == 200
    assert cache_keys(deployed) == before


HOSTILE_QUERIES = [
    "page=-1",
    "page=99999999999999999999",
    "q=%00",
    "q=" + "x" * 3000,
    "year=2019-13-45&category=%3Cscript%3E",
    "kind='%20OR%201=1%20--",
    "a=%zz&&&==&%ff=%fe",
    "sector[]=1&membership=%E2%80%AE",
]
HOSTILE_HEADERS = [
    {"Accept-Language": "x" * 500},
    {"Cookie": "__Host-sessionid=%00; __Host-csrftoken=" + "y" * 4000},
    {"If-None-Match": '"' + "z" * 300},
    {"If-Modified-Since": "yesterday"},
    {"Range": "bytes=999999999-1"},
    {"Accept-Encoding": "gzip;q=abc"},
]


def test_hostile_input_gets_no_server_error(deployed):
    """Every page of the sitemap, with junk in its query and its headers: a page, a
    redirect or a 4xx, never a 5xx."""
    visitor = Browser(deployed["port"], "192.0.2.77")
    index = visitor.get("/sitemap.xml").text
    sections = re.findall(r"<loc>https?://[^/]+(/[^<]+)</loc>", index)
    pages = []
    for section in sections:
        pages += re.findall(r"<loc>https?://[^/]+(/[^<]+)</loc>", visitor.get(section).text)
    pages = sorted(set(pages))[:: max(1, len(pages) // 60)]
    assert len(pages) >= 30

    answers = {}
    for path in pages:
        for query in HOSTILE_QUERIES:
            answers[f"{path}?{query}"] = visitor.get(f"{path}?{query}").status
    for headers in HOSTILE_HEADERS:
        for path in pages[:10]:
            answers[f"{path} {list(headers)}"] = visitor.get(path, headers=headers).status
    for path in pages[:10]:
        answers[f"POST {path}"] = visitor.request("POST", path, form={"x": "1"}).status
    answers["bad host"] = visitor.get("/da/", headers={"Host": "evil.example"}).status

    assert {where: status for where, status in answers.items() if status >= 500} == {}
    assert answers["bad host"] == 400
