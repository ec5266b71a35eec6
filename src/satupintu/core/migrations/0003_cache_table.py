from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Creates the table of a DatabaseCache (settings.CACHES); does nothing for other caches.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_periodictaskrun")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
