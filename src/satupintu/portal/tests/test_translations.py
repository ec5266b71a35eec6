"""The English catalogue is complete, well-formed, compiled, and actually served."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUE_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_PATH = CATALOGUE_DIR / "django.po"
MO_PATH = CATALOGUE_DIR / "django.mo"

# A python-format placeholder: %(name)s, %(n)d, %(x).2f ...; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%%|%\(\w+\)[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def placeholders(text):
    return {token for token in PLACEHOLDER.findall(text) if token != "%%"}


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(PO_PATH))


def test_every_entry_is_translated(po):
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    assert untranslated == []
    assert len(po) > 0
    assert po.percent_translated() == 100


def test_no_entry_is_fuzzy(po):
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == "en"


def test_no_obsolete_entries(po):
    assert [entry.msgid for entry in po.obsolete_entries()] == []


def test_placeholders_match(po):
    mismatches = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            pairs = [(entry.msgid if i == 0 else entry.msgid_plural, forms[i]) for i in forms]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translated in pairs:
            if placeholders(source) != placeholders(translated):
                mismatches.append((source, translated))
    assert mismatches == []


def test_plural_entries_fill_every_form(po):
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    for entry in po:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == list(range(nplurals)), entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


def _load_mo(path):
    """(metadata, messages) of a compiled catalogue, as gettext reads it at run time."""
    with open(path, "rb") as handle:
        translations = gettext.GNUTranslations(handle)
    info = dict(translations.info())
    # msgfmt leaves out the POT creation date; polib keeps it. It is not used at run time.
    info.pop("pot-creation-date", None)
    messages = dict(translations._catalog)
    messages.pop("", None)  # the raw header, compared through `info` above
    return info, messages


def test_compiled_mo_matches_po(po, tmp_path):
    """The committed .mo was compiled from the current .po (run compilemessages if not)."""
    assert MO_PATH.exists(), "django.mo is missing: run compilemessages"
    fresh = tmp_path / "django.mo"
    po.save_as_mofile(str(fresh))
    committed_info, committed = _load_mo(MO_PATH)
    expected_info, expected = _load_mo(fresh)
    assert committed_info == expected_info
    stale = sorted(str(key) for key in expected.keys() - committed.keys())
    extra = sorted(str(key) for key in committed.keys() - expected.keys())
    changed = sorted(
        str(key) for key in expected.keys() & committed.keys() if expected[key] != committed[key]
    )
    assert (stale, extra, changed) == ([], [], [])
    assert len(committed) == len(po.translated_entries()) + sum(
        len(entry.msgstr_plural) - 1 for entry in po.translated_entries() if entry.msgid_plural
    )


@pytest.fixture
def restore_language():
    # CookieLocaleMiddleware activates the request's language and leaves it active.
    previous = translation.get_language()
    yield
    translation.activate(previous)


@pytest.mark.usefixtures("reference_data", "restore_language")
def test_home_page_in_english_with_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "What do you need?" in html
    assert "Apa yang Anda perlukan?" not in html
    assert response.headers["Content-Language"] == "en"


@pytest.mark.usefixtures("reference_data", "restore_language")
def test_home_page_in_indonesian_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id"' in html
    assert "Apa yang Anda perlukan?" in html
    assert "What do you need?" not in html


@pytest.mark.usefixtures("reference_data", "restore_language")
def test_home_page_ignores_browser_language_without_cookie(client):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    html = response.content.decode()
    assert '<html lang="id"' in html
    assert "Apa yang Anda perlukan?" in html
