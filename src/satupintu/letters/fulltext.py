"""Archive search index on SQLite: an FTS5 table with the trigram tokenizer over
`Letter.search_text`, kept in step by triggers.

Why: the search asks that every word of the query occurs somewhere in a letter's text (a
substring, as `LIKE '%word%'`). Without an index SQLite reads the text of every letter the user
may see — over 100 000 letters with extracted PDF text that is the whole budget. A trigram FTS5
index answers the same substring question (for words of three or more characters) from the
index. PostgreSQL uses a pg_trgm GIN index on the column itself instead (migration 0006).

Triggers rather than code in the services: every path that writes `search_text` (services,
the text-extraction task, bulk loads, raw updates) keeps the index right. The table is an
external-content table (it stores no second copy of the text).

Django's SQLite schema editor rebuilds a table to alter it (new table, copy, drop, rename),
which drops its triggers. `ensure()` runs after every `migrate` (post_migrate) and recreates
what is missing, rebuilding the index when it had to recreate a trigger.
"""

from django.db import connections

# Plain SQL constants (no names interpolated): the statements are fixed.
TABLE = "letters_letter_fts"
SOURCE = "letters_letter"
CREATE_TABLE = (
    "CREATE VIRTUAL TABLE letters_letter_fts USING fts5(search_text, "
    "content='letters_letter', content_rowid='id', tokenize='trigram')"
)
REBUILD = "INSERT INTO letters_letter_fts(letters_letter_fts) VALUES ('rebuild')"
TRIGGERS = {
    "letters_letter_fts_insert": """
        CREATE TRIGGER IF NOT EXISTS letters_letter_fts_insert AFTER INSERT ON letters_letter
        BEGIN
            INSERT INTO letters_letter_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    "letters_letter_fts_delete": """
        CREATE TRIGGER IF NOT EXISTS letters_letter_fts_delete AFTER DELETE ON letters_letter
        BEGIN
            INSERT INTO letters_letter_fts(letters_letter_fts, rowid, search_text)
                VALUES ('delete', old.id, old.search_text);
        END""",
    # Only when the text changes: a status change saves every column of the letter and would
    # otherwise re-index its whole text.
    "letters_letter_fts_update": """
        CREATE TRIGGER IF NOT EXISTS letters_letter_fts_update
        AFTER UPDATE OF search_text, id ON letters_letter
        WHEN old.search_text IS NOT new.search_text OR old.id IS NOT new.id
        BEGIN
            INSERT INTO letters_letter_fts(letters_letter_fts, rowid, search_text)
                VALUES ('delete', old.id, old.search_text);
            INSERT INTO letters_letter_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
}
MATCHING_IDS = "SELECT rowid FROM letters_letter_fts WHERE letters_letter_fts MATCH %s"
OR_AGENDA_NUMBER = " UNION SELECT id FROM letters_letter WHERE agenda_number = %s"
MIN_WORD = 3  # the trigram tokenizer cannot match a shorter string


def available(alias: str = "default") -> bool:
    return connections[alias].vendor == "sqlite"


def _existing(cursor, kind: str) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
    return {row[0] for row in cursor.fetchall()}


def ensure(alias: str = "default") -> bool:
    """Create the index table and its triggers where missing; returns True when it rebuilt
    the index (a fresh table, or a trigger had been lost so the index may be stale)."""
    if not available(alias):
        return False
    with connections[alias].cursor() as cursor:
        tables = _existing(cursor, "table")
        if SOURCE not in tables:
            return False
        created = TABLE not in tables
        if created:
            cursor.execute(CREATE_TABLE)
        missing = set(TRIGGERS) - _existing(cursor, "trigger")
        for name in sorted(missing):
            cursor.execute(TRIGGERS[name])
        if created or missing:
            cursor.execute(REBUILD)
            return True
    return False


def drop(alias: str = "default") -> None:
    if not available(alias):
        return
    with connections[alias].cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute("DROP TRIGGER IF EXISTS " + name)  # noqa: S608 - a constant name
        cursor.execute("DROP TABLE IF EXISTS letters_letter_fts")


def match_expression(words: list[str]) -> str:
    """An FTS5 query asking for every word as a substring: each word a quoted string (so no
    word is read as an operator), joined by AND."""
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


def matching_ids_sql() -> str:
    return MATCHING_IDS


def on_post_migrate(sender, using="default", **kwargs) -> None:
    ensure(using)
