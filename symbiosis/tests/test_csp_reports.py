"""Browsers' reports of Content-Security-Policy violations: collected at our own endpoint,
counted without personal data, bounded, and shown to staff (docs/security.md)."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from symbiosis.security.models import CspReport
from tests.html import soup

pytestmark = pytest.mark.django_db

ENDPOINT = "/csp-report/"

OLD_FORMAT = {
    "csp-report": {
        "document-uri": "https://symbiosis.example.org/da/soeg/?q=jens+hansen#top",
        "referrer": "https://elsewhere.example/?mail=jens@example.org",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; report-uri /csp-report/",
        "blocked-uri": "https://evil.example/steal.js?session=abc123",
        "status-code": 200,
    }
}
REPORTING_API = [
    {
        "type": "csp-violation",
        "age": 10,
        "url": "https://symbiosis.example.org/en/news/?page=2",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156",
        "body": {
            "documentURL": "https://symbiosis.example.org/en/news/?page=2",
            "effectiveDirective": "style-src-attr",
            "blockedURL": "inline",
            "disposition": "enforce",
            "sample": "color: red",
        },
    },
    {"type": "deprecation", "url": "https://symbiosis.example.org/", "body": {}},
]


def post(client, payload, content_type="application/csp-report", **meta):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return client.post(ENDPOINT, body, content_type=content_type, **meta)


def kept():
    return list(
        CspReport.objects.values_list("document_uri", "violated_directive", "blocked_uri", "count")
    )


def test_a_report_uri_report_is_counted_without_query_strings_or_paths_of_what_was_blocked():
    # A browser sends no CSRF token: the endpoint must not ask for one.
    browser = Client(enforce_csrf_checks=True)

    first = post(browser, OLD_FORMAT)
    second = post(browser, OLD_FORMAT)

    assert (first.status_code, second.status_code) == (204, 204)
    assert kept() == [
        ("https://symbiosis.example.org/da/soeg/", "script-src-elem", "https://evil.example", 2)
    ]
    stored = json.dumps(list(CspReport.objects.values()), default=str)
    for personal in ("jens", "abc123", "elsewhere", "127.0.0.1", "Mozilla"):
        assert personal not in stored


def test_a_reporting_api_batch_is_counted_and_other_report_types_ignored(client):
    response = post(client, REPORTING_API, content_type="application/reports+json")

    assert response.status_code == 204
    assert kept() == [("https://symbiosis.example.org/en/news/", "style-src-attr", "inline", 1)]
    assert "color" not in json.dumps(list(CspReport.objects.values()), default=str)


@pytest.mark.parametrize(
    "body",
    [b"not json at all", b"\xff\xfe\x00", b"[" * 4000 + b"]" * 4000, b'{"csp-report": "x"}', b"[]"],
)
def test_a_body_that_is_no_report_is_refused(client, body):
    assert post(client, body).status_code == 400
    assert not CspReport.objects.exists()


def test_a_body_of_another_type_is_refused(client):
    assert post(client, OLD_FORMAT, content_type="text/plain").status_code == 415
    assert client.get(ENDPOINT).status_code == 405


def test_a_body_over_8_kib_is_refused_and_not_stored(client):
    padded = {"csp-report": {**OLD_FORMAT["csp-report"], "script-sample": "x" * 9000}}

    response = post(client, padded)

    assert response.status_code == 413
    assert not CspReport.objects.exists()


def test_one_address_may_send_only_so_many_reports_a_minute(client, settings):
    settings.CSP_REPORTS_PER_MINUTE = 3

    answers = [post(client, OLD_FORMAT, REMOTE_ADDR="203.0.113.9").status_code for _ in range(5)]
    elsewhere = post(client, OLD_FORMAT, REMOTE_ADDR="198.51.100.7")

    assert answers == [204, 204, 204, 429, 429]
    assert elsewhere.status_code == 204
    assert kept()[0][3] == 4  # the refused ones were dropped


def test_new_kinds_stop_being_stored_when_the_table_is_full(client, settings):
    settings.CSP_REPORT_MAX_ROWS = 1
    post(client, OLD_FORMAT)

    post(client, REPORTING_API, content_type="application/reports+json")
    post(client, OLD_FORMAT)

    assert [row[1:] for row in kept()] == [("script-src-elem", "https://evil.example", 2)]


def test_reports_not_seen_for_90_days_are_deleted(client):
    post(client, OLD_FORMAT)
    CspReport.objects.update(last_seen=timezone.now() - timedelta(days=91))

    post(client, REPORTING_API, content_type="application/reports+json")

    assert [row[1] for row in kept()] == ["style-src-attr"]


def test_staff_see_the_reports_in_the_admin_and_cannot_edit_them(client):
    post(client, OLD_FORMAT)
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))

    listing = client.get("/admin/security/cspreport/")

    assert listing.status_code == 200
    cells = [
        td.get_text(strip=True)
        for td in soup(listing).select("#result_list tbody td, #result_list tbody th")
    ]
    assert "https://evil.example" in cells and "script-src-elem" in cells
    assert "https://symbiosis.example.org/da/soeg/" in cells
    assert client.get("/admin/security/cspreport/add/").status_code == 403
    report = CspReport.objects.get()
    change = client.post(
        f"/admin/security/cspreport/{report.pk}/change/", {"blocked_uri": "https://fine.example"}
    )
    assert change.status_code == 403
    assert CspReport.objects.get().blocked_uri == "https://evil.example"


def test_the_policy_names_our_report_endpoint(client):
    response = client.get("/da/")

    directives = dict(
        d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";")
    )
    assert directives["report-uri"] == "/csp-report/"
    assert directives["report-to"] == "csp"
    assert response["Reporting-Endpoints"] == 'csp="http://testserver/csp-report/"'


def _views(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _views(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            yield entry


def test_the_report_endpoint_is_the_only_view_without_csrf_protection():
    exempt = [
        p.name
        for p in _views(get_resolver().url_patterns)
        if getattr(p.callback, "csrf_exempt", False)
    ]

    assert exempt == ["csp-report"]
