"""The archive search: on SQLite the FTS5 trigram index and the triggers that keep it in step
with Letter.search_text (see letters/fulltext.py; PostgreSQL has its pg_trgm index, 0006); on
both databases an index on the agenda number, which a number alone also finds."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    from satupintu.letters import fulltext

    fulltext.ensure(schema_editor.connection.alias)


def backwards(apps, schema_editor):
    from satupintu.letters import fulltext

    fulltext.drop(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("letters", "0006_search_trigram_index")]

    operations = [
        migrations.AddIndex(
            model_name="letter",
            index=models.Index(fields=["agenda_number"], name="letter_agenda_number"),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
