"""The SQLite archive-search index (letters/fulltext.py): the FTS5 trigram table answers the
same substring question as the LIKE it replaces, and its triggers keep it in step with every
write of `search_text` (services, raw updates, deletes). On PostgreSQL the search uses LIKE on
the pg_trgm index; the behaviour tests run on both databases."""

import pytest
from django.db import connection

from satupintu.letters import fulltext, selectors
from satupintu.letters.models import Letter
from satupintu.letters.tests.conftest import register

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the FTS5 index exists on SQLite only"
)


def find(user, query):
    return list(selectors.search(user, selectors.filters_from({"q": query})))


def fts_ids(query):
    with connection.cursor() as cursor:
        cursor.execute(fulltext.matching_ids_sql(), [fulltext.match_expression([query])])
        return {row[0] for row in cursor.fetchall()}


def test_substrings_in_any_order_and_case(org, code):
    letter = register(org.tu_setda, org.setda, subject="Penanganan BANJIR di Manggar")
    other = register(org.tu_setda, org.setda, number="2/X", subject="Pengelolaan sampah")
    assert find(org.sekda, "anjir") == [letter]  # inside a word, as LIKE '%anjir%'
    assert find(org.sekda, "manggar banjir") == [letter]  # every word, any order
    assert find(org.sekda, "Banjir sampah") == []
    assert find(org.sekda, "sampah") == [other]


def test_short_words_still_count(org, code):
    """Words under three characters cannot be read from a trigram index: they stay a LIKE
    and still have to match."""
    letter = register(org.tu_setda, org.setda, subject="Rapat RT 05 Klandasan")
    assert find(org.sekda, "rt klandasan") == [letter]
    assert find(org.sekda, "rw klandasan") == []
    assert find(org.sekda, "05") == [letter]


@pytest.mark.parametrize(
    "query", ['"', 'ban"jir', "banjir AND", "NOT banjir", "ban*", "a OR b", "(x"]
)
def test_query_syntax_is_never_interpreted(org, code, query):
    register(org.tu_setda, org.setda, subject="Penanganan banjir")
    # No FTS5 syntax error reaches the user; operators are just text to look for.
    assert isinstance(find(org.sekda, query), list)


def test_not_operator_is_text(org, code):
    register(org.tu_setda, org.setda, subject="Penanganan banjir")
    assert find(org.sekda, "NOT banjir") == []  # "not" is a word the letter lacks


def test_archive_page_with_odd_query(client, org, code):
    register(org.tu_setda, org.setda, subject="Penanganan banjir")
    client.force_login(org.sekda)
    response = client.get("/kantor/surat/arsip/", {"q": 'banjir" OR "'})
    assert response.status_code == 200


@sqlite_only
def test_index_follows_updates_and_deletes(org, code):
    letter = register(org.tu_setda, org.setda, subject="Penanganan banjir")
    assert letter.pk in fts_ids("banjir")
    Letter.objects.filter(pk=letter.pk).update(search_text="perbaikan jalan lingkungan")
    assert letter.pk not in fts_ids("banjir")
    assert letter.pk in fts_ids("jalan")
    letter.refresh_from_db()
    letter.subject = "Status berubah, teks tetap"
    letter.save(update_fields=["subject"])  # a save that keeps search_text keeps the entry
    assert letter.pk in fts_ids("jalan")
    Letter.objects.filter(pk=letter.pk).delete()
    assert fts_ids("jalan") == set()


@sqlite_only
def test_lost_triggers_are_recreated_and_index_rebuilt(org, code):
    """A table rebuilt by Django's SQLite schema editor loses its triggers; post_migrate's
    ensure() recreates them and rebuilds the index from the letters."""
    letter = register(org.tu_setda, org.setda, subject="Penanganan banjir")
    with connection.cursor() as cursor:
        for name in fulltext.TRIGGERS:
            cursor.execute("DROP TRIGGER " + name)
    Letter.objects.filter(pk=letter.pk).update(search_text="kebersihan pantai")
    assert letter.pk not in fts_ids("pantai")  # stale while the triggers are gone
    assert fulltext.ensure() is True
    assert letter.pk in fts_ids("pantai") and letter.pk not in fts_ids("banjir")
    assert fulltext.ensure() is False  # nothing missing the second time
    Letter.objects.filter(pk=letter.pk).update(search_text="air bersih")
    assert letter.pk in fts_ids("bersih")


@sqlite_only
def test_plan_reads_the_index(org, code):
    search = selectors.search(org.sekda, selectors.filters_from({"q": "banjir"}))
    sql, params = search.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "VIRTUAL TABLE INDEX" in plan and "letters_letter_fts" in plan


def test_agenda_number_alone_finds_the_letter(org, code):
    letter = register(org.tu_setda, org.setda, subject="Penanganan banjir")
    other = register(org.tu_setda, org.setda, number="2/X", subject="Nomor 4321 di perihal")
    Letter.objects.filter(pk=letter.pk).update(agenda_number=4321)
    found = find(org.sekda, "4321")
    assert set(found) == {letter, other}  # by agenda number, and by text
    assert find(org.sekda, "4321 banjir") == []  # two words: every word must be in the text
    assert find(org.sekda, "9" * 30) == []  # too long for a number column: text only


def test_agenda_number_search_respects_rahasia(org, code):
    from satupintu.testing.factories import make_staff

    secret = register(org.tu_setda, org.setda, subject="Rahasia", sifat=Letter.Sifat.SECRET)
    Letter.objects.filter(pk=secret.pk).update(agenda_number=777)
    outsider = make_staff(org.setda, email="staf.setda@bpp.go.id")
    assert find(outsider, "777") == []
    assert find(org.sekda, "777") == [secret]
