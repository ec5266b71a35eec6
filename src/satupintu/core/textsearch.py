"""Typo-tolerant Indonesian search on a per-process index: the generic part, shared by the
catalogue (`catalog.search`), news and the public sources of one search (/cari/).

Text is folded (lowercase, accents removed, punctuation to spaces), common Indonesian spelling
variants are mapped to one form (akte → akta, ijin → izin, "kartu keluarga" → kk) and each
query word is matched against the words of a row's fields: exactly, as a prefix (someone still
typing), or with a small edit distance (rapidfuzz). A match counts with the weight of the
field it was found in (`weights`, given per kind of thing: a news title weighs more than its
body). Everything happens in Python, so SQLite and PostgreSQL give the same answers; an
`IndexCache` keeps one index per process and rebuilds it when its owner's version key changes.
"""

import bisect
import itertools
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from satupintu.core import versions

# Spelling variants citizens type, mapped to the form the index uses (word level).
WORD_VARIANTS = {
    "akte": "akta",
    "ijin": "izin",
    "idzin": "izin",
    "sertipikat": "sertifikat",
    "setifikat": "sertifikat",
    "certificate": "sertifikat",
    "surat2": "surat",
    "keterangan2": "keterangan",
    "lahir": "kelahiran",
    "mati": "kematian",
    "meninggal": "kematian",
    "wafat": "kematian",
    "nikah": "perkawinan",
    "kawin": "perkawinan",
    "pernikahan": "perkawinan",
    "pindahan": "pindah",
    "miskin": "sktm",
    "ktpel": "ktp",
    "ektp": "ktp",
}
# Phrases with a one-word form, so "kartu keluarga" and "KK" find the same services: the index
# keeps both the phrase's words and the short form, a query uses the short form.
PHRASE_VARIANTS = [
    ("kartu tanda penduduk elektronik", "ktp"),
    ("kartu tanda penduduk", "ktp"),
    ("ktp el", "ktp"),
    ("e ktp", "ktp"),
    ("kartu keluarga", "kk"),
    ("surat keterangan tidak mampu", "sktm"),
    ("tidak mampu", "sktm"),
    ("surat keterangan catatan kepolisian", "skck"),
    ("kartu kuning", "ak1"),
    ("kartu pencari kerja", "ak1"),
    ("kartu ak 1", "ak1"),
    ("ak 1", "ak1"),
    ("izin usaha mikro kecil", "iumk"),
    ("nomor induk berusaha", "nib"),
]
# Words that say nothing about which service is meant.
STOPWORDS = frozenset(
    [
        "dan",
        "di",
        "ke",
        "yang",
        "untuk",
        "dari",
        "atau",
        "dengan",
        "pada",
        "cara",
        "membuat",
        "buat",
        "bikin",
        "mengurus",
        "urus",
        "pengurusan",
        "bagaimana",
        "saya",
        "ingin",
        "mau",
        "mohon",
        "tolong",
        "the",
        "of",
        "a",
    ]
)

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lowercase, strip accents, punctuation to single spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    if not text.isascii():  # most Indonesian text is: skip the per-character pass (index build)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text.lower()).strip()


def normalise(text: str, *, query: bool = False) -> list[str]:
    """The words of `text`: variants mapped, stopwords dropped.

    A known phrase is replaced by its short form in a query; in the index the short form is
    added after the phrase's own words, so each word of the phrase still finds the service.
    """
    words = [WORD_VARIANTS.get(word, word) for word in fold(text).split()]
    folded = f" {' '.join(words)} "
    extra = []
    for phrase, short in PHRASE_VARIANTS:
        if f" {phrase} " in folded:
            if query:
                folded = folded.replace(f" {phrase} ", f" {short} ")
            else:
                extra.append(short)
    return [word for word in [*folded.split(), *extra] if word not in STOPWORDS]


@dataclass
class Entry:
    id: int
    name: str  # normalised name (the first field of the weights), joined with spaces
    fields: dict[str, list[str]]


# Words whose similar words an index remembers (per index, so per version of the data).
SIMILAR_MEMO_SIZE = 4096


@dataclass
class Index:
    entries: list[Entry]
    # word -> {entry position: best field weight}
    postings: dict[str, dict[int, float]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)  # sorted, for prefix look-ups
    # Words that are not all digits, by length: fuzzy matching only looks at the lengths that
    # can reach its cutoff.
    by_length: dict[int, list[str]] = field(default_factory=dict)
    _similar: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, rows, weights: dict[str, float]) -> "Index":
        """`rows`: dicts with an `id` and one text per key of `weights` (the weight of a match
        in that field). The first key names the thing (its title): a query that is that name,
        or part of it, ranks first."""
        name_key = next(iter(weights))
        index = cls(entries=[])
        for position, row in enumerate(rows):
            fields = {key: normalise(row.get(key, "")) for key in weights}
            index.entries.append(Entry(row["id"], " ".join(fields[name_key]), fields))
            for key, words in fields.items():
                for word in words:
                    best = index.postings.setdefault(word, {})
                    best[position] = max(best.get(position, 0.0), weights[key])
        index.vocabulary = sorted(index.postings)
        for word in index.postings:
            if not word.isdigit():
                index.by_length.setdefault(len(word), []).append(word)
        return index

    def _fuzzy_candidates(self, word: str, cutoff: int) -> list[str]:
        """The words whose length lets `fuzz.ratio` reach `cutoff`: the ratio of lengths a
        and b is at most 200·min(a, b)/(a + b), whatever the letters."""
        size = len(word)
        found = []
        for length, words in self.by_length.items():
            if 200 * min(size, length) >= cutoff * (size + length) - 1:  # - 1: rounding
                found.extend(words)
        return found

    def _similar_words(self, word: str) -> dict[str, float]:
        """Index words close to `word`, with a similarity in 0..1 (remembered per word)."""
        found = self._similar.get(word)
        if found is None:
            found = self._find_similar_words(word)
            if len(self._similar) >= SIMILAR_MEMO_SIZE:
                self._similar.clear()
            self._similar[word] = found
        return found

    def _find_similar_words(self, word: str) -> dict[str, float]:
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 1.0
        if len(word) >= 3:
            start = bisect.bisect_left(self.vocabulary, word)
            for candidate in itertools.islice(self.vocabulary, start, None):
                if not candidate.startswith(word):
                    break
                if candidate != word:
                    found[candidate] = max(found.get(candidate, 0.0), 0.85)
        if len(word) >= 4 and not word.isdigit():
            cutoff = 74 if len(word) <= 5 else 80
            for candidate, score, _ in process.extract(
                word,
                self._fuzzy_candidates(word, cutoff),
                scorer=fuzz.ratio,
                score_cutoff=cutoff,
                limit=None,
            ):
                found[candidate] = max(found.get(candidate, 0.0), 0.8 * score / 100)
        return found

    def _word_scores(self, word: str) -> dict[int, float]:
        """{entry position: how well `word` matches it}, the best of its similar words."""
        similar = self._similar_words(word)
        if len(similar) == 1:
            ((candidate, similarity),) = similar.items()
            return {p: similarity * weight for p, weight in self.postings[candidate].items()}
        per_entry: dict[int, float] = {}
        for candidate, similarity in similar.items():
            for position, weight in self.postings[candidate].items():
                value = similarity * weight
                if value > per_entry.get(position, 0.0):
                    per_entry[position] = value
        return per_entry

    def search(self, query: str) -> tuple[list[int], bool]:
        """Row ids, best first, and whether they match only some of the query's words."""
        words = list(dict.fromkeys(normalise(query, query=True)))[:8]
        if not words:
            return [], False
        per_word = [self._word_scores(word) for word in words]
        # Entries matching every word (the usual case) by set intersection; otherwise count
        # how many words each entry matches and keep those matching the most.
        smallest = min(per_word, key=len)
        best = set(smallest).intersection(*per_word)
        best_count = len(words)
        if not best:
            matched = Counter()
            for scores in per_word:
                matched.update(scores.keys())
            if not matched:
                return [], False
            best_count = max(matched.values())
            best = {position for position, count in matched.items() if count == best_count}
        partial = best_count < len(words)
        if partial and best_count * 2 < len(words):
            return [], False
        phrase = " ".join(words)
        scores: dict[int, float] = {}
        for position in best:
            score = 0.0
            for word_scores in per_word:
                score += word_scores.get(position, 0.0)
            name = self.entries[position].name
            if name == phrase:
                score += 5.0
            elif phrase in name:
                score += 3.0
            scores[position] = score
        ranked = sorted(best, key=lambda p: (-scores[p], self.entries[p].name, p))
        return [self.entries[p].id for p in ranked], partial


class IndexCache:
    """One index per process, rebuilt when the version it was built for is no longer current."""

    def __init__(self):
        self._lock = threading.Lock()
        self._version = None
        self._index: Index | None = None

    def get(self, version, build) -> Index:
        with self._lock:
            if self._index is None or self._version != version:
                self._index = build()
                self._version = version
            return self._index

    def clear(self) -> None:
        with self._lock:
            self._index = None
            self._version = None


_version_keys: list[str] = []


def version_keys() -> list[str]:
    """The version keys of every `VersionedIndex` (to read them at once: `versions.preloaded`)."""
    return list(_version_keys)


class VersionedIndex:
    """The index of one kind of public thing (news, minutes, report summaries), one per
    process, rebuilt when the kind's version key in the shared cache changes.

    `rows()` yields the dicts `Index.build` takes (an `id`, one text per key of `weights`);
    the owner calls `bump()` on every change that could alter them (signals), which changes
    the key now and again after commit, so no process keeps an index of uncommitted data.
    """

    def __init__(self, key: str, weights: dict[str, float], rows: Callable[[], Iterable[dict]]):
        self.key = f"textsearch:{key}:version"
        if self.key not in _version_keys:
            _version_keys.append(self.key)
        self.weights = weights
        self.rows = rows
        self._cache = IndexCache()

    def version(self) -> int:
        return versions.current(self.key)

    def bump(self) -> None:
        versions.bump(self.key)

    def index(self) -> Index:
        return self._cache.get(self.version(), lambda: Index.build(list(self.rows()), self.weights))

    def search(self, query: str) -> list[int]:
        """Ids of the rows matching `query`, best first."""
        return self.index().search(query[:100])[0]
