"""A generation number for everything the inbox counts. Any saved or deleted letter,
disposition, read receipt, review or recipient moves it on (at once and again after the
commit), so a cached inbox figure is only reused while no letter data has changed since it was
computed. Kept in the shared cache (Redis or the database cache), so every worker agrees."""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

KEY = "letters:generation"
# A figure cached under the current generation is exact; the timeout only bounds the cache size.
TIMEOUT = 15 * 60


def current() -> int:
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, time.time_ns(), None)
        value = cache.get(KEY)
    return value or 0


def bump(**_kwargs) -> None:
    """Move the generation on now (this transaction's own reads) and after the commit (a
    figure another request computed from the data before the commit is dropped)."""

    def _set():
        cache.set(KEY, time.time_ns(), None)

    _set()
    transaction.on_commit(_set)


def connect() -> None:
    from satupintu.letters.models import Disposition, Letter, LetterRead, LetterRecipient, Review

    for model in (Letter, Disposition, LetterRead, Review, LetterRecipient):
        uid = f"letters-freshness-{model.__name__}"
        post_save.connect(bump, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump, sender=model, dispatch_uid=uid + "-delete")
