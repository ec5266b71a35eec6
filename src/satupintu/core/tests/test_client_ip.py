"""The client's address behind (and without) trusted reverse proxies: one rule everywhere."""

import random

import pytest
from allauth.account.adapter import get_adapter
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
from rest_framework.settings import api_settings

from satupintu.core import throttling
from satupintu.core.context import current_request_meta
from satupintu.core.middleware import (
    ClientAddressMiddleware,
    RequestContextMiddleware,
    client_address,
    client_ip,
)

SPOOFED = "203.0.113.66"


def _random_address() -> str:
    return ".".join(str(random.randint(1, 254)) for _ in range(4))


# --- The rule ----------------------------------------------------------------------------------


def test_without_trusted_proxies_the_socket_peer_is_the_client():
    assert client_address("127.0.0.1", SPOOFED) == "127.0.0.1"
    assert client_address("198.51.100.7", f"{SPOOFED}, 10.0.0.1") == "198.51.100.7"


def test_a_trusted_proxy_hands_over_the_hop_it_added():
    assert client_address("10.0.0.2", "198.51.100.7", proxies=["10.0.0.0/24"]) == "198.51.100.7"


def test_only_hops_added_by_trusted_proxies_are_believed():
    # The client wrote SPOOFED itself; nginx appended the address it saw.
    chain = f"{SPOOFED}, 198.51.100.7"
    assert client_address("10.0.0.2", chain, proxies=["10.0.0.2"]) == "198.51.100.7"
    # Two trusted proxies (a load balancer, then nginx).
    chain = f"{SPOOFED}, 198.51.100.7, 10.0.0.9"
    assert client_address("10.0.0.2", chain, proxies=["10.0.0.0/24"]) == "198.51.100.7"


def test_proxy_count_trusts_that_many_hops_from_the_right():
    chain = f"{SPOOFED}, 198.51.100.7"
    assert client_address("10.0.0.2", chain, count=1) == "198.51.100.7"
    assert client_address("10.0.0.2", f"{SPOOFED}, 198.51.100.7, 10.9.9.9", count=2) == (
        "198.51.100.7"
    )
    # A request that reached the application without passing the proxy: the peer is the client.
    assert client_address("198.51.100.7", None, count=1) == "198.51.100.7"


def test_garbage_where_a_proxy_should_have_written_an_address_gives_the_proxy():
    assert client_address("10.0.0.2", "<script>", proxies=["10.0.0.2"]) == "10.0.0.2"


def test_ports_brackets_and_mapped_ipv4_are_understood():
    assert client_address("10.0.0.2", "198.51.100.7:4444", count=1) == "198.51.100.7"
    assert client_address("10.0.0.2", "[2001:db8::1]:443", count=1) == "2001:db8::1"
    assert client_address("::ffff:10.0.0.2", "198.51.100.7", proxies=["10.0.0.2"]) == (
        "198.51.100.7"
    )


# --- Every consumer uses it --------------------------------------------------------------------


def _through_middleware(request):
    seen = {}

    def view(req):
        seen["audit_ip"] = current_request_meta().ip
        seen["remote_addr"] = req.META["REMOTE_ADDR"]
        return None

    ClientAddressMiddleware(RequestContextMiddleware(view))(request)
    return seen


def test_spoofed_forwarded_for_is_ignored_without_a_trusted_proxy():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=SPOOFED, REMOTE_ADDR="198.51.100.7")

    seen = _through_middleware(request)

    assert seen == {"audit_ip": "198.51.100.7", "remote_addr": "198.51.100.7"}
    assert client_ip(request) == "198.51.100.7"
    assert get_client_ip_address(request) == "198.51.100.7"  # axes
    assert get_adapter().get_client_ip(request) == "198.51.100.7"  # allauth


def test_behind_a_trusted_proxy_every_consumer_sees_the_real_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR=f"{SPOOFED}, 198.51.100.7", REMOTE_ADDR="10.1.2.3"
    )

    seen = _through_middleware(request)

    assert seen == {"audit_ip": "198.51.100.7", "remote_addr": "198.51.100.7"}
    assert client_ip(request) == "198.51.100.7"
    assert get_client_ip_address(request) == "198.51.100.7"
    assert get_adapter().get_client_ip(request) == "198.51.100.7"
    assert throttling.AnonRateThrottle().get_ident(request) == "198.51.100.7"


@pytest.fixture
def three_a_minute(monkeypatch):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/min"}
    monkeypatch.setattr(throttling.AnonRateThrottle, "THROTTLE_RATES", rates)


@pytest.mark.django_db
def test_drf_throttle_is_not_bypassed_by_random_forwarded_for_headers(client, three_a_minute):
    statuses = [
        client.get("/api/v1/dapil/", HTTP_X_FORWARDED_FOR=_random_address()).status_code
        for _ in range(20)
    ]

    assert statuses[:3] == [200, 200, 200]
    assert set(statuses[3:]) == {429}


@pytest.mark.django_db
def test_drf_throttle_counts_each_real_client_behind_a_trusted_proxy(
    client, settings, three_a_minute
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]

    first = [
        client.get("/api/v1/dapil/", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code
        for _ in range(4)
    ]
    other = client.get("/api/v1/dapil/", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code

    assert first == [200, 200, 200, 429]
    assert other == 200
