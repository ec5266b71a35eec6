"""Typo-tolerant Indonesian search over the published services.

The generic machinery (folding, spelling variants, fuzzy matching, the per-process cache) is
`core.textsearch`; this module gives it the catalogue's field weights: a service's name and
other names weigh more than its life events, OPD and summary.
"""

from satupintu.core.textsearch import (
    PHRASE_VARIANTS,
    STOPWORDS,
    WORD_VARIANTS,
    Entry,
    IndexCache,
    fold,
    normalise,
)
from satupintu.core.textsearch import Index as TextIndex

__all__ = [
    "PHRASE_VARIANTS",
    "STOPWORDS",
    "WEIGHTS",
    "WORD_VARIANTS",
    "Entry",
    "Index",
    "IndexCache",
    "fold",
    "normalise",
]

# Weight of a match by where the word was found.
WEIGHTS = {"name": 3.0, "synonyms": 2.5, "events": 1.2, "unit": 1.0, "summary": 1.0}


class Index(TextIndex):
    @classmethod
    def build(cls, rows, weights: dict[str, float] | None = None) -> "Index":
        """`rows`: dicts with id, name, synonyms, summary, unit (names) and events (names)."""
        return super().build(rows, weights or WEIGHTS)
