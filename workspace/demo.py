"""The workspace's demo: one partner contact and an open data round.

`demo-partner` is an editor of Kalundborg Refinery (seven flows in and out), with the
password from DEMO_PARTNER_PASSWORD (`make run` writes it into .env), and signs in on
the workspace's sign-in page with no second factor, as the demo admin does. Without
that variable the account exists with no usable password. The open round is for last
year, due four weeks after the demo was loaded.
"""

import os
from datetime import timedelta

from django.contrib.auth import get_user_model

from partners.models import Partner
from symbiosis import dates
from symbiosis.demo import upsert
from workspace.models import DataRound, Membership, Role

USERNAME = "demo-partner"
PARTNER = "kalundborg-refinery"


def password():
    """DEMO_PARTNER_PASSWORD, when it is long enough to be one."""
    value = os.environ.get("DEMO_PARTNER_PASSWORD", "")
    return value if len(value) >= 12 else ""


def load():
    changed = 0
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=USERNAME,
        defaults={
            "first_name": "Demo",
            "last_name": "Partner",
            "email": "demo-partner@example.org",
            "is_active": True,
        },
    )
    changed += created
    wanted = password()
    if wanted and not user.check_password(wanted):
        user.set_password(wanted)
        user.save(update_fields=["password"])
        changed += 1
    elif not wanted and created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    partner = Partner.objects.get(slug=PARTNER)
    _membership, c = upsert(Membership, {"user": user, "partner": partner}, role=Role.EDITOR)
    changed += c
    year = dates.this_year() - 1
    _round, c = upsert(
        DataRound,
        {"year": year},
        deadline=dates.today() + timedelta(days=28),
        status=DataRound.Status.OPEN,
        message_da=(
            f"Send os jeres årsværdier for {year} for alle strømme ind og ud af jeres "
            "virksomhed. Skriv gerne, hvordan tallene er målt."
        ),
        message_en=(
            f"Please send us your yearly figures for {year} for every flow into and out of "
            "your company, and say how they were measured."
        ),
    )
    changed += c
    return changed
