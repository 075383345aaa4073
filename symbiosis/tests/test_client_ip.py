"""The client's address behind proxies (docs/security.md, "The client's address behind the
proxy"): hops written with a port, as some load balancers do, are the address without it."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import RequestFactory

from symbiosis.security.client_ip import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "korrekt-hest-batteri-hæfteklamme"
NGINX = "127.0.0.1"
LOAD_BALANCER = "10.1.2.3"


@pytest.fixture(autouse=True)
def _quick_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor():
    return User.objects.create_user("redaktoer", password=PASSWORD, is_staff=True)


def log_in(client, forwarded, password=PASSWORD):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "redaktoer", "password": password, "next": "/admin/"},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def address(forwarded, remote=NGINX):
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded))


def test_a_forwarded_address_with_a_port_is_the_address_without_it(settings):
    settings.TRUSTED_PROXIES = [NGINX, LOAD_BALANCER]

    assert address("203.0.113.7:51234") == "203.0.113.7"
    assert address("[2001:db8::1]:443") == "2001:db8::1"
    assert address("[2001:db8::1]") == "2001:db8::1"
    assert address("2001:db8::1") == "2001:db8::1"
    # Client → load balancer (writes ports) → nginx: the load balancer's own hop is skipped.
    assert address("203.0.113.7:51234, 10.1.2.3:8080") == "203.0.113.7"
    assert address("6.6.6.6, [2001:db8::7]:443, 10.1.2.3") == "2001:db8::7"


@pytest.mark.parametrize(
    "hop",
    [
        "203.0.113.7:",
        "203.0.113.7:99999",
        "203.0.113.7:80:80",
        "203.0.113.7:http",
        "203.0.113.7:٤٤٣",  # Arabic-Indic digits: not a port
        "[2001:db8::1",
        "[2001:db8::1]443",
        "[2001:db8::1]:",
        "[not-an-address]:443",
        "host.example:443",
    ],
)
def test_a_hop_that_is_not_an_address_and_port_is_not_believed(settings, hop):
    settings.TRUSTED_PROXIES = [NGINX]

    assert address(hop) == NGINX


def test_behind_a_load_balancer_that_writes_ports_each_client_is_counted_apart(
    client, editor, settings
):
    settings.TRUSTED_PROXIES = [NGINX, LOAD_BALANCER]
    answers = [
        log_in(client, f"203.0.113.7:{50000 + n}, {LOAD_BALANCER}:8080", password="wrong")
        for n in range(5)
    ]
    assert answers[-1].status_code == 429
    # A new port is not a new client: the right password is still refused.
    assert log_in(client, f"203.0.113.7:60000, {LOAD_BALANCER}:8080").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}

    colleague = log_in(client, f"203.0.113.8:443, {LOAD_BALANCER}:8080")

    assert colleague.status_code == 302
