"""The address of the person logging in, as django-axes counts failures by it.

The proxy in front (nginx) appends the address it saw to X-Forwarded-For. The
header is read only when the direct peer is a trusted proxy (TRUSTED_PROXIES),
and from the right: each hop added by a trusted proxy is skipped, the first
address a trusted proxy did not add is the client (a port after it, as some load
balancers write, `192.0.2.1:51234` or `[2001:db8::1]:443`, is dropped). Whatever a
client writes into the header itself sits further left and is never reached, so
nobody can pose as another address to get new attempts. List each proxy by its
exact address: any machine inside a listed range can name any client address.
"""

import ipaddress
import re
from functools import lru_cache

from django.conf import settings

PORT = re.compile(r":[0-9]{1,5}")


@lru_cache(maxsize=8)
def trusted_networks(entries):
    """TRUSTED_PROXIES as networks: addresses (127.0.0.1) or ranges (10.0.0.0/8)."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _address(text):
    """The address in one hop: `192.0.2.1`, `2001:db8::1`, or with the port some load
    balancers add, `192.0.2.1:51234` and `[2001:db8::1]:443`; None for anything else."""
    text = text.strip()
    if text.startswith("["):  # [IPv6] or [IPv6]:port
        text, bracket, port = text[1:].partition("]")
        if not bracket or (port and not _is_port(port)):
            return None
    elif text.count(":") == 1:  # IPv4:port; a bare IPv6 address has two colons or more
        text, port = text.split(":")
        if not _is_port(":" + port):
            return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_port(text):
    """`:443`: a colon and a port number."""
    return PORT.fullmatch(text) is not None and int(text[1:]) <= 65535


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
