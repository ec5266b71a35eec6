"""The client's address behind trusted reverse proxies, and the request context for the audit.

One rule for every consumer (audit, rate limits, allauth, axes, DRF, Open311): walk the chain
REMOTE_ADDR ← X-Forwarded-For from the right, and step left only past a hop that is a trusted
proxy (`TRUSTED_PROXIES` networks, or one of the first `TRUSTED_PROXY_COUNT` hops). The first
untrusted hop is the client; whatever a client wrote further left is ignored.
"""

import functools
import ipaddress

from django.conf import settings

from satupintu.core.context import RequestMeta, reset_request_meta, set_request_meta

# Set by ClientAddressMiddleware: the socket peer before REMOTE_ADDR was rewritten.
PEER_META_KEY = "satupintu.peer_addr"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@functools.lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def parse_address(value: str | None) -> Address | None:
    """An address as written by a proxy ("1.2.3.4", "1.2.3.4:80", "[::1]:80"), or None."""
    text = (value or "").strip()
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_address(
    remote_addr: str | None,
    forwarded_for: str | None,
    *,
    proxies: tuple[str, ...] | list[str] = (),
    count: int = 0,
) -> str | None:
    """The client's address from the socket peer and the X-Forwarded-For header."""
    networks = _networks(tuple(proxies))
    hops = [hop for hop in (forwarded_for or "").split(",") if hop.strip()]
    current = parse_address(remote_addr)
    if current is None and count < 1:
        return remote_addr or None  # e.g. a Unix socket with no proxy configured
    index = 0
    while True:
        trusted = index < count or (
            current is not None and any(current in network for network in networks)
        )
        if not trusted or not hops:
            return str(current) if current is not None else (remote_addr or None)
        candidate = parse_address(hops.pop())
        if candidate is None:
            # A trusted proxy wrote something that is not an address: the proxy is all we know.
            return str(current) if current is not None else (remote_addr or None)
        current = candidate
        index += 1


def client_ip(request) -> str | None:
    """The client's address for `request` (AXES_CLIENT_IP_CALLABLE, allauth, DRF, audit)."""
    meta = getattr(request, "META", None) or {}
    if PEER_META_KEY in meta:  # already resolved by ClientAddressMiddleware
        return meta.get("REMOTE_ADDR") or None
    return client_address(
        meta.get("REMOTE_ADDR"),
        meta.get("HTTP_X_FORWARDED_FOR"),
        proxies=settings.TRUSTED_PROXIES,
        count=settings.TRUSTED_PROXY_COUNT,
    )


class ClientAddressMiddleware:
    """First in the chain: REMOTE_ADDR becomes the client's address for everything after it
    (gunicorn leaves the proxy's address there); the peer is kept under PEER_META_KEY."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if PEER_META_KEY not in meta:
            client = client_ip(request)
            meta[PEER_META_KEY] = meta.get("REMOTE_ADDR", "")
            if client:
                meta["REMOTE_ADDR"] = client
        return self.get_response(request)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_request_meta(
            RequestMeta(
                ip=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            )
        )
        try:
            return self.get_response(request)
        finally:
            reset_request_meta(token)
