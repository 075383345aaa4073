"""The address of the person logging in, as django-axes counts failures by it.

The proxy in front (nginx) appends the address it saw to X-Forwarded-For. The
header is read only when the direct peer is a trusted proxy (TRUSTED_PROXIES),
and from the right: each hop added by a trusted proxy is skipped, the first
address a trusted proxy did not add is the client. Whatever a client writes into
the header itself sits further left and is never reached, so nobody can pose as
another address to get new attempts.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def trusted_networks(entries):
    """TRUSTED_PROXIES as networks: addresses (127.0.0.1) or ranges (10.0.0.0/8)."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address, networks):
    return any(address in network for network in networks)


def client_ip(request):
    """The client's address (AXES_CLIENT_IP_CALLABLE)."""
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    remote = request.META.get("REMOTE_ADDR", "")
    current = _address(remote)
    if current is None:
        # No address at all: a Unix socket, so the peer is a local proxy.
        if remote:
            return remote
        current_text = ""
    else:
        current_text = str(current)
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    while hops and (current is None or _is_trusted(current, networks)):
        hop = _address(hops.pop())
        if hop is None:
            break
        current, current_text = hop, str(hop)
    return current_text or remote
