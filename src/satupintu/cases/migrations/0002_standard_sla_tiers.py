from django.db import migrations

# Tiers seen in published SP4N-LAPOR! standards; cities edit them in the admin.
TIERS = [
    ("ringan", "Ringan", 2, "Informasi atau gangguan ringan"),
    ("normatif", "Normatif", 5, "Tindak lanjut oleh unit (standar)"),
    ("non-pengawasan", "Non-pengawasan", 14, "Perlu koordinasi atau pekerjaan lapangan"),
    ("pengawasan", "Pengawasan", 60, "Perlu pemeriksaan (pengawasan)"),
]


def create(apps, schema_editor):
    SlaTier = apps.get_model("cases", "SlaTier")
    for code, name, days, description in TIERS:
        SlaTier.objects.get_or_create(
            code=code, defaults={"name": name, "working_days": days, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
