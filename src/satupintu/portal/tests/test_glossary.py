"""The English catalogue follows docs/glossary-en.csv: one English term per Indonesian term.

For every glossary row and every catalogue entry whose msgid contains the Indonesian term (as a
word, any case) — and, when the row names a context, whose msgctxt is that context — the English
text uses the agreed term and none of the forbidden variants. A word with several meanings
(Masuk: "sign in" or "received"…) must carry one of its contexts wherever it stands alone.
"""

import csv
import re
from functools import cache
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from satupintu.complaints.workflow import Status as ComplaintStatus

ROOT = Path(settings.BASE_DIR)
GLOSSARY = ROOT / "docs" / "glossary-en.csv"
PO_PATH = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


@cache
def rows() -> list[dict]:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(PO_PATH))


def word(term: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE)


def alternatives(spec: str) -> re.Pattern | None:
    """`a|b c` as a case-insensitive pattern matching any of the phrases as words."""
    if not spec.strip():
        return None
    return re.compile(rf"(?<![\w-])(?:{spec})", re.IGNORECASE)


def sources(entry) -> list[str]:
    return [entry.msgid, *([entry.msgid_plural] if entry.msgid_plural else [])]


def translations(entry) -> list[str]:
    if entry.msgid_plural:
        return [text for _form, text in sorted(entry.msgstr_plural.items())]
    return [entry.msgstr]


def violations(po, row) -> list[tuple]:
    term = word(row["indonesian"])
    required = alternatives(row["english"])
    forbidden = alternatives(row["forbidden"])
    found = []
    for entry in po:
        if row["context"] and entry.msgctxt != row["context"]:
            continue
        if not any(term.search(text) for text in sources(entry)):
            continue
        for text in translations(entry):
            if required is not None and not required.search(text):
                found.append((entry.msgctxt, entry.msgid, text, f"needs {row['english']!r}"))
            if forbidden is not None and (match := forbidden.search(text)):
                found.append((entry.msgctxt, entry.msgid, text, f"forbidden {match.group(0)!r}"))
    return found


def test_glossary_file_is_well_formed():
    assert rows(), "the glossary is empty"
    for row in rows():
        assert row["indonesian"].strip(), row
        assert row["english"].strip() or row["forbidden"].strip(), row
        for spec in (row["english"], row["forbidden"]):
            if spec:
                re.compile(spec)  # raises on a broken pattern
    keys = [(row["indonesian"].lower(), row["context"]) for row in rows()]
    assert len(keys) == len(set(keys)), "a term is listed twice with the same context"


@pytest.mark.parametrize(
    "row", rows(), ids=lambda row: f"{row['indonesian']}[{row['context'] or '-'}]"
)
def test_catalogue_uses_the_glossary_term(po, row):
    assert violations(po, row) == []


def test_ambiguous_words_carry_a_context(po):
    """A word listed with contexts never stands alone without one (it would get one meaning
    for all its uses: "Masuk" as "Sign in" on a case's date)."""
    contexts: dict[str, set[str]] = {}
    for row in rows():
        if row["context"]:
            contexts.setdefault(row["indonesian"], set()).add(row["context"])
    assert contexts
    # Exact msgid: a lower-case label ("masuk", a model field's name) is another msgid.
    wrong = [
        (entry.msgctxt, entry.msgid)
        for entry in po
        if entry.msgid in contexts and entry.msgctxt not in contexts[entry.msgid]
    ]
    assert wrong == []


def test_catalogue_is_complete(po):
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert not po.obsolete_entries()


def test_checker_catches_a_wrong_status_word():
    """The check itself works: "Sign in" for a case date and "e-mail" are reported."""
    fake = polib.POFile()
    fake.append(polib.POEntry(msgctxt="case date", msgid="Masuk", msgstr="Sign in"))
    fake.append(polib.POEntry(msgid="Alamat e-mail Anda", msgstr="Your e-mail address"))
    by_key = {(row["indonesian"], row["context"]): row for row in rows()}
    assert violations(fake, by_key[("Masuk", "case date")])
    assert violations(fake, by_key[("E-mail", "")])
    assert not violations(fake, by_key[("Anda", "")])


@pytest.mark.parametrize(
    ("language", "received", "closed"),
    [("en", "Received", "Closed"), ("id", "Masuk", "Selesai")],
)
def test_status_words_by_meaning(language, received, closed):
    with translation.override(language):
        html = Template(
            '{% load i18n %}{% translate "Masuk" context "case date" %}|'
            '{% translate "Masuk" context "account" %}'
        ).render(Context())
        assert html == f"{received}|{'Sign in' if language == 'en' else 'Masuk'}"
        assert str(ComplaintStatus.CLOSED.label) == closed
