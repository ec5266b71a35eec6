"""The shared cache on Redis, and what happens when Redis is down.

`ResilientRedisCache` is Django's RedisCache that does not take the site down with it: when
Redis does not answer, a read is a miss, a write is dropped, and for a few seconds
(`RETRY_AFTER_SECONDS`) no call even tries, so pages keep their speed instead of waiting for
a timeout on every call. The error is logged once per outage.

What the cache holds is rebuilt from the database (catalogue version, holiday table) or is a
limit. Limits fail open, except those on writes that cost money: `available()` tells the
callers that must fail closed (SMS: `notifications.sms.send_sms`, and the actions listed in
RATE_LIMITS_FAIL_CLOSED, see core.ratelimit) that the cache cannot count for them right now.
"""

import logging
import threading
import time

from django.core.cache import cache as default_cache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("satupintu.cache")

RETRY_AFTER_SECONDS = 5.0


def _redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.RedisError, OSError)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._lock = threading.Lock()
        self._errors = _redis_errors()

    # --- the breaker ------------------------------------------------------------------------

    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self, exc: BaseException) -> None:
        with self._lock:
            was_up = not self.is_down()
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
        if was_up:
            logger.error("cache unavailable, serving without it: %s", exc.__class__.__name__)

    def _call(self, fallback, method, *args, **kwargs):
        if self.is_down():
            return fallback
        try:
            return method(*args, **kwargs)
        except self._errors as exc:
            self._failed(exc)
            return fallback

    def ping(self) -> bool:
        """Whether Redis answers now (and reset the breaker when it does)."""
        try:
            self._cache.get_client(write=True).ping()
        except self._errors as exc:
            self._failed(exc)
            return False
        self._down_until = 0.0
        return True

    # --- the cache API, each call guarded ---------------------------------------------------

    def add(self, key, value, timeout=None, version=None):
        # A lock taken while Redis is down is granted: waiting on it would only slow pages.
        return self._call(True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=None, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        if self.is_down():
            raise ValueError("cache unavailable")
        try:
            return super().incr(key, delta, version)
        except self._errors as exc:
            self._failed(exc)
            raise ValueError("cache unavailable") from exc

    def set_many(self, data, timeout=None, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)


def available(cache=None) -> bool:
    """Whether the shared cache can keep a count right now. Backends without a breaker
    (database, memory) are always available here: their failures raise as usual."""
    cache = cache or default_cache
    ping = getattr(cache, "ping", None)
    if ping is None:
        return True
    if getattr(cache, "is_down", lambda: False)():
        return False
    return ping()


def status() -> dict:
    """For /healthz and /metrics."""
    backend = "redis" if hasattr(default_cache, "ping") else "local"
    try:
        if backend == "redis":
            ok = available()
        else:
            default_cache.set("sp:health:probe", 1, 10)
            ok = default_cache.get("sp:health:probe") == 1
    except Exception:  # noqa: BLE001 - any failure of the cache is "not ok" here
        ok = False
    return {"ok": ok, "backend": backend}
