"""Version numbers in the shared cache that say "this kind of data changed".

Per-process search indexes and cached public pages are keyed by such a version: a change
bumps it, and every process sees the new number on its next read and rebuilds. A key the cache
has lost (expiry, flush, a restarted Redis) comes back as a fresh, never-used value, so nothing
built under an older version is reused.
"""

import contextvars
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction

# Versions read at once for one piece of work (`preloaded`): a page that asks several indexes
# makes one cache round trip instead of one per index.
_preloaded: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "versions_preloaded", default=None
)


@contextmanager
def preloaded(keys):
    """Within the block, `current(key)` of these keys answers from one `get_many`."""
    found = {key: value for key, value in cache.get_many(list(keys)).items() if value is not None}
    token = _preloaded.set(found)
    try:
        yield
    finally:
        _preloaded.reset(token)


def current(key: str) -> int:
    memo = _preloaded.get()
    if memo is not None and key in memo:
        return memo[key]
    version = cache.get(key)
    if version is None:
        version = time.time_ns()
        # Two processes may start at once: the first value stored wins for both.
        if not cache.add(key, version, timeout=None):
            version = cache.get(key, version)
    return version


def _set_new(key: str) -> None:
    cache.set(key, time.time_ns(), timeout=None)


def bump(key: str) -> None:
    """Change the version now, for this transaction's own reads, and again after commit, so
    no other process keeps something built from data that was not committed yet."""
    memo = _preloaded.get()
    if memo is not None:
        memo.pop(key, None)
    _set_new(key)
    transaction.on_commit(lambda: _set_new(key))
