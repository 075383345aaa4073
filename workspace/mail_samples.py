"""What the admin's mail preview shows the workspace's mail with: made-up rows
(symbiosis.registry.mail_samples)."""

from datetime import UTC, datetime

from symbiosis.registry import mail_samples


@mail_samples.register("workspace_invitation")
def invitation():
    return {
        "name": "Mette Holm",
        "organisation": "Eksempel Energi A/S",
        "url": "https://symbiosis.example.org/da/konto/invitation/eksempel/",
        "expires": datetime(2027, 1, 20, 12, 0, tzinfo=UTC),
    }
