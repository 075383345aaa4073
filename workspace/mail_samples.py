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
