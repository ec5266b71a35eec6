"""The shared cache on a real Redis (Debian's redis-server on loopback): limits and locks are
shared by every process; Redis down keeps the site serving, but SMS fail closed."""

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from satupintu.core import cache as shared_cache
from satupintu.core import ratelimit
from satupintu.notifications import sms
from satupintu.notifications.channels import DeliveryError
from satupintu.notifications.channels import send_sms as channel_send_sms
from satupintu.testing import servers


def _redis_caches(server) -> dict:
    return {
        "default": {
            "BACKEND": "satupintu.core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "KEY_PREFIX": "sp-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }


@pytest.fixture
def redis_cache(settings, redis_server):
    settings.CACHES = _redis_caches(redis_server)
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def stopped_redis(settings):
    """Settings pointing at a Redis that is not running (nothing listens on the port)."""
    dead = servers.Server(process=None, port=servers.free_port(), directory=None)
    settings.CACHES = _redis_caches(dead)
    yield caches["default"]


def _request(address="10.1.2.3"):
    request = RequestFactory().post("/aduan/baru/", REMOTE_ADDR=address)
    request.session = {}
    return request


def test_values_counts_and_locks_are_shared_between_processes(redis_cache, redis_server):
    # A second client (another gunicorn worker or node) sees the same values.
    from satupintu.core.cache import ResilientRedisCache

    other = ResilientRedisCache(
        f"redis://127.0.0.1:{redis_server.port}/0", {"KEY_PREFIX": "sp-test"}
    )
    redis_cache.set("sp:probe", {"a": 1}, 60)
    assert other.get("sp:probe") == {"a": 1}
    assert redis_cache.add("lock", 1, 10) is True
    assert other.add("lock", 1, 10) is False  # the lock is held
    redis_cache.set("sp:probe:n", 1)
    assert other.incr("sp:probe:n", 2) == 3
    assert shared_cache.available() is True
    assert shared_cache.status()["ok"] is True

    # Rate limits count across processes: the fourth sign-up from one session is refused.
    request = _request()
    for _ in range(3):
        assert ratelimit.hit(request, "signup") is None
    assert ratelimit.hit(request, "signup") is not None


def test_sms_budget_counts_on_redis(redis_cache, settings):
    settings.SMS_DAILY_BUDGET = 2
    sms.send_sms("+6281234567890", "satu")
    sms.send_sms("+6281234567890", "dua")
    with pytest.raises(sms.SmsBudgetExhausted):
        sms.send_sms("+6281234567890", "tiga")
    assert sms.sent_today() == 2 and len(sms.outbox) == 2


@pytest.mark.django_db
def test_redis_down_the_site_keeps_serving_limits_fail_open(stopped_redis, client):
    assert stopped_redis.get("anything", "default") == "default"
    stopped_redis.set("anything", 1)  # dropped, no error
    assert stopped_redis.add("lock", 1) is True
    assert shared_cache.available() is False
    assert shared_cache.status()["ok"] is False

    assert client.get("/").status_code == 200
    assert client.get("/lacak/").status_code == 200
    # Free actions are let through uncounted.
    assert ratelimit.hit(_request(), "complaint") is None


def test_redis_down_sms_and_code_limits_fail_closed(stopped_redis):
    refusal = ratelimit.hit(_request(), "otp", key="+6281234567890")
    assert refusal is not None
    assert "tidak dapat menghitung batas" in refusal.message
    assert ratelimit.hit(_request(), "send_link", key="budi@contoh.id") is not None

    with pytest.raises(sms.SmsUnavailable):
        sms.send_sms("+6281234567890", "kode 1234")
    assert sms.outbox == []
    # The delivery task sees a failed delivery and retries later; nothing is sent.
    with pytest.raises(DeliveryError):
        channel_send_sms("+6281234567890", "", "pesan")
    assert sms.outbox == []


def test_redis_restarted_is_used_again(settings, redis_server):
    server = servers.start_redis()
    try:
        settings.CACHES = _redis_caches(server)
        cache = caches["default"]
        cache.set("k", 1)
        server.kill()
        assert cache.get("k") is None
        assert shared_cache.available() is False
        restarted = servers.start_redis(port=server.port)
        try:
            cache._down_until = 0.0  # the breaker's few seconds, skipped
            assert shared_cache.available() is True
            cache.set("k", 2)
            assert cache.get("k") == 2
        finally:
            restarted.stop()
    finally:
        server.stop()
