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

import re
import threading
import unicodedata
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


@dataclass
class Index:
    entries: list[Entry]
    # word -> {entry position: best field weight}
    postings: dict[str, dict[int, float]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)

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
        index.vocabulary = list(index.postings)
        return index

    def _similar_words(self, word: str) -> dict[str, float]:
        """Index words close to `word`, with a similarity in 0..1."""
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 1.0
        if len(word) >= 3:
            for candidate in self.vocabulary:
                if candidate != word and candidate.startswith(word):
                    found[candidate] = max(found.get(candidate, 0.0), 0.85)
        if len(word) >= 4 and not word.isdigit():
            cutoff = 74 if len(word) <= 5 else 80
            for candidate, score, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            ):
                if candidate.isdigit():
                    continue
                found[candidate] = max(found.get(candidate, 0.0), 0.8 * score / 100)
        return found

    def search(self, query: str) -> tuple[list[int], bool]:
        """Row ids, best first, and whether they match only some of the query's words."""
        words = list(dict.fromkeys(normalise(query, query=True)))[:8]
        if not words:
            return [], False
        scores: dict[int, float] = {}
        matched: dict[int, int] = {}
        for word in words:
            per_entry: dict[int, float] = {}
            for candidate, similarity in self._similar_words(word).items():
                for position, weight in self.postings[candidate].items():
                    value = similarity * weight
                    if value > per_entry.get(position, 0.0):
                        per_entry[position] = value
            for position, value in per_entry.items():
                scores[position] = scores.get(position, 0.0) + value
                matched[position] = matched.get(position, 0) + 1
        if not scores:
            return [], False
        phrase = " ".join(words)
        for position in scores:
            name = self.entries[position].name
            if name == phrase:
                scores[position] += 5.0
            elif phrase in name:
                scores[position] += 3.0
        best_count = max(matched.values())
        partial = best_count < len(words)
        if partial and best_count * 2 < len(words):
            return [], False
        ranked = sorted(
            (p for p in scores if matched[p] == best_count),
            key=lambda p: (-scores[p], self.entries[p].name),
        )
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


class VersionedIndex:
    """The index of one kind of public thing (news, minutes, report summaries), one per
    process, rebuilt when the kind's version key in the shared cache changes.

    `rows()` yields the dicts `Index.build` takes (an `id`, one text per key of `weights`);
    the owner calls `bump()` on every change that could alter them (signals), which changes
    the key now and again after commit, so no process keeps an index of uncommitted data.
    """

    def __init__(self, key: str, weights: dict[str, float], rows: Callable[[], Iterable[dict]]):
        self.key = f"textsearch:{key}:version"
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
