"""PostgreSQL only: a trigram GIN index on Letter.search_text, so the archive search's
`LIKE '%word%'` per word is an index search rather than a scan of every letter. SQLite keeps
the scan (see docs/eoffice.md). pg_trgm is a trusted extension (PostgreSQL 13+): the owner of
the database may create it."""

from django.db import migrations

INDEX = "letter_search_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON letters_letter USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("letters", "0005_inbox_copy_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
