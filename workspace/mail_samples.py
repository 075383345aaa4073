"""What the admin's mail preview shows the workspace's mail with: made-up rows
(symbiosis.registry.mail_samples)."""

from datetime import UTC, date, datetime

from symbiosis.registry import mail_samples


@mail_samples.register("workspace_invitation")
def invitation():
    return {
        "name": "Mette Holm",
        "organisation": "Eksempel Energi A/S",
        "url": "https://symbiosis.example.org/da/konto/invitation/eksempel/",
        "expires": datetime(2027, 1, 20, 12, 0, tzinfo=UTC),
    }


@mail_samples.register("workspace_listing_interest")
def listing_interest():
    from listings.models import Kind, Listing, Match
    from partners.models import Partner

    organisation = Partner(name="Eksempel Energi A/S", slug="eksempel-energi")
    listing = Listing(
        pk=4321,
        kind=Kind.OFFER,
        organisation=organisation,
        title_da="Overskudsvarme, 60 °C",
        title_en="Surplus heat, 60 °C",
        category="energy",
        status="published",
        visibility="public",
    )
    other = Listing(
        pk=4322,
        kind=Kind.WANT,
        organisation=Partner(name="Eksempel Gartneri ApS", slug="eksempel-gartneri"),
        title_da="Vi søger lavtemperaturvarme",
        title_en="We need low-grade heat",
        category="energy",
        status="published",
        visibility="anonymous",
    )
    match = Match(
        pk=99,
        offer=listing,
        want=other,
        score="0.640",
        reasons=[{"da": "Samme kategori: energi", "en": "Same category: energy"}],
    )
    return {
        "match": match,
        "listing": listing,
        "other": other,
        "organisation": organisation,
        "name": "Mette Holm",
        "email": "mette.holm@example.org",
        "admin_url": "https://symbiosis.example.org/admin/listings/match/99/change/",
    }


def _round():
    return {
        "name": "Mette Holm",
        "organisation": "Eksempel Energi A/S",
        "year": 2026,
        "deadline": date(2027, 3, 1),
        "message": "Send os jeres tal for 2026 inden 1. marts.",
        "url": "https://symbiosis.example.org/da/konto/organisationer/eksempel-energi/indberetning/2026/",
    }


@mail_samples.register("workspace_round_opened")
def round_opened():
    return _round()


@mail_samples.register("workspace_round_reminder")
def round_reminder():
    return _round()


@mail_samples.register("workspace_round_returned")
def round_returned():
    return {**_round(), "comment": "Dampen er angivet i MWh; skriv den venligst i tons."}


@mail_samples.register("workspace_round_overdue")
def round_overdue():
    return {
        "year": 2026,
        "deadline": date(2027, 3, 1),
        "overdue": [{"name": "Eksempel Energi A/S"}, {"name": "Eksempel Vand A/S"}],
        "admin_url": "https://symbiosis.example.org/admin/workspace/dataround/1/change/",
    }
