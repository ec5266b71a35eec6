"""A per-minute counter in the shared cache: enough to slow down an abusive client.

Limits can be changed with settings (read at call time): OPEN311_READS_PER_MINUTE per IP
address, OPEN311_WRITES_PER_MINUTE per API key, OPEN311_BAD_KEYS_PER_MINUTE per IP address.
"""

import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60
DEFAULTS = {
    "OPEN311_READS_PER_MINUTE": 300,
    "OPEN311_WRITES_PER_MINUTE": 60,
    "OPEN311_BAD_KEYS_PER_MINUTE": 20,
}


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


def _now() -> float:
    return time.time()


def _key(scope: str, who: str) -> str:
    return f"open311:{scope}:{who}:{int(_now() // WINDOW_SECONDS)}"


def count(scope: str, who: str) -> int:
    """Add one hit for `who` in this minute and return the minute's total."""
    key = _key(scope, who)
    if cache.add(key, 1, timeout=WINDOW_SECONDS + 5):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        return 1


def over(scope: str, who: str, setting: str) -> bool:
    return count(scope, who) > limit(setting)


def exceeded(scope: str, who: str, setting: str) -> bool:
    """True when `who` already used up this minute's allowance (does not count a hit)."""
    return (cache.get(_key(scope, who)) or 0) >= limit(setting)


def retry_after() -> int:
    return WINDOW_SECONDS - int(_now()) % WINDOW_SECONDS
