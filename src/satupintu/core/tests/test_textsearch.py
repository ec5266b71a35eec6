"""The shared typo-tolerant index (`core.textsearch`): what a search costs once the index is
built (issue #12), and that the cheaper look-ups find what the full scans found."""

from rapidfuzz import fuzz
from rapidfuzz import process as rapidfuzz_process

from satupintu.core import textsearch
from satupintu.core.textsearch import Index

WEIGHTS = {"name": 3.0, "summary": 1.0}
ROWS = [
    {"id": 1, "name": "Pembangunan Jalan Sepinggan", "summary": "jalan lingkungan"},
    {"id": 2, "name": "Pembangunan Drainase", "summary": "saluran di Sepinggan Baru"},
    {"id": 3, "name": "Akta Kelahiran", "summary": "pencatatan sipil"},
    {"id": 4, "name": "Jalan", "summary": "pemeliharaan jalan kota 2026"},
    {"id": 5, "name": "Rehabilitasi Jembatan", "summary": "keselamatan lalu lintas " * 3},
]


def _brute_similar(index: Index, word: str) -> dict[str, float]:
    """What `_similar_words` found before: a scan of every word of the index."""
    found = {word: 1.0} if word in index.postings else {}
    if len(word) >= 3:
        for candidate in index.postings:
            if candidate != word and candidate.startswith(word):
                found[candidate] = max(found.get(candidate, 0.0), 0.85)
    if len(word) >= 4 and not word.isdigit():
        cutoff = 74 if len(word) <= 5 else 80
        for candidate in index.postings:
            score = fuzz.ratio(word, candidate)
            if score >= cutoff and not candidate.isdigit():
                found[candidate] = max(found.get(candidate, 0.0), 0.8 * score / 100)
    return found


def test_typos_prefixes_and_partial_matches_are_found():
    index = Index.build(ROWS, WEIGHTS)
    assert index.search("pembangunn jalan sepinggan") == ([1], False)
    assert index.search("akte lahir") == ([3], False)
    assert index.search("pemba") == ([2, 1], False)  # still typing; equal scores by name
    assert index.search("jalan") == ([4, 1], False)  # the name first
    assert index.search("jembatan tol") == ([5], True)
    assert index.search("xyzzy qwerty") == ([], False)


def test_the_cheaper_look_ups_find_what_a_full_scan_finds():
    index = Index.build(ROWS, WEIGHTS)
    for word in index.postings:
        for typed in {word, word[:3], word[:-1], word[1:], word + "x", word[:2] + word[3:]}:
            assert index._similar_words(typed) == _brute_similar(index, typed), typed


def test_similar_words_are_looked_up_once_per_index(monkeypatch):
    index = Index.build(ROWS, WEIGHTS)
    seen = []
    extract = rapidfuzz_process.extract

    def counting(word, choices, **kwargs):
        seen.append((word, list(choices)))
        return extract(word, choices, **kwargs)

    monkeypatch.setattr(textsearch.process, "extract", counting)
    first = index.search("pembangunn jalan")
    assert index.search("pembangunn jalan") == first
    assert [word for word, _ in seen] == ["pembangunn", "jalan"]
    # Fuzzy matching only compares words whose length can reach the cutoff.
    choices = dict(seen)
    assert "pembangunan" in choices["pembangunn"]
    assert "jalan" not in choices["pembangunn"] and "keselamatan" not in choices["jalan"]


def test_versions_of_one_search_are_read_at_once(db, monkeypatch):
    from django.core.cache import cache

    from satupintu.core import versions

    first, second = versions.current("test:a"), versions.current("test:b")
    reads = []
    real_get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *a, **k: reads.append(key) or real_get(key, *a))
    with versions.preloaded(["test:a", "test:b"]):
        reads.clear()  # the one get_many (which locmem answers key by key)
        assert (versions.current("test:a"), versions.current("test:b")) == (first, second)
        assert reads == []
        versions.bump("test:a")  # a change within the block is seen at once
        assert versions.current("test:a") != first and set(reads) == {"test:a"}
