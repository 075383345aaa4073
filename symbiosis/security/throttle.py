"""Guessing from many addresses (docs/security.md, "Distributed guessing").

django-axes pauses one username from one address after LOGIN_FAILURE_LIMIT failures.
Two more rules here:

- **An IPv6 client is its /64.** One home or one cloud machine owns 2^64 addresses;
  counted one by one, each would get its own five tries. `lockout_address()` (the
  AXES_CLIENT_IP_CALLABLE) gives the /64's first address for IPv6, the address itself
  for IPv4.
- **One account, many addresses: slowed down, not locked.** When an account has
  collected LOGIN_ACCOUNT_FAILURE_LIMIT failures from any addresses within
  LOGIN_ACCOUNT_WINDOW_MINUTES, each further login for it waits
  LOGIN_ACCOUNT_DELAY_SECONDS after the one before (429 with Retry-After, the password
  not even looked at). Its owner can still log in, only not at a guesser's pace; a
  lock would let anyone lock anyone out. The owner gets a mail when it trips.

Counted in the database (axes' AccessAttempt rows), so every gunicorn worker and
server sees the same numbers.
"""

import ipaddress
import logging
import math
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Sum
from django.utils import timezone

from symbiosis.security.client_ip import client_ip

logger = logging.getLogger(__name__)


def lockout_address(request):
    """The address failures are counted by: an IPv6 client's /64, an IPv4 address."""
    text = client_ip(request)
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return text
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return text


def _recent(username):
    since = timezone.now() - timedelta(minutes=settings.LOGIN_ACCOUNT_WINDOW_MINUTES)
    return AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )


def account_failures(username):
    """Failed logins for `username` from every address within the window."""
    return _recent(username)["failures"] or 0


def wait_seconds(username):
    """How long a login for `username` must wait now (0: it may go ahead)."""
    if not username:
        return 0
    recent = _recent(username)
    if (recent["failures"] or 0) < settings.LOGIN_ACCOUNT_FAILURE_LIMIT:
        return 0
    elapsed = (timezone.now() - recent["last"]).total_seconds()
    return max(0, math.ceil(settings.LOGIN_ACCOUNT_DELAY_SECONDS - elapsed))


def tell_owner_when_it_trips(sender, credentials, request=None, **kwargs):
    """user_login_failed, after axes counted it: the failure that reaches the limit
    mails the account's owner (once per window: the count passes the limit once)."""
    from symbiosis.mail import send_templated

    username = (credentials or {}).get("username")
    if not username or account_failures(username) != settings.LOGIN_ACCOUNT_FAILURE_LIMIT:
        return
    # No username in the log (it is personal data, and often a mistyped password).
    logger.warning(
        "Logins for one account slowed down after %d failures from several addresses",
        settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
    )
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None or not user.email:
        return
    send_templated(
        "login_slowed_down",
        {
            "user": user,
            "failures": settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
            "minutes": settings.LOGIN_ACCOUNT_WINDOW_MINUTES,
            "delay": settings.LOGIN_ACCOUNT_DELAY_SECONDS,
        },
        to=[user.email],
        language=settings.LANGUAGE_CODE,
    )
